import sharp from 'sharp';
import { throwIfCancelled } from '../common/errors.js';
import { type ImageReEncoder, type ReEncodedImage, reEncodedType } from '../common/images.js';

/**
 * Re-encodes an image with sharp (libvips): decode, turn upright by its EXIF orientation, encode
 * anew. sharp writes no metadata unless asked to (no EXIF, GPS, XMP, IPTC, ICC), which is the
 * point. Only the first frame of an animation is kept: a dossier prints a still.
 */
export const reEncodeImageWithSharp: ImageReEncoder = async (bytes, mime, signal) => {
  throwIfCancelled(signal);
  const type = reEncodedType(mime);
  const pipeline = sharp(bytes, { failOn: 'error', animated: false }).rotate();
  const encoded = type === 'image/jpeg' ? pipeline.jpeg({ quality: 90, mozjpeg: true }) : pipeline.png();
  const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
  const image: ReEncodedImage = {
    bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
    mime: type,
    width: info.width,
    height: info.height,
  };
  return image;
};
