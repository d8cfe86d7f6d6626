import { fileNameStamp } from './captureTime';

const MIME_PATTERN = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/i;

export const UNKNOWN_MIME = 'application/octet-stream';

/**
 * The MIME type a file is stored and recorded with: what the browser says, when it says
 * something well-formed; otherwise the honest "application/octet-stream" (a file without an
 * extension, or one the system does not know).
 */
export function mimeOfFile(type: string): string {
  const trimmed = type.trim().toLowerCase();
  const [essence = ''] = trimmed.split(';');
  return MIME_PATTERN.test(essence.trim()) ? trimmed : UNKNOWN_MIME;
}

function essenceOf(mime: string): string {
  return (mime.split(';')[0] ?? '').trim().toLowerCase();
}

/** Raster images a screen capture comes as: pasted or dropped, they become screenshot evidence. */
const SCREENSHOT_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/bmp', 'image/avif']);

/** Images a browser draws in an <img> (where SVG cannot run scripts): previews and thumbnails. */
const PREVIEW_TYPES = new Set([...SCREENSHOT_TYPES, 'image/svg+xml']);

export function isScreenshotMime(mime: string): boolean {
  return SCREENSHOT_TYPES.has(essenceOf(mime));
}

export function isPreviewableImage(mime: string): boolean {
  return PREVIEW_TYPES.has(essenceOf(mime));
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/bmp': 'bmp',
  'image/avif': 'avif',
};

/** A pasted image has no name of its own (browsers call it "image.png"): name it by when it came in. */
export function pastedScreenshotName(mime: string, at: Date): string {
  return `screenshot-${fileNameStamp(at)}.${EXTENSIONS[essenceOf(mime)] ?? 'img'}`;
}
