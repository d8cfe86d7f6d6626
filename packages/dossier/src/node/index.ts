export * from './atomicFile.js';
export * from './blobDirectory.js';
export * from './chromiumFlags.js';
export * from './chromiumPdf.js';
export * from './exportToFile.js';
export * from './sharpImages.js';
export * from './shippedFonts.js';
