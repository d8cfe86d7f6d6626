export type LinkUrlCheck = { ok: true; url: string } | { ok: false; error: string };

/**
 * Links in notes point to sources on the web (or an e-mail address). Other schemes (javascript:,
 * file:, data:) are refused: a link in a shared case must be safe to click for every colleague.
 * A bare "example.org/page" is read as https.
 */
export function checkLinkUrl(input: string): LinkUrlCheck {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'Type the address the link points to.' };
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(text) ? text : `https://${text}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return { ok: false, error: `“${text}” is not a web address. Check it, e.g. https://example.org/article.` };
  }
  if (url.protocol === 'mailto:') return { ok: true, url: url.href };
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    return { ok: false, error: 'A link goes to a web page (http:// or https://) or an e-mail address (mailto:).' };
  }
  return { ok: true, url: url.href };
}

export function isSafeLinkUrl(url: string): boolean {
  return checkLinkUrl(url).ok;
}
