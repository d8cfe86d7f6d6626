import type * as Y from 'yjs';
import { defineCollection, readInvestigator, readText } from './collections.js';
import { requiredTextSchema, textSchema, webAddressSchema } from './fieldSchemas.js';
import type { Change, Investigator } from './investigator.js';
import { isPreciseDate, type PreciseDate, preciseDateSchema } from './preciseDate.js';
import { abbreviate } from './validation.js';

/** A claim under investigation: what was said, where and when it was first seen, and by whom. */
export interface Claim {
  id: string;
  text: string;
  url: string;
  platform: string;
  firstSeen: PreciseDate | null;
  claimant: string;
  createdAt: string;
  createdBy: Investigator;
}

export type ClaimInput = Partial<Pick<Claim, 'text' | 'url' | 'platform' | 'firstSeen' | 'claimant'>> & {
  text: string;
};

export const MAX_CLAIM_TEXT_LENGTH = 5000;

const claims = defineCollection<Claim>({
  name: 'claims',
  target: 'claim',
  fields: {
    text: {
      schema: requiredTextSchema('A claim’s text', MAX_CLAIM_TEXT_LENGTH, 'write the claim as it was made.'),
      typed: true,
    },
    url: { schema: webAddressSchema('The claim’s address'), initial: () => '', typed: true },
    platform: { schema: textSchema('The platform', 200), initial: () => '', typed: true },
    firstSeen: { schema: preciseDateSchema.nullable(), initial: () => null },
    claimant: { schema: textSchema('The claimant', 300), initial: () => '', typed: true },
  },
  read: (_doc: Y.Doc, id: string, map: Y.Map<unknown>): Claim => {
    const firstSeen = map.get('firstSeen');
    return {
      id,
      text: readText(map, 'text'),
      url: readText(map, 'url'),
      platform: readText(map, 'platform'),
      firstSeen: isPreciseDate(firstSeen) ? { value: firstSeen.value, precision: firstSeen.precision } : null,
      claimant: readText(map, 'claimant'),
      createdAt: readText(map, 'createdAt'),
      createdBy: readInvestigator(map, 'createdBy'),
    };
  },
  label: (claim) => abbreviate(claim.text, 120),
  stamp: (by, at) => ({ createdAt: at, createdBy: by }),
  order: (a, b) => a.createdAt.localeCompare(b.createdAt),
});

/** Adds a claim; returns its id. */
export function addClaim(doc: Y.Doc, input: ClaimInput, change: Change): string {
  return claims.add(doc, input, change);
}

export function updateClaim(doc: Y.Doc, id: string, patch: Partial<ClaimInput>, change: Change): void {
  claims.update(doc, id, patch, change);
}

/** Deletes a claim and unlinks it from actors and evidence. */
export function deleteClaim(doc: Y.Doc, id: string, change: Change): void {
  claims.remove(doc, id, change);
}

/** Claims in the order they were added. */
export function countClaims(doc: Y.Doc): number {
  return claims.count(doc);
}

export function listClaims(doc: Y.Doc): Claim[] {
  return claims.list(doc);
}

export function getClaim(doc: Y.Doc, id: string): Claim | null {
  return claims.get(doc, id);
}
