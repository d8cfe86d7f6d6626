import { z } from 'zod';

/**
 * `manifest.json` of a dossier bundle, format `casefile-dossier-bundle` version 1: every other file
 * of the bundle with its SHA-256 and size, and every evidence file the case names but the bundle
 * does not carry (`withheld`), with why. README documents each field.
 */
export const MANIFEST_FORMAT = 'casefile-dossier-bundle';
export const MANIFEST_VERSION = 1;
export const MANIFEST_PATH = 'manifest.json';
/** The manifest's list in `sha256sum` format, so `sha256sum -c SHA256SUMS` checks a bundle by hand. */
export const SUMS_PATH = 'SHA256SUMS';

export const BUNDLE_FILE_KINDS = [
  'case',
  'claimReview',
  'timeline',
  'activityLog',
  'html',
  'pdf',
  'evidence',
  'derived',
  'custody',
] as const;

/** Where a bundle carries the server's custody record, when the exporter had one. */
export const CUSTODY_PATH = 'custody-log.json';

export const WITHHELD_REASONS = ['privacy', 'unavailable', 'undecodable'] as const;
export type WithheldReason = (typeof WITHHELD_REASONS)[number];

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  version: z.literal(MANIFEST_VERSION),
  generator: z.string(),
  caseId: z.string(),
  title: z.string(),
  exportedAt: z.string(),
  includesOriginals: z.boolean(),
  files: z.array(
    z.object({
      path: z.string(),
      sha256,
      size: z.number().int().nonnegative(),
      kind: z.enum(BUNDLE_FILE_KINDS),
      mime: z.string(),
      /** For `derived` files: the SHA-256 of the original evidence file this copy was made from. */
      derivedFrom: sha256.optional(),
    }),
  ),
  withheld: z.array(
    z.object({
      sha256,
      size: z.number().int().nonnegative(),
      mime: z.string(),
      name: z.string(),
      reason: z.enum(WITHHELD_REASONS),
      /** Path of the metadata-free copy carried instead, when there is one. */
      replacedBy: z.string().optional(),
    }),
  ),
  /**
   * The sync server's custody record of the case (`file`, listed in `files` like the others), its
   * entry count and its last entry's hash (null for an empty record); null when the exporter had no
   * custody record (a device's own export). Absent in bundles made before it existed: read as null.
   */
  custody: z
    .object({
      file: z.string(),
      entries: z.number().int().nonnegative(),
      lastHash: sha256.nullable(),
    })
    .nullable()
    .default(null),
});

export type BundleManifest = z.infer<typeof manifestSchema>;
export type ManifestFile = BundleManifest['files'][number];
export type WithheldFile = BundleManifest['withheld'][number];

export const WITHHELD_EXPLANATIONS: Record<WithheldReason, string> = {
  privacy: 'original image withheld to protect metadata (location, camera); a re-encoded copy is carried instead',
  unavailable: 'the exporter did not have this file',
  undecodable: 'original image withheld to protect metadata, and it could not be decoded to make a copy',
};

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': '.jpg',
  'image/png': '.png',
  'image/webp': '.webp',
  'image/gif': '.gif',
  'image/avif': '.avif',
  'application/pdf': '.pdf',
  'text/plain': '.txt',
  'text/html': '.html',
  'multipart/related': '.mhtml',
  'application/x-mimearchive': '.mhtml',
  'application/json': '.json',
  'video/mp4': '.mp4',
  'audio/mpeg': '.mp3',
};

/** Where an evidence file lives in a bundle: named by its SHA-256, with an extension a desktop opens it by. */
export function evidencePath(sha: string, mime: string): string {
  const type = mime.split(';')[0]?.trim().toLowerCase() ?? '';
  return `evidence/${sha}${EXTENSIONS[type] ?? ''}`;
}

/** The SHA-256 an evidence path is named by (its name without the extension), or null. */
export function shaOfEvidencePath(path: string): string | null {
  return /^evidence\/([0-9a-f]{64})(\.[a-z0-9]+)?$/.exec(path)?.[1] ?? null;
}

export function sumsText(files: readonly ManifestFile[]): string {
  return files.map((file) => `${file.sha256}  ${file.path}\n`).join('');
}
