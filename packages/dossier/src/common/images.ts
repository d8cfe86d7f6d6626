/**
 * Images are re-encoded before they go into a dossier: a screenshot's EXIF can carry the GPS
 * position of the person who took it, and metadata has exposed people before. Decoding to pixels
 * and encoding anew keeps nothing but the pixels. Each shell brings its own encoder (sharp in Node,
 * OffscreenCanvas in the renderer) behind this one type.
 */
export interface ReEncodedImage {
  bytes: Uint8Array;
  /** JPEG for photographs that came as JPEG, PNG for everything else (lossless, keeps transparency). */
  mime: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
}

/** Decodes an image and encodes its pixels anew without any metadata; rejects what it cannot decode. */
export type ImageReEncoder = (bytes: Uint8Array, mime: string, signal?: AbortSignal) => Promise<ReEncodedImage>;

/** Image types both encoders decode; other files (PDFs, pages, text) go into a dossier as they are. */
export const RE_ENCODED_IMAGE_TYPES: readonly string[] = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/avif',
];

export function isReEncodedImage(mime: string): boolean {
  return RE_ENCODED_IMAGE_TYPES.includes(mime.split(';')[0]?.trim().toLowerCase() ?? '');
}

/** JPEG stays JPEG (a photo as PNG is many times larger); everything else becomes PNG. */
export function reEncodedType(mime: string): ReEncodedImage['mime'] {
  return mime.split(';')[0]?.trim().toLowerCase() === 'image/jpeg' ? 'image/jpeg' : 'image/png';
}
