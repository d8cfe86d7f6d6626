import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { type LoadedFont, SHIPPED_FONT_FILES } from '../common/shippedFonts.js';

const require = createRequire(import.meta.url);
let loading: Promise<LoadedFont[]> | null = null;

/** The shipped fonts' bytes, read once from their npm packages (installed with this package). */
export function loadShippedFonts(): Promise<LoadedFont[]> {
  loading ??= Promise.all(
    SHIPPED_FONT_FILES.map(async (font) => ({
      ...font,
      woff2: new Uint8Array(await readFile(require.resolve(font.packagePath))),
    })),
  ).catch((error: unknown) => {
    loading = null;
    throw new Error(
      `The dossier fonts could not be read (${(error as Error).message}). Run pnpm install to restore @fontsource/noto-sans and @fontsource/noto-sans-mono.`,
    );
  });
  return loading;
}
