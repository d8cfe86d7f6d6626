export type WebAddressCheck = { ok: true; url: string } | { ok: false; error: string };

/**
 * A link or a page to capture is a web page: http or https only, so that every colleague can
 * open it safely (no javascript:, file: or data:). "example.org/page" is read as https. A link in
 * notes may also be an e-mail address (`mail: true`: mailto:).
 */
export function checkWebAddress(input: string, { mail = false }: { mail?: boolean } = {}): WebAddressCheck {
  const text = input.trim();
  if (text === '') {
    return {
      ok: false,
      error: mail
        ? 'Type the address the link points to.'
        : 'Type the address of the page, e.g. https://example.org/article.',
    };
  }
  const withScheme = /^[a-z][a-z0-9+.-]*:(?!\d)/i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, error: `“${text}” is not a web address. Check it, e.g. https://example.org/article.` };
  }
  if (mail && url.protocol === 'mailto:') return { ok: true, url: url.href };
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return {
      ok: false,
      error: mail
        ? 'A link goes to a web page (http:// or https://) or an e-mail address (mailto:).'
        : `Only web pages can be added (http:// or https://); “${url.protocol}” addresses cannot.`,
    };
  }
  if (url.hostname === '') return { ok: false, error: `“${text}” has no host name; write it in full.` };
  return { ok: true, url: url.href };
}

/**
 * The address to put in a link's href, or null to show it as text only. Stored addresses come from
 * collaborators and captures, not only from this form: anything but an absolute http(s) address
 * (javascript:, data:, file:, a bare host) is never made clickable.
 */
export function openableWebUrl(stored: string): string | null {
  let url: URL;
  try {
    url = new URL(stored.trim());
  } catch {
    return null;
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') return null;
  return url.href;
}
