/** The SHA-256 of `bytes` as 64 lowercase hexadecimal digits (Web Crypto). */
export async function sha256Hex(bytes: ArrayBuffer | ArrayBufferView | Blob): Promise<string> {
  const data = bytes instanceof Blob ? await bytes.arrayBuffer() : bytes;
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data as BufferSource));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

/** Whether `value` is a SHA-256 as Casefile writes it: 64 lowercase hexadecimal digits. */
export function isSha256(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}
