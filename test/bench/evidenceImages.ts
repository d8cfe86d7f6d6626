import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EvidenceFile } from '@casefile/model';
import sharp from 'sharp';
import { mulberry32 } from '../convergence/random.js';

/** One generated evidence image: its bytes and the record a capture would have stored. */
export interface EvidenceImage {
  bytes: Uint8Array;
  file: EvidenceFile;
}

const SCREENSHOT = { width: 480, height: 300 };
const PHOTO = { width: 320, height: 240 };

type Random = () => number;

function fillRect(pixels: Buffer, width: number, rect: [number, number, number, number], rgb: number[]): void {
  const [left, top, w, h] = rect;
  for (let y = top; y < top + h; y++) {
    for (let x = left; x < left + w; x++) pixels.set(rgb, (y * width + x) * 3);
  }
}

/** Flat colours, a title bar and lines of "text", as a screenshot of a post is: PNG compresses it to a few KB. */
function screenshotPixels(random: Random): Buffer {
  const { width, height } = SCREENSHOT;
  const pixels = Buffer.alloc(width * height * 3, 0xf4);
  const accent = [Math.floor(random() * 200), Math.floor(random() * 200), 160 + Math.floor(random() * 90)];
  fillRect(pixels, width, [0, 0, width, 36], accent);
  for (let top = 56; top + 10 < height; top += 22) {
    const length = 80 + Math.floor(random() * (width - 120));
    fillRect(pixels, width, [20, top, length, 10], [60, 60, 60]);
  }
  return pixels;
}

/** Smooth gradients with a little grain, as a photo is: JPEG at quality 75 gives a few KB. */
function photoPixels(random: Random): Buffer {
  const { width, height } = PHOTO;
  const pixels = Buffer.alloc(width * height * 3);
  const base = [random() * 255, random() * 255, random() * 255];
  const slope = [random() - 0.5, random() - 0.5, random() - 0.5];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let channel = 0; channel < 3; channel++) {
        const value = (base[channel] ?? 0) + (slope[channel] ?? 0) * (x + y) + (random() - 0.5) * 12;
        pixels[(y * width + x) * 3 + channel] = Math.max(0, Math.min(255, Math.round(value)));
      }
    }
  }
  return pixels;
}

/**
 * `count` small images from a fixed seed, every other one a PNG screenshot or a JPEG photo (the two
 * kinds the dossier re-encodes differently). Made with sharp, the encoder the dossier itself uses
 * in Node, so no image is fetched from anywhere.
 */
export async function generateEvidenceImages(count: number, seed = 5): Promise<EvidenceImage[]> {
  const random = mulberry32(seed);
  const images: EvidenceImage[] = [];
  for (let i = 0; i < count; i++) {
    const screenshot = i % 2 === 0;
    const { width, height } = screenshot ? SCREENSHOT : PHOTO;
    const raw = sharp(screenshot ? screenshotPixels(random) : photoPixels(random), {
      raw: { width, height, channels: 3 },
    });
    const encoded = await (screenshot ? raw.png() : raw.jpeg({ quality: 75 })).toBuffer();
    const bytes = new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength);
    images.push({
      bytes,
      file: {
        sha256: createHash('sha256').update(bytes).digest('hex'),
        size: bytes.length,
        mime: screenshot ? 'image/png' : 'image/jpeg',
        name: screenshot ? `capture-${i + 1}.png` : `photo-${i + 1}.jpg`,
        role: 'original',
      },
    });
  }
  return images;
}

/** Writes the images into `dir` named by their SHA-256, as `blobDirectorySource` (and `casefile-export --blobs`) reads them. */
export async function writeEvidenceFolder(dir: string, images: readonly EvidenceImage[]): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const { bytes, file } of images) {
    await writeFile(join(dir, `${file.sha256}${file.mime === 'image/png' ? '.png' : '.jpg'}`), bytes);
  }
}
