export * from './canvasImages.js';
export * from './shippedFonts.js';
