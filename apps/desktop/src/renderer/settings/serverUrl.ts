export type ServerUrlCheck = { ok: true; serverUrl: string | null } | { ok: false; error: string };

/**
 * Checks a sync server address typed in Settings. Empty means "no server" (work on this device
 * only). Otherwise http or https with a host, nothing else; the result is the origin (trailing
 * path dropped) because the app derives ws(s)://host/<room> from it.
 */
export function checkServerUrl(input: string): ServerUrlCheck {
  const text = input.trim();
  if (text === '') return { ok: true, serverUrl: null };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {
      ok: false,
      error: `“${text}” is not a web address. Type the server’s address with http:// or https://, e.g. http://192.168.1.20:1234.`,
    };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      ok: false,
      error: `A sync server address starts with http:// or https://, not ${url.protocol}//. Use the address your team’s server prints when it starts.`,
    };
  }
  if (url.hostname === '')
    return { ok: false, error: 'The address has no server name. Add it, e.g. http://192.168.1.20:1234.' };
  if (url.username || url.password) {
    return {
      ok: false,
      error: 'Leave the user name and password out of the address; the server does not take them there.',
    };
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    return {
      ok: false,
      error: 'Give only the server’s address (scheme, name and port), without a path, e.g. http://192.168.1.20:1234.',
    };
  }
  return { ok: true, serverUrl: url.origin };
}

/** In the browser the sync server is the server that served the page. */
export function pageOriginServerUrl(location: { protocol: string; origin: string }): string | null {
  return location.protocol === 'http:' || location.protocol === 'https:' ? location.origin : null;
}
