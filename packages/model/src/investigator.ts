import { z } from 'zod';
import { parse } from './validation.js';

/** Who did something: `id` is a random id made once per installation, `name` what colleagues see. */
export interface Investigator {
  id: string;
  name: string;
}

/** Every write says who makes it (and, for tests and imports, when; otherwise now). */
export interface Change {
  by: Investigator;
  now?: Date;
}

export const MAX_INVESTIGATOR_NAME_LENGTH = 200;

const WHO_HINT = 'pass the investigator as { id, name } (id: this installation’s random id).';

export const investigatorSchema: z.ZodType<Investigator> = z
  .object(
    {
      id: z
        .string({ error: `An investigator needs an id: ${WHO_HINT}` })
        .trim()
        .min(1, `An investigator needs an id: ${WHO_HINT}`)
        .max(200, 'An investigator id is at most 200 characters.'),
      name: z
        .string({ error: `An investigator needs a name: ${WHO_HINT}` })
        .trim()
        .min(1, 'An investigator needs a name that colleagues will see in the activity log; set one in Settings.')
        .max(
          MAX_INVESTIGATOR_NAME_LENGTH,
          `An investigator’s name is at most ${MAX_INVESTIGATOR_NAME_LENGTH} characters; shorten it.`,
        ),
    },
    { error: `Every change records who made it: ${WHO_HINT}` },
  )
  // Only who, never more: a colour or settings passed along do not belong in the case.
  .transform(({ id, name }) => ({ id, name }));

const changeSchema = z.object(
  {
    by: investigatorSchema,
    now: z
      .date({ error: 'A change’s time (`now`) is a Date; leave it out to use the current time.' })
      .refine((date) => !Number.isNaN(date.getTime()), 'A change’s time (`now`) is not a valid date.')
      .optional(),
  },
  { error: `Every change records who made it: pass { by: { id, name } } as the last argument.` },
);

export interface CheckedChange {
  by: Investigator;
  /** ISO time, UTC. */
  at: string;
}

/** Validates who and when; a write calls this before it writes anything. */
export function checkChange(change: unknown): CheckedChange {
  const checked = parse(changeSchema, change);
  return { by: checked.by, at: (checked.now ?? new Date()).toISOString() };
}

export function isInvestigator(value: unknown): value is Investigator {
  return investigatorSchema.safeParse(value).success;
}
