import sharp from 'sharp';

/**
 * A photo as a phone leaves it: a JPEG whose EXIF carries a GPS position (the GPS IFD, tag 0x8825
 * in IFD0), written by sharp so the fixture is made here rather than shipped.
 */
export async function jpegWithGps(): Promise<Uint8Array> {
  const data = await sharp({ create: { width: 96, height: 64, channels: 3, background: '#b03a2e' } })
    .jpeg({ quality: 85 })
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'Field camera' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '51/1 10/1 0/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '71/1 26/1 0/1',
      },
    })
    .toBuffer();
  return new Uint8Array(data);
}

/** A PNG screenshot (no metadata needed: it checks the PNG path). */
export async function plainPng(): Promise<Uint8Array> {
  const data = await sharp({ create: { width: 40, height: 30, channels: 4, background: '#2e86c1' } })
    .png()
    .toBuffer();
  return new Uint8Array(data);
}

function indexOf(bytes: Uint8Array, pattern: number[], from = 0): number {
  outer: for (let index = from; index <= bytes.length - pattern.length; index++) {
    for (let offset = 0; offset < pattern.length; offset++)
      if (bytes[index + offset] !== pattern[offset]) continue outer;
    return index;
  }
  return -1;
}

/** True when the TIFF structure at `start` (an EXIF block) has a GPS IFD pointer in IFD0. */
function tiffHasGps(bytes: Uint8Array, start: number): boolean {
  if (start + 8 > bytes.length) return false;
  const little = bytes[start] === 0x49 && bytes[start + 1] === 0x49;
  const big = bytes[start] === 0x4d && bytes[start + 1] === 0x4d;
  if (!little && !big) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, little);
  const u32 = (at: number) => view.getUint32(at, little);
  const ifd0 = start + u32(start + 4);
  if (ifd0 + 2 > bytes.length) return false;
  const count = u16(ifd0);
  for (let entry = 0; entry < count; entry++) {
    const at = ifd0 + 2 + entry * 12;
    if (at + 12 > bytes.length) return false;
    if (u16(at) === 0x8825) return true;
  }
  return false;
}

const EXIF_HEADER = [0x45, 0x78, 0x69, 0x66, 0x00, 0x00]; // "Exif\0\0" (JPEG APP1, WebP)
const PNG_EXIF_CHUNK = [0x65, 0x58, 0x49, 0x66]; // "eXIf"

/**
 * Whether any EXIF block inside `bytes` (a JPEG's APP1, a PNG's eXIf chunk, or such a file
 * embedded in a PDF or a ZIP) carries a GPS IFD.
 */
export function containsExifGps(bytes: Uint8Array): boolean {
  for (let at = indexOf(bytes, EXIF_HEADER); at !== -1; at = indexOf(bytes, EXIF_HEADER, at + 1)) {
    if (tiffHasGps(bytes, at + EXIF_HEADER.length)) return true;
  }
  for (let at = indexOf(bytes, PNG_EXIF_CHUNK); at !== -1; at = indexOf(bytes, PNG_EXIF_CHUNK, at + 1)) {
    if (tiffHasGps(bytes, at + PNG_EXIF_CHUNK.length)) return true;
  }
  return false;
}

/** Whether `bytes` hold any EXIF block at all. */
export function containsExif(bytes: Uint8Array): boolean {
  return indexOf(bytes, EXIF_HEADER) !== -1;
}
