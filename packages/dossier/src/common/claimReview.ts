import { type ClaimReviewRating, toClaimReviewRating, VERDICT_RATINGS, type VerdictRating } from '@casefile/model';
import type { DossierActor, DossierCase, DossierClaim } from './caseJson.js';

/** schema.org `Person` or `Organization`, as ClaimReview names authors. */
export interface SchemaAuthor {
  '@type': 'Person' | 'Organization';
  name: string;
  url?: string;
}

/** schema.org `CreativeWork`: one place where the claim appeared. */
export interface ClaimAppearance {
  '@type': 'CreativeWork';
  name: string;
  url?: string;
  datePublished?: string;
  author?: SchemaAuthor;
}

/** schema.org `ClaimReview` (https://schema.org/ClaimReview), as fact-check search engines read it. */
export interface ClaimReview {
  '@context': 'https://schema.org';
  '@type': 'ClaimReview';
  claimReviewed: string;
  reviewRating: ClaimReviewRating;
  itemReviewed: {
    '@type': 'Claim';
    author: SchemaAuthor;
    datePublished?: string;
    appearance: ClaimAppearance[];
    firstAppearance: ClaimAppearance;
  };
  author: SchemaAuthor;
  datePublished: string;
  name: string;
}

export interface ClaimReviewOptions {
  /** Who publishes the review; defaults to the verdict's reviewer as a Person. */
  reviewAuthor?: SchemaAuthor;
}

const ORGANISATION_KINDS = new Set(['outlet', 'channel', 'organisation']);

function actorAsAuthor(actor: DossierActor): SchemaAuthor {
  const author: SchemaAuthor = {
    '@type': ORGANISATION_KINDS.has(actor.kind) ? 'Organization' : 'Person',
    name: actor.name,
  };
  if (actor.url !== '') author.url = actor.url;
  return author;
}

/**
 * Who made the claim. A claimant that matches an actor of the case takes that actor's type and
 * address; otherwise it is named as an Organization when unknown, since "Telegram channels" or
 * "state media" are rarely one person.
 */
function claimAuthor(claim: DossierClaim, actors: DossierActor[]): SchemaAuthor {
  const named = claim.claimant.trim();
  const match = actors.find((actor) => actor.name === named);
  if (match) return actorAsAuthor(match);
  return { '@type': 'Organization', name: named === '' ? 'Unknown' : named };
}

/** Where the claim was first seen: its address, platform and date, as far as the case knows them. */
function firstAppearance(claim: DossierClaim, author: SchemaAuthor): ClaimAppearance {
  const appearance: ClaimAppearance = {
    '@type': 'CreativeWork',
    name: claim.platform !== '' ? `First seen on ${claim.platform}` : 'First known appearance',
    author,
  };
  if (claim.url !== '') appearance.url = claim.url;
  if (claim.firstSeen) appearance.datePublished = claim.firstSeen.value;
  return appearance;
}

/** An ISO date (YYYY-MM-DD) from an ISO timestamp. */
function isoDay(timestamp: string): string {
  return timestamp.slice(0, 10);
}

/**
 * The verdict as schema.org ClaimReview JSON-LD, one per claim (a case reviews one claim, sometimes
 * a few, under one verdict). Empty while the verdict has no rating: a review needs one.
 * `appearance` holds the first appearance and one work per actor who made or spread the claim.
 */
export function toClaimReviews(dossier: DossierCase, options: ClaimReviewOptions = {}): ClaimReview[] {
  const rating = dossier.verdict.rating;
  if (rating === null || !VERDICT_RATINGS.some((entry) => entry.rating === rating)) return [];
  const reviewRating = toClaimReviewRating(rating as VerdictRating);
  const reviewer = dossier.verdict.reviewer.trim() || dossier.verdict.approvedBy?.name || 'Casefile investigation team';
  const author = options.reviewAuthor ?? { '@type': 'Person', name: reviewer };
  const datePublished = isoDay(dossier.verdict.approvedAt ?? dossier.exportedAt);
  return dossier.claims.map((claim) => {
    const claimant = claimAuthor(claim, dossier.actors);
    const first = firstAppearance(claim, claimant);
    const spreaders = dossier.actors
      .filter((actor) => actor.claimIds.includes(claim.id))
      .map((actor): ClaimAppearance => {
        const work: ClaimAppearance = {
          '@type': 'CreativeWork',
          name: actor.platform !== '' ? `${actor.name} on ${actor.platform}` : actor.name,
          author: actorAsAuthor(actor),
        };
        if (actor.url !== '') work.url = actor.url;
        return work;
      });
    const itemReviewed: ClaimReview['itemReviewed'] = {
      '@type': 'Claim',
      author: claimant,
      appearance: [first, ...spreaders],
      firstAppearance: first,
    };
    if (claim.firstSeen) itemReviewed.datePublished = claim.firstSeen.value;
    return {
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      name: dossier.case.title,
      claimReviewed: claim.text,
      reviewRating,
      itemReviewed,
      author,
      datePublished,
    };
  });
}
