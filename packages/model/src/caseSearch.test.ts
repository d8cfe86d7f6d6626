import { describe, expect, it } from 'vitest';
import { addActor } from './actors.js';
import { caseSearchDocument } from './caseSearch.js';
import { addClaim } from './claims.js';
import { addEvent } from './events.js';
import { captureEvidence, deleteEvidence, quoteFile } from './evidence.js';
import { alice, by, newCase } from './testSupport.js';

describe('the search document of a case', () => {
  it('holds title, claims, evidence, prose and actors, Cyrillic included, and leaves deleted evidence out', () => {
    const doc = newCase('NATO centre in Astana');
    addClaim(doc, { text: 'NATO opened a peacekeeping centre', claimant: 'Telegram channels' }, by(alice));
    addActor(doc, { name: 'Аргументы и факты', kind: 'outlet', notes: 'Московское издание' }, by(alice));
    addActor(doc, { name: 'Қорғаныс министрлігі', kind: 'organisation' }, by(alice));
    addEvent(doc, { date: { value: '2022-10', precision: 'month' }, title: 'Ministry denies it' }, by(alice));
    const text = 'Министерство обороны опровергло';
    captureEvidence(
      doc,
      {
        kind: 'quote',
        captureTool: 't',
        quote: text,
        files: [quoteFile(text).file],
        title: 'Denial',
        tags: ['опровержение'],
      },
      by(alice),
    );
    const gone = captureEvidence(
      doc,
      { kind: 'link', captureTool: 't', sourceUrl: 'https://example.org/x', title: 'Withdrawn capture' },
      by(alice),
    );
    deleteEvidence(doc, gone, 'Wrong case', by(alice));

    const search = caseSearchDocument(doc, 'case-1');
    expect(search.id).toBe('case-1');
    expect(search.title).toBe('NATO centre in Astana');
    expect(search.claims).toContain('NATO opened a peacekeeping centre');
    expect(search.claims).toContain('Telegram channels');
    expect(search.actors).toContain('Аргументы и факты');
    expect(search.actors).toContain('Московское издание');
    expect(search.actors).toContain('Қорғаныс министрлігі');
    expect(search.evidence).toContain('Denial');
    expect(search.evidence).toContain('Министерство обороны опровергло');
    expect(search.evidence).toContain('опровержение');
    expect(search.evidence).not.toContain('Withdrawn capture');
    expect(search.notes).toContain('Ministry denies it');
  });
});
