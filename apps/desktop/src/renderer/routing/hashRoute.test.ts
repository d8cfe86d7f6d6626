import { describe, expect, it } from 'vitest';
import { caseHref, parseHashRoute } from './hashRoute';

describe('parseHashRoute', () => {
  it('reads the case list from an empty or root hash', () => {
    expect(parseHashRoute('')).toEqual({ page: 'cases' });
    expect(parseHashRoute('#')).toEqual({ page: 'cases' });
    expect(parseHashRoute('#/')).toEqual({ page: 'cases' });
  });

  it('reads a case and its id', () => {
    expect(parseHashRoute('#/case/abc123')).toEqual({ page: 'case', caseId: 'abc123' });
    expect(parseHashRoute(caseHref('0123456789abcdefghijklmn'))).toEqual({
      page: 'case',
      caseId: '0123456789abcdefghijklmn',
    });
    expect(parseHashRoute('#/case/%E0%A4%A')).toEqual({ page: 'case', caseId: '%E0%A4%A' });
  });

  it('reads settings, and anything else as unknown', () => {
    expect(parseHashRoute('#/settings')).toEqual({ page: 'settings' });
    expect(parseHashRoute('#/settings/')).toEqual({ page: 'settings' });
    expect(parseHashRoute('#/nowhere')).toEqual({ page: 'unknown', hash: '#/nowhere' });
    expect(parseHashRoute('#/case/')).toEqual({ page: 'unknown', hash: '#/case/' });
  });
});
