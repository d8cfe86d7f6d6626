import { z } from 'zod';
import { WebCaptureError } from './webCaptureError.js';

/**
 * How the full-page PNG is made, and why: the Chrome DevTools Protocol's `Page.captureScreenshot`
 * with `captureBeyondViewport: true` and a clip of the whole document (what Chrome's own "Capture
 * full size screenshot" and Puppeteer's fullPage do). The alternative, growing the hidden window
 * to the page's scroll size and calling capturePage, depends on the operating system letting a
 * window be taller than the screen (macOS and Windows clamp it) and lays the page out again at a
 * different viewport height, which moves anything sized to the viewport. With the protocol, the
 * page is measured by the browser (`Page.getLayoutMetrics`, not a script the page could answer
 * for itself) and rendered once beyond the viewport, at the viewport width it was loaded at.
 *
 * Chromium cannot render a single image taller or wider than its maximum texture size (16,384
 * pixels on most GPUs; beyond it captures come back blank or repeated), so longer pages are
 * captured from the top down to that limit; the MHTML snapshot still holds the whole page.
 */
export const MAX_SCREENSHOT_SIDE_PX = 16_384;

const layoutMetricsSchema = z.object({
  cssContentSize: z.object({ width: z.number().nonnegative(), height: z.number().nonnegative() }),
  cssLayoutViewport: z.object({ clientWidth: z.number().positive(), clientHeight: z.number().positive() }),
  // Deprecated in the protocol but still sent: the same viewport in device pixels, which gives
  // the device pixel ratio without asking the page.
  layoutViewport: z.object({ clientWidth: z.number().positive() }).optional(),
});

export interface ScreenshotClip {
  x: number;
  y: number;
  width: number;
  height: number;
  scale: number;
}

export interface FullPagePlan {
  clip: ScreenshotClip;
  /** Device pixels per CSS pixel: the PNG is clip size times this. */
  devicePixelRatio: number;
  /** True when the page is larger than MAX_SCREENSHOT_SIDE_PX and only its top-left part is captured. */
  truncated: boolean;
}

/** The clip for `Page.captureScreenshot`, from a `Page.getLayoutMetrics` answer (checked, not trusted). */
export function planFullPageClip(layoutMetrics: unknown, maxSidePx = MAX_SCREENSHOT_SIDE_PX): FullPagePlan {
  const parsed = layoutMetricsSchema.safeParse(layoutMetrics);
  if (!parsed.success) {
    throw new WebCaptureError('The size of the page could not be measured, so no screenshot was taken. Try again.');
  }
  const { cssContentSize, cssLayoutViewport, layoutViewport } = parsed.data;
  const ratio = layoutViewport ? layoutViewport.clientWidth / cssLayoutViewport.clientWidth : 1;
  const devicePixelRatio = Number.isFinite(ratio) && ratio > 0 ? ratio : 1;
  const maxCss = Math.floor(maxSidePx / devicePixelRatio);
  const fullWidth = Math.ceil(Math.max(cssContentSize.width, cssLayoutViewport.clientWidth));
  const fullHeight = Math.ceil(Math.max(cssContentSize.height, cssLayoutViewport.clientHeight));
  const width = Math.min(fullWidth, maxCss);
  const height = Math.min(fullHeight, maxCss);
  return {
    clip: { x: 0, y: 0, width, height, scale: 1 },
    devicePixelRatio,
    truncated: width < fullWidth || height < fullHeight,
  };
}

const screenshotSchema = z.object({ data: z.string().min(1) });

/** The PNG bytes of a `Page.captureScreenshot` answer (base64 in `data`). */
export function screenshotBytes(answer: unknown): Uint8Array {
  const parsed = screenshotSchema.safeParse(answer);
  if (!parsed.success) throw new WebCaptureError('The browser returned no screenshot of the page. Try again.');
  return new Uint8Array(Buffer.from(parsed.data.data, 'base64'));
}
