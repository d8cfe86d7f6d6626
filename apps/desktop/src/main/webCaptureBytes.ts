import { WebCaptureError } from './webCaptureError.js';

/** The largest file a capture hands over: the sync server refuses blobs above 100 MiB anyway. */
export const MAX_CAPTURE_BYTES = 100 * 1024 * 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** True when the bytes start with the eight-byte PNG signature. */
export function isPng(bytes: Uint8Array): boolean {
  return bytes.length > PNG_SIGNATURE.length && PNG_SIGNATURE.every((byte, index) => bytes[index] === byte);
}

/**
 * True when the bytes are a MIME message whose top-level type is multipart/related, which is what
 * Chromium's "Save as MHTML" writes (a `From: <Saved by Blink>` header block, then the parts). Only
 * the header block is read: the body is the page itself and may say anything.
 */
export function isMhtml(bytes: Uint8Array): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 8192));
  const headerEnd = head.search(/\r?\n\r?\n/);
  const headers = headerEnd === -1 ? head : head.slice(0, headerEnd);
  return /^content-type:[ \t]*multipart\/related\b/im.test(headers);
}

/**
 * A Uint8Array that owns exactly its bytes. Node hands out Buffers that may be views into a larger
 * shared pool; sent over IPC as they are, the renderer could read (and hash) the pool's other bytes
 * through `.buffer`. Copying costs one pass over the file and removes that trap.
 */
export function exactBytes(view: Uint8Array): Uint8Array<ArrayBuffer> {
  const { buffer } = view;
  if (
    view.constructor === Uint8Array &&
    buffer instanceof ArrayBuffer &&
    view.byteOffset === 0 &&
    view.byteLength === buffer.byteLength
  ) {
    return view as Uint8Array<ArrayBuffer>;
  }
  return new Uint8Array(view);
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
}

/** Refuses a file above MAX_CAPTURE_BYTES with a sentence that says which one and why. */
export function checkCaptureSize(what: string, byteLength: number, limit = MAX_CAPTURE_BYTES): void {
  if (byteLength > limit) {
    throw new WebCaptureError(
      `The ${what} is ${formatSize(byteLength)}, more than the ${formatSize(limit)} a case file can hold. Nothing was captured; save a smaller part of the page instead.`,
    );
  }
}
