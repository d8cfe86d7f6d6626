import { describe, expect, it } from 'vitest';
import { CASE_TABS } from './caseTabs';
import { caseHref, parseHashRoute, searchHref } from './hashRoute';

describe('parseHashRoute', () => {
  it('reads the case list from an empty or root hash', () => {
    expect(parseHashRoute('')).toEqual({ page: 'cases' });
    expect(parseHashRoute('#')).toEqual({ page: 'cases' });
    expect(parseHashRoute('#/')).toEqual({ page: 'cases' });
  });

  it('reads a case and its id, on its Overview by default', () => {
    expect(parseHashRoute('#/case/abc123')).toEqual({ page: 'case', caseId: 'abc123', tab: 'overview' });
    expect(parseHashRoute(caseHref('0123456789abcdefghijklmn'))).toEqual({
      page: 'case',
      caseId: '0123456789abcdefghijklmn',
      tab: 'overview',
    });
    expect(parseHashRoute('#/case/%E0%A4%A')).toEqual({ page: 'case', caseId: '%E0%A4%A', tab: 'overview' });
  });

  it('reads the tab of a case, and refuses a tab that does not exist', () => {
    expect(parseHashRoute('#/case/abc123/evidence')).toEqual({ page: 'case', caseId: 'abc123', tab: 'evidence' });
    expect(parseHashRoute('#/case/abc123/verdict/')).toEqual({ page: 'case', caseId: 'abc123', tab: 'verdict' });
    expect(parseHashRoute('#/case/abc123/overview')).toEqual({ page: 'case', caseId: 'abc123', tab: 'overview' });
    expect(parseHashRoute('#/case/abc123/secrets')).toEqual({ page: 'unknown', hash: '#/case/abc123/secrets' });
    expect(parseHashRoute('#/case/abc123/claims/x')).toEqual({ page: 'unknown', hash: '#/case/abc123/claims/x' });
  });

  it('round-trips every tab through caseHref, the Overview as the plain case address', () => {
    const id = '0123456789abcdefghijklmn';
    expect(caseHref(id)).toBe(`#/case/${id}`);
    expect(caseHref(id, 'overview')).toBe(`#/case/${id}`);
    expect(caseHref(id, 'timeline')).toBe(`#/case/${id}/timeline`);
    for (const tab of CASE_TABS) expect(parseHashRoute(caseHref(id, tab))).toEqual({ page: 'case', caseId: id, tab });
  });

  it('reads a search and its text, Cyrillic and spaces included', () => {
    expect(parseHashRoute('#/search')).toEqual({ page: 'search', query: '' });
    expect(parseHashRoute('#/search?q=biolabs+Ukraine')).toEqual({ page: 'search', query: 'biolabs Ukraine' });
    expect(parseHashRoute(searchHref('Аргументы и факты'))).toEqual({ page: 'search', query: 'Аргументы и факты' });
    expect(parseHashRoute(searchHref('a&b=c?'))).toEqual({ page: 'search', query: 'a&b=c?' });
    expect(searchHref('   ')).toBe('#/search');
  });

  it('reads settings, and anything else as unknown', () => {
    expect(parseHashRoute('#/settings')).toEqual({ page: 'settings' });
    expect(parseHashRoute('#/settings/')).toEqual({ page: 'settings' });
    expect(parseHashRoute('#/nowhere')).toEqual({ page: 'unknown', hash: '#/nowhere' });
    expect(parseHashRoute('#/case/')).toEqual({ page: 'unknown', hash: '#/case/' });
  });
});
