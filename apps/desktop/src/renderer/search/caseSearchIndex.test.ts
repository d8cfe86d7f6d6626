import {
  addActor,
  addClaim,
  addEvent,
  type Change,
  captureEvidence,
  type Investigator,
  initCase,
  quoteFile,
  setSummary,
} from '@casefile/model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  caseSearchEntry,
  createCaseSearchIndex,
  normalizeSearchTerm,
  putCaseInIndex,
  searchCases,
  tokenizeForSearch,
} from './caseSearchIndex';

const aigerim: Investigator = { id: 'aigerimaigerimaigeri', name: 'Aigerim' };
const change: Change = { by: aigerim, now: new Date('2026-05-01T10:00:00.000Z') };

function astanaCase(): Y.Doc {
  const doc = new Y.Doc();
  initCase(doc, { title: 'NATO peacekeeping centre in Astana' }, change);
  const claim = addClaim(
    doc,
    { text: 'NATO officially opened a peacekeeping centre in Astana', claimant: 'Telegram channels' },
    change,
  );
  addActor(doc, { name: 'Аргументы и факты', kind: 'outlet', platform: 'aif.ru', claimIds: [claim] }, change);
  const quote = 'The centre belongs to the Ministry of Defence of Kazakhstan.';
  captureEvidence(
    doc,
    { kind: 'quote', captureTool: 'test', quote, title: 'Ministry of Defence denial', files: [quoteFile(quote).file] },
    change,
  );
  addEvent(doc, { date: { value: '2022-10-25', precision: 'day' }, title: 'Moscow outlets repeat the story' }, change);
  setSummary(doc, 'A genuine photo with a false caption.', change);
  return doc;
}

function biolabsCase(): Y.Doc {
  const doc = new Y.Doc();
  initCase(doc, { title: 'Biolabs moved out of Ukraine' }, change);
  addClaim(doc, { text: 'US biolabs were moved from Ukraine to Kazakhstan' }, change);
  return doc;
}

const ASTANA = 'a'.repeat(24);
const BIOLABS = 'b'.repeat(24);

function index() {
  return createCaseSearchIndex([caseSearchEntry(astanaCase(), ASTANA), caseSearchEntry(biolabsCase(), BIOLABS)]);
}

describe('tokenizeForSearch', () => {
  it('splits on anything that is not a letter or digit, in any script', () => {
    expect(tokenizeForSearch('Аргументы и факты, 25.10.2022: “NATO’s centre”')).toEqual([
      'Аргументы',
      'и',
      'факты',
      '25',
      '10',
      '2022',
      'NATO',
      's',
      'centre',
    ]);
    expect(tokenizeForSearch('  ')).toEqual([]);
  });

  it('folds case and ё', () => {
    expect(normalizeSearchTerm('Аргументы')).toBe('аргументы');
    expect(normalizeSearchTerm('Ещё')).toBe('еще');
  });
});

describe('searchCases', () => {
  it('finds a case by a Cyrillic actor name, linking to its Actors tab', () => {
    const [hit, ...rest] = searchCases(index(), 'Аргументы');
    expect(rest).toEqual([]);
    expect(hit?.id).toBe(ASTANA);
    expect(hit?.title).toBe('NATO peacekeeping centre in Astana');
    expect(hit?.places[0]).toEqual({ field: 'actors', tab: 'actors' });
    expect(hit?.excerpt).toEqual({ before: '', match: 'Аргументы', after: ' и факты\naif.ru'.replace('\n', ' ') });
  });

  it('matches lower-case, prefixes and small typos', () => {
    expect(searchCases(index(), 'аргументы').map((hit) => hit.id)).toEqual([ASTANA]);
    expect(searchCases(index(), 'аргум').map((hit) => hit.id)).toEqual([ASTANA]);
    expect(searchCases(index(), 'peacekeping').map((hit) => hit.id)).toEqual([ASTANA]);
    expect(searchCases(index(), 'biolab').map((hit) => hit.id)).toEqual([BIOLABS]);
  });

  it('needs every word of the query, and ranks a title hit first', () => {
    expect(
      searchCases(index(), 'Kazakhstan')
        .map((hit) => hit.id)
        .sort(),
    ).toEqual([ASTANA, BIOLABS].sort());
    expect(searchCases(index(), 'Kazakhstan biolabs').map((hit) => hit.id)).toEqual([BIOLABS]);
    expect(searchCases(index(), 'Astana')[0]?.places[0]).toEqual({ field: 'title', tab: 'overview' });
  });

  it('says which tab holds the words: evidence, the summary, the timeline', () => {
    expect(searchCases(index(), 'denial')[0]?.places).toEqual([{ field: 'evidence', tab: 'evidence' }]);
    expect(searchCases(index(), 'caption')[0]?.places).toEqual([{ field: 'notes', tab: 'overview' }]);
    const timeline = searchCases(index(), 'Moscow outlets')[0];
    expect(timeline?.places).toEqual([{ field: 'notes', tab: 'timeline' }]);
    expect(timeline?.excerpt?.match).toBe('Moscow');
  });

  it('finds nothing for an empty query or unknown words', () => {
    expect(searchCases(index(), '')).toEqual([]);
    expect(searchCases(index(), ' … ')).toEqual([]);
    expect(searchCases(index(), 'Zanzibar')).toEqual([]);
  });

  it('replaces a case that is indexed again', () => {
    const search = index();
    const doc = biolabsCase();
    addActor(doc, { name: 'Московский комсомолец', kind: 'outlet' }, change);
    putCaseInIndex(search, caseSearchEntry(doc, BIOLABS));
    expect(searchCases(search, 'комсомолец').map((hit) => hit.id)).toEqual([BIOLABS]);
    expect(searchCases(search, 'biolabs').map((hit) => hit.id)).toEqual([BIOLABS]);
  });
});
