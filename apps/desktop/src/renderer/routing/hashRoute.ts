export type Route =
  | { page: 'cases' }
  | { page: 'case'; caseId: string }
  | { page: 'settings' }
  | { page: 'unknown'; hash: string };

/** Reads the app's place from location.hash: `#/`, `#/case/<id>`, `#/settings`. */
export function parseHashRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '');
  if (path === '' || path === '/') return { page: 'cases' };
  if (path === '/settings') return { page: 'settings' };
  const caseMatch = /^\/case\/([^/]+)$/.exec(path);
  if (caseMatch?.[1]) {
    let caseId = caseMatch[1];
    try {
      caseId = decodeURIComponent(caseId);
    } catch {
      // Left as written; the case view says no case has that id.
    }
    return { page: 'case', caseId };
  }
  return { page: 'unknown', hash };
}

export function caseHref(caseId: string): string {
  return `#/case/${encodeURIComponent(caseId)}`;
}

export const casesHref = '#/';
export const settingsHref = '#/settings';
