import type * as Y from 'yjs';
import { z } from 'zod';
import { defineCollection, readInvestigator, readLinks, readText } from './collections.js';
import { idListSchema, requiredTextSchema, textSchema, webAddressSchema } from './fieldSchemas.js';
import type { Change, Investigator } from './investigator.js';

export const ACTOR_KINDS = ['outlet', 'channel', 'account', 'person', 'organisation'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

/** Who made or spread a claim: an outlet, channel, account, person or organisation. */
export interface Actor {
  id: string;
  name: string;
  kind: ActorKind;
  platform: string;
  url: string;
  /** The platform's own id for the actor (a channel's handle, an account number), for matching later. */
  platformId: string;
  notes: string;
  /** Claims this actor made or spread. */
  claimIds: string[];
  createdAt: string;
  createdBy: Investigator;
}

export type ActorInput = Partial<
  Pick<Actor, 'name' | 'kind' | 'platform' | 'url' | 'platformId' | 'notes' | 'claimIds'>
> &
  Pick<Actor, 'name' | 'kind'>;

const actorKindSchema = z.enum(ACTOR_KINDS, {
  error: (issue) =>
    issue.input === undefined
      ? `An actor needs a kind: one of ${ACTOR_KINDS.join(', ')}.`
      : `Unknown actor kind ${JSON.stringify(issue.input)}; use one of: ${ACTOR_KINDS.join(', ')}.`,
});

const actors = defineCollection<Actor>({
  name: 'actors',
  target: 'actor',
  fields: {
    name: {
      schema: requiredTextSchema('An actor’s name', 300, 'name the outlet, channel, account, person or organisation.'),
      typed: true,
    },
    kind: { schema: actorKindSchema },
    platform: { schema: textSchema('The platform', 200), initial: () => '', typed: true },
    url: { schema: webAddressSchema('The actor’s address'), initial: () => '', typed: true },
    platformId: { schema: textSchema('The platform id', 300), initial: () => '', typed: true },
    notes: { schema: textSchema('The notes on an actor', 10000), initial: () => '', typed: true },
    claimIds: { schema: idListSchema('The actor’s claims'), initial: () => [], list: 'links' },
  },
  read: (doc, id, map): Actor => {
    const kind = map.get('kind');
    return {
      id,
      name: readText(map, 'name'),
      kind: ACTOR_KINDS.includes(kind as ActorKind) ? (kind as ActorKind) : 'account',
      platform: readText(map, 'platform'),
      url: readText(map, 'url'),
      platformId: readText(map, 'platformId'),
      notes: readText(map, 'notes'),
      claimIds: readLinks(doc, map, 'claimIds', 'claims'),
      createdAt: readText(map, 'createdAt'),
      createdBy: readInvestigator(map, 'createdBy'),
    };
  },
  label: (actor) => actor.name,
  stamp: (by, at) => ({ createdAt: at, createdBy: by }),
  order: (a, b) => a.createdAt.localeCompare(b.createdAt),
});

/** Adds an actor; returns its id. */
export function addActor(doc: Y.Doc, input: ActorInput, change: Change): string {
  return actors.add(doc, input, change);
}

export function updateActor(doc: Y.Doc, id: string, patch: Partial<ActorInput>, change: Change): void {
  actors.update(doc, id, patch, change);
}

/** Deletes an actor and unlinks it from evidence and events. */
export function deleteActor(doc: Y.Doc, id: string, change: Change): void {
  actors.remove(doc, id, change);
}

/** Actors in the order they were added. */
export function countActors(doc: Y.Doc): number {
  return actors.count(doc);
}

export function listActors(doc: Y.Doc): Actor[] {
  return actors.list(doc);
}

export function getActor(doc: Y.Doc, id: string): Actor | null {
  return actors.get(doc, id);
}
