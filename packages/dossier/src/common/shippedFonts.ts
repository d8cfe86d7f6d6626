import { bytesToBase64 } from './dataUrl.js';

/**
 * The fonts every dossier is set in, shipped with Casefile from npm (Noto Sans and Noto Sans Mono
 * through @fontsource, SIL Open Font License 1.1) and embedded in each HTML and PDF, so a dossier
 * looks the same on every machine and Russian and Kazakh text never falls back to whatever fonts a
 * machine has. Latin, Latin Extended, Cyrillic and Cyrillic Extended subsets: Kazakh's Қ Ә Ғ Ң Ө
 * Ұ Ү Һ І are in the Cyrillic ones. Ranges as @fontsource declares them.
 */
export const DOSSIER_SANS = 'Casefile Dossier Sans';
export const DOSSIER_MONO = 'Casefile Dossier Mono';

const RANGES = {
  latin:
    'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
  'latin-ext':
    'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF',
  cyrillic: 'U+0301,U+0400-045F,U+0490-0491,U+04B0-04B1,U+2116',
  'cyrillic-ext': 'U+0460-052F,U+1C80-1C8A,U+20B4,U+2DE0-2DFF,U+A640-A69F,U+FE2E-FE2F',
} as const;

type Subset = keyof typeof RANGES;

export interface ShippedFontFile {
  family: string;
  weight: 400 | 700;
  unicodeRange: string;
  /** The file as a package path, e.g. `@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2`. */
  packagePath: string;
}

function sans(subset: Subset, weight: 400 | 700): ShippedFontFile {
  return {
    family: DOSSIER_SANS,
    weight,
    unicodeRange: RANGES[subset],
    packagePath: `@fontsource/noto-sans/files/noto-sans-${subset}-${weight}-normal.woff2`,
  };
}

function mono(subset: 'latin' | 'cyrillic'): ShippedFontFile {
  return {
    family: DOSSIER_MONO,
    weight: 400,
    unicodeRange: RANGES[subset],
    packagePath: `@fontsource/noto-sans-mono/files/noto-sans-mono-${subset}-400-normal.woff2`,
  };
}

export const SHIPPED_FONT_FILES: readonly ShippedFontFile[] = [
  ...(['latin', 'latin-ext', 'cyrillic', 'cyrillic-ext'] as const).flatMap((subset) => [
    sans(subset, 400),
    sans(subset, 700),
  ]),
  mono('latin'),
  mono('cyrillic'),
];

/** A shipped font file with its bytes, as a loader (src/node, src/browser) reads it. */
export interface LoadedFont extends ShippedFontFile {
  woff2: Uint8Array;
}

/** `@font-face` rules embedding every font as a data: URL, so the HTML needs no other file. */
export function fontFaceCss(fonts: readonly LoadedFont[]): string {
  return fonts
    .map(
      (font) =>
        `@font-face{font-family:'${font.family}';font-style:normal;font-weight:${font.weight};font-display:block;` +
        `src:url(data:font/woff2;base64,${bytesToBase64(font.woff2)}) format('woff2');unicode-range:${font.unicodeRange}}`,
    )
    .join('\n');
}
