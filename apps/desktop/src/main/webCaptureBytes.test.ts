import { describe, expect, it } from 'vitest';
import { checkCaptureSize, exactBytes, isMhtml, isPng, MAX_CAPTURE_BYTES } from './webCaptureBytes.js';

const encode = (text: string) => new TextEncoder().encode(text);

describe('isPng', () => {
  it('checks the eight-byte signature', () => {
    expect(isPng(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(true);
    expect(isPng(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(false); // nothing after it
    expect(isPng(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0, 0, 0, 0]))).toBe(false); // JPEG
    expect(isPng(new Uint8Array())).toBe(false);
  });
});

describe('isMhtml', () => {
  it('reads the top-level Content-Type in the header block only', () => {
    expect(
      isMhtml(encode('From: <Saved by Blink>\r\nContent-Type: multipart/related;\r\n\ttype="text/html"\r\n\r\n')),
    ).toBe(true);
    expect(isMhtml(encode('MIME-Version: 1.0\nCONTENT-TYPE:multipart/related; boundary=x\n\n--x'))).toBe(true);
    expect(isMhtml(encode('Content-Type: text/html\r\n\r\nContent-Type: multipart/related\r\n'))).toBe(false);
    expect(isMhtml(encode('<html><body>Content-Type: multipart/related</body></html>'))).toBe(false);
    expect(isMhtml(new Uint8Array())).toBe(false);
  });
});

describe('exactBytes', () => {
  it('copies a view into a larger buffer, so nothing else travels with it', () => {
    const pool = Buffer.from('xxhelloyy');
    const view = pool.subarray(2, 7);
    const exact = exactBytes(view);
    expect(exact.constructor).toBe(Uint8Array);
    expect(exact.buffer.byteLength).toBe(5);
    expect(new TextDecoder().decode(exact)).toBe('hello');
  });

  it('keeps an exact Uint8Array as it is', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    expect(exactBytes(bytes)).toBe(bytes);
  });
});

describe('checkCaptureSize', () => {
  it('allows up to the limit and refuses above it with the sizes in MiB', () => {
    expect(() => checkCaptureSize('screenshot', MAX_CAPTURE_BYTES)).not.toThrow();
    expect(() => checkCaptureSize('screenshot', MAX_CAPTURE_BYTES + 1_572_864)).toThrow(
      'The screenshot is 101.5 MiB, more than the 100 MiB a case file can hold. Nothing was captured; save a smaller part of the page instead.',
    );
  });
});
