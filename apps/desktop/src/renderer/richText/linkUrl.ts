import { checkWebAddress, type WebAddressCheck } from '../caseView/evidence/webAddress';

/**
 * Links in notes point to sources on the web, read as evidence addresses are, or to an e-mail
 * address. Other schemes (javascript:, file:, data:) are refused: a link in a shared case must be
 * safe to click for every colleague.
 */
export function checkLinkUrl(input: string): WebAddressCheck {
  return checkWebAddress(input, { mail: true });
}

export function isSafeLinkUrl(url: string): boolean {
  return checkLinkUrl(url).ok;
}
