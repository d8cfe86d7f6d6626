/**
 * SHA-256 as lowercase hex through Web Crypto, which Node 20, Electron and browsers all have
 * natively: evidence files can be tens of megabytes, too slow for a JavaScript hash.
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // Web Crypto takes an ArrayBuffer-backed view; a view over a SharedArrayBuffer is copied first.
  const view = bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : new Uint8Array(bytes);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', view));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

export function isSha256(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}
