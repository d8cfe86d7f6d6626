import { type LoadedFont, SHIPPED_FONT_FILES, type ShippedFontFile } from '../common/shippedFonts.js';

/**
 * The shipped fonts' bytes in the renderer. `urlOf` says where the app serves each font file (a
 * bundler resolves the package paths, e.g. Vite's `import.meta.glob('…/*.woff2', { query: '?url' })`).
 */
export async function loadShippedFontsFrom(urlOf: (font: ShippedFontFile) => string): Promise<LoadedFont[]> {
  return Promise.all(
    SHIPPED_FONT_FILES.map(async (font) => {
      const response = await fetch(urlOf(font));
      if (!response.ok)
        throw new Error(`The dossier font ${font.packagePath} could not be loaded (${response.status}).`);
      return { ...font, woff2: new Uint8Array(await response.arrayBuffer()) };
    }),
  );
}
