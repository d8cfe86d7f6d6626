import { type CaseTab, DEFAULT_CASE_TAB, isCaseTab } from './caseTabs';

export type Route =
  | { page: 'cases' }
  | { page: 'case'; caseId: string; tab: CaseTab }
  | { page: 'search'; query: string }
  | { page: 'settings' }
  /** `#/join/<token>`: an invitation link; the token is kept and the page moves on. */
  | { page: 'join'; token: string }
  | { page: 'unknown'; hash: string };

function decodeOrKeep(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    // Left as written; the page says what it could not find.
    return text;
  }
}

/**
 * Reads the app's place from location.hash: `#/`, `#/case/<id>` (its Overview),
 * `#/case/<id>/<tab>`, `#/search?q=<text>`, `#/settings`.
 */
export function parseHashRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const queryStart = raw.indexOf('?');
  const path = (queryStart === -1 ? raw : raw.slice(0, queryStart)).replace(/\/+$/, '');
  const query = queryStart === -1 ? '' : raw.slice(queryStart + 1);
  if (path === '' || path === '/') return { page: 'cases' };
  if (path === '/settings') return { page: 'settings' };
  const join = /^\/join\/([A-Za-z0-9._-]+)$/.exec(path);
  if (join?.[1]) return { page: 'join', token: join[1] };
  if (path === '/search') {
    // URLSearchParams reads "+" as a space, as a form would have sent it.
    return { page: 'search', query: new URLSearchParams(query).get('q') ?? '' };
  }
  const caseMatch = /^\/case\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (caseMatch?.[1]) {
    const caseId = decodeOrKeep(caseMatch[1]);
    const tab = caseMatch[2] ?? DEFAULT_CASE_TAB;
    if (!isCaseTab(tab)) return { page: 'unknown', hash };
    return { page: 'case', caseId, tab };
  }
  return { page: 'unknown', hash };
}

/** A case's address; the Overview, its first tab, is the plain `#/case/<id>`. */
export function caseHref(caseId: string, tab: CaseTab = DEFAULT_CASE_TAB): string {
  const base = `#/case/${encodeURIComponent(caseId)}`;
  return tab === DEFAULT_CASE_TAB ? base : `${base}/${tab}`;
}

export function searchHref(query: string): string {
  const text = query.trim();
  return text === '' ? '#/search' : `#/search?${new URLSearchParams({ q: text }).toString()}`;
}

export const casesHref = '#/';
export const settingsHref = '#/settings';
