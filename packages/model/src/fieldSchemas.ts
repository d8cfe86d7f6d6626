import { z } from 'zod';
import { isWebAddress } from './validation.js';

/**
 * Field schemas the collections share, each carrying messages that say what was wrong and what to
 * do. `what` names the field as a person would ("A claim's text").
 */

export function textSchema(what: string, max: number): z.ZodType<string> {
  return z
    .string({ error: `${what} is text.` })
    .max(
      max,
      `${what} is at most ${max} characters; shorten it${max >= 1000 ? ' or move the rest to the notes' : ''}.`,
    );
}

/** Text that must say something; stored as typed (trimming while someone types would eat their spaces). */
export function requiredTextSchema(what: string, max: number, hint: string): z.ZodType<string> {
  return z
    .string({
      error: (issue) => (issue.input === undefined ? `${what} is required: ${hint}` : `${what} is text.`),
    })
    .refine((value) => value.trim() !== '', `${what} is required: ${hint}`)
    .refine((value) => value.length <= max, `${what} is at most ${max} characters; shorten it.`);
}

/** An http(s) address, or '' for none. */
export function webAddressSchema(what: string): z.ZodType<string> {
  return z
    .string({ error: `${what} is a web address (text).` })
    .trim()
    .max(4000, `${what} is at most 4000 characters.`)
    .superRefine((value, context) => {
      if (value !== '' && !isWebAddress(value)) {
        context.addIssue({
          code: 'custom',
          message: `${what} is not a valid web address: ${JSON.stringify(value)}. Write it in full, starting with http:// or https://, or leave it empty.`,
        });
      }
    });
}

export const MAX_LINKS = 5000;

export function idListSchema(what: string): z.ZodType<string[]> {
  return z
    .array(z.string({ error: `${what} is a list of item ids.` }), { error: `${what} is a list of item ids.` })
    .max(MAX_LINKS, `${what} holds at most ${MAX_LINKS} links.`);
}

export const MAX_TAG_LENGTH = 60;
export const MAX_TAGS = 100;

export const tagsSchema: z.ZodType<string[]> = z
  .array(
    z
      .string({ error: 'A tag is text.' })
      .trim()
      .min(1, 'A tag cannot be empty; remove it or type a word.')
      .max(MAX_TAG_LENGTH, `A tag is at most ${MAX_TAG_LENGTH} characters; shorten it.`),
    { error: 'Tags are a list of words.' },
  )
  .max(MAX_TAGS, `An item has at most ${MAX_TAGS} tags.`);
