import { throwIfCancelled } from '../common/errors.js';
import { type ImageReEncoder, reEncodedType } from '../common/images.js';

/**
 * Re-encodes an image in the renderer: `createImageBitmap` decodes it (turned upright by its EXIF
 * orientation), an OffscreenCanvas draws the pixels and encodes them anew. A canvas has no way to
 * carry metadata over, so the result holds none (no EXIF, GPS, XMP or ICC profile).
 */
export const reEncodeImageInBrowser: ImageReEncoder = async (bytes, mime, signal) => {
  throwIfCancelled(signal);
  const type = reEncodedType(mime);
  const bitmap = await createImageBitmap(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }), {
    imageOrientation: 'from-image',
  });
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw on an OffscreenCanvas.');
    if (type === 'image/jpeg') {
      // JPEG has no transparency: paint white first, as a viewer would show it.
      context.fillStyle = '#fff';
      context.fillRect(0, 0, bitmap.width, bitmap.height);
    }
    context.drawImage(bitmap, 0, 0);
    throwIfCancelled(signal);
    const blob = await canvas.convertToBlob(type === 'image/jpeg' ? { type, quality: 0.9 } : { type });
    return { bytes: new Uint8Array(await blob.arrayBuffer()), mime: type, width: bitmap.width, height: bitmap.height };
  } finally {
    bitmap.close();
  }
};
