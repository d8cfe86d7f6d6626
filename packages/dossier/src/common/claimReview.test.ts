import { describe, expect, it } from 'vitest';
import { demoCase } from '../testSupport/demoDossier.js';
import { toClaimReviews } from './claimReview.js';

describe('the verdict as schema.org ClaimReview', () => {
  it('carries every field fact-check readers look for, with the right types', () => {
    const { dossier } = demoCase();
    const [review, ...more] = toClaimReviews(dossier);
    expect(more).toEqual([]);
    expect(review).toBeDefined();
    if (!review) return;
    expect(review['@context']).toBe('https://schema.org');
    expect(review['@type']).toBe('ClaimReview');
    expect(review.claimReviewed).toBe(
      'NATO has officially opened a peacekeeping centre in Astana, the capital of Kazakhstan.',
    );
    expect(review.reviewRating).toEqual({
      '@type': 'Rating',
      ratingValue: 1,
      bestRating: 5,
      worstRating: 1,
      alternateName: 'False',
    });
    expect(typeof review.reviewRating.ratingValue).toBe('number');
    expect(review.author).toEqual({ '@type': 'Person', name: 'Casefile demo' });
    // The review is published when the verdict was approved, as an ISO date.
    expect(review.datePublished).toBe('2024-03-01');

    const item = review.itemReviewed;
    expect(item['@type']).toBe('Claim');
    expect(item.author).toEqual({ '@type': 'Organization', name: 'Russian-language Telegram channels' });
    expect(item.datePublished).toBe('2022-10');
    expect(item.firstAppearance).toMatchObject({ '@type': 'CreativeWork', datePublished: '2022-10' });
    expect(typeof item.firstAppearance.name).toBe('string');
    expect(Array.isArray(item.appearance)).toBe(true);
    expect(item.appearance[0]).toEqual(item.firstAppearance);
    // The outlets that spread the claim appear as works authored by them.
    const authors = item.appearance.map((work) => work.author?.name);
    expect(authors).toContain('Argumenty i Fakty (Аргументы и факты)');
    expect(authors).toContain('Moskovsky Komsomolets (Московский комсомолец)');
    for (const work of item.appearance) expect(work['@type']).toBe('CreativeWork');
  });

  it('gives Unproven its name without a value on the scale', () => {
    const { dossier } = demoCase();
    const [review] = toClaimReviews({
      ...dossier,
      verdict: { ...dossier.verdict, rating: 'unproven', label: 'Unproven' },
    });
    expect(review?.reviewRating).toEqual({
      '@type': 'Rating',
      bestRating: 5,
      worstRating: 1,
      alternateName: 'Unproven',
    });
  });

  it('writes none while the verdict has no rating', () => {
    const { dossier } = demoCase();
    expect(toClaimReviews({ ...dossier, verdict: { ...dossier.verdict, rating: null, label: null } })).toEqual([]);
  });

  it('names the publishing organisation when the export says who publishes', () => {
    const { dossier } = demoCase();
    const [review] = toClaimReviews(dossier, {
      reviewAuthor: { '@type': 'Organization', name: 'Example Fact Check', url: 'https://factcheck.example' },
    });
    expect(review?.author).toEqual({
      '@type': 'Organization',
      name: 'Example Fact Check',
      url: 'https://factcheck.example',
    });
  });
});
