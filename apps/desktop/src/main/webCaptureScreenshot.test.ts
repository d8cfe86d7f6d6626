import { describe, expect, it } from 'vitest';
import { MAX_SCREENSHOT_SIDE_PX, planFullPageClip, screenshotBytes } from './webCaptureScreenshot.js';

const metrics = (content: { width: number; height: number }, dpr = 1, viewport = { width: 1280, height: 800 }) => ({
  cssContentSize: { x: 0, y: 0, ...content },
  cssLayoutViewport: { pageX: 0, pageY: 0, clientWidth: viewport.width, clientHeight: viewport.height },
  layoutViewport: { pageX: 0, pageY: 0, clientWidth: viewport.width * dpr, clientHeight: viewport.height * dpr },
});

describe('planFullPageClip', () => {
  it('clips the whole document, at least the viewport', () => {
    expect(planFullPageClip(metrics({ width: 1280, height: 5000.4 }))).toEqual({
      clip: { x: 0, y: 0, width: 1280, height: 5001, scale: 1 },
      devicePixelRatio: 1,
      truncated: false,
    });
    expect(planFullPageClip(metrics({ width: 300, height: 200 })).clip).toEqual({
      x: 0,
      y: 0,
      width: 1280,
      height: 800,
      scale: 1,
    });
  });

  it('stops at the largest image Chromium can render, in device pixels', () => {
    expect(planFullPageClip(metrics({ width: 1280, height: 100_000 }))).toMatchObject({
      clip: { width: 1280, height: MAX_SCREENSHOT_SIDE_PX },
      truncated: true,
    });
    expect(planFullPageClip(metrics({ width: 1280, height: 100_000 }, 2))).toMatchObject({
      clip: { width: 1280, height: MAX_SCREENSHOT_SIDE_PX / 2 },
      devicePixelRatio: 2,
      truncated: true,
    });
    expect(planFullPageClip(metrics({ width: 40_000, height: 900 }))).toMatchObject({
      clip: { width: MAX_SCREENSHOT_SIDE_PX, height: 900 },
      truncated: true,
    });
  });

  it('assumes one device pixel per CSS pixel when the protocol leaves the device viewport out', () => {
    const { layoutViewport: _omitted, ...withoutDevice } = metrics({ width: 1280, height: 900 }, 2);
    expect(planFullPageClip(withoutDevice).devicePixelRatio).toBe(1);
  });

  it('refuses an answer it cannot read, with a clear error', () => {
    for (const bad of [undefined, {}, { cssContentSize: { width: -1, height: 10 }, cssLayoutViewport: {} }]) {
      expect(() => planFullPageClip(bad)).toThrow(
        'The size of the page could not be measured, so no screenshot was taken. Try again.',
      );
    }
  });
});

describe('screenshotBytes', () => {
  it('decodes the base64 image of a captureScreenshot answer', () => {
    expect(Array.from(screenshotBytes({ data: Buffer.from([0x89, 0x50, 0x4e, 0x47]).toString('base64') }))).toEqual([
      0x89, 0x50, 0x4e, 0x47,
    ]);
  });

  it('refuses an answer without an image', () => {
    expect(() => screenshotBytes({})).toThrow('The browser returned no screenshot of the page. Try again.');
    expect(() => screenshotBytes({ data: '' })).toThrow(/no screenshot/);
  });
});
