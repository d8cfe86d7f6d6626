/** How a piece of evidence came in; recorded with it as part of its capture tool. */
export type CaptureMethod = 'file input' | 'drop' | 'paste' | 'web capture' | 'link form' | 'quote form';

/**
 * What the evidence records as its capture tool: the app, its version and the way in, e.g.
 * "Casefile 0.1.0 (paste)". A reader of the dossier can tell a pasted screenshot from a picked
 * file or a page the desktop app captured itself.
 */
export function captureToolName(version: string, method: CaptureMethod): string {
  const shown = version.trim() === '' ? 'unknown version' : version.trim();
  return `Casefile ${shown} (${method})`;
}
