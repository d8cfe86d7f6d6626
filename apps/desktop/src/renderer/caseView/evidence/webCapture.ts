import type { WebCapture } from '../../../shared/bridge';
import { casefile } from '../../platform/bridge';

export type CapturedPage = WebCapture;

/** Shown in the browser build, which cannot capture pages (the bridge throws DesktopOnlyError). */
export const WEB_CAPTURE_NEEDS_DESKTOP = 'Web capture needs the Casefile desktop app';

/** Captures a page in the desktop app's hidden window; a browser build rejects with DesktopOnlyError. */
export function captureWebPage(url: string): Promise<CapturedPage> {
  return casefile.captureWebPage({ url });
}
