import type { LoadedFont, ShippedFontFile } from '@casefile/dossier';
import { loadShippedFontsFrom } from '@casefile/dossier/browser';
import sansCyrillic400 from '@fontsource/noto-sans/files/noto-sans-cyrillic-400-normal.woff2?url';
import sansCyrillic700 from '@fontsource/noto-sans/files/noto-sans-cyrillic-700-normal.woff2?url';
import sansCyrillicExt400 from '@fontsource/noto-sans/files/noto-sans-cyrillic-ext-400-normal.woff2?url';
import sansCyrillicExt700 from '@fontsource/noto-sans/files/noto-sans-cyrillic-ext-700-normal.woff2?url';
import sansLatin400 from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import sansLatin700 from '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff2?url';
import sansLatinExt400 from '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff2?url';
import sansLatinExt700 from '@fontsource/noto-sans/files/noto-sans-latin-ext-700-normal.woff2?url';
import monoCyrillic400 from '@fontsource/noto-sans-mono/files/noto-sans-mono-cyrillic-400-normal.woff2?url';
import monoLatin400 from '@fontsource/noto-sans-mono/files/noto-sans-mono-latin-400-normal.woff2?url';

/**
 * Where the build serves each shipped dossier font (Vite copies them into the app as assets), by
 * the package path @casefile/dossier names it with. A font the dossier package adds must be added
 * here too; loadDossierFonts says which one is missing.
 */
const FONT_URLS: Record<string, string> = {
  '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2': sansLatin400,
  '@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff2': sansLatin700,
  '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff2': sansLatinExt400,
  '@fontsource/noto-sans/files/noto-sans-latin-ext-700-normal.woff2': sansLatinExt700,
  '@fontsource/noto-sans/files/noto-sans-cyrillic-400-normal.woff2': sansCyrillic400,
  '@fontsource/noto-sans/files/noto-sans-cyrillic-700-normal.woff2': sansCyrillic700,
  '@fontsource/noto-sans/files/noto-sans-cyrillic-ext-400-normal.woff2': sansCyrillicExt400,
  '@fontsource/noto-sans/files/noto-sans-cyrillic-ext-700-normal.woff2': sansCyrillicExt700,
  '@fontsource/noto-sans-mono/files/noto-sans-mono-latin-400-normal.woff2': monoLatin400,
  '@fontsource/noto-sans-mono/files/noto-sans-mono-cyrillic-400-normal.woff2': monoCyrillic400,
};

function urlOf(font: ShippedFontFile): string {
  const url = FONT_URLS[font.packagePath];
  if (!url) throw new Error(`The dossier font ${font.packagePath} is not part of this build of Casefile.`);
  return url;
}

let loading: Promise<LoadedFont[]> | null = null;

/** The dossier fonts' bytes, fetched once from the app's own files (they work offline). */
export function loadDossierFonts(): Promise<LoadedFont[]> {
  loading ??= loadShippedFontsFrom(urlOf).catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
