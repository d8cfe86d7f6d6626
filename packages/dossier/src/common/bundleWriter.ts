import { type Zippable, zipSync } from 'fflate';
import type { DossierCase } from './caseJson.js';
import { throwIfCancelled } from './errors.js';
import type { PreparedFiles } from './evidenceFiles.js';
import {
  type BundleManifest,
  CUSTODY_PATH,
  evidencePath,
  MANIFEST_FORMAT,
  MANIFEST_PATH,
  MANIFEST_VERSION,
  type ManifestFile,
  SUMS_PATH,
  sumsText,
  type WithheldFile,
} from './manifest.js';
import type { ProgressListener } from './progress.js';
import { sha256Hex } from './sha256.js';

/** The rendered parts of a dossier that go into its bundle beside the evidence. */
export interface BundleParts {
  caseJson: string;
  claimReview: string;
  timeline: string;
  activityLog: string;
  html: string;
  pdf: Uint8Array;
}

/**
 * A case's custody record as the sync server keeps it (apps/sync-server/src/custodyLog.ts): plain
 * data, so this package needs nothing of the server. The server checks the chain before export.
 */
export interface CustodyRecord {
  /** The entries, oldest first, as the server stores them (each has a `hash`). */
  entries: readonly unknown[];
  /** The last entry's hash; null when the record is empty. */
  lastHash: string | null;
}

export interface BundleOptions {
  /** Put the original evidence images, unaltered, into the bundle (default: a metadata-free copy instead). */
  includeOriginals: boolean;
  /** The server's custody record, carried as custody-log.json; null or absent: none (manifest says null). */
  custody?: CustodyRecord | null;
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

export interface Bundle {
  zip: Uint8Array;
  manifest: BundleManifest;
  /** SHA-256 of manifest.json: publish it beside the dossier, so a reader can tell the manifest is the one sent. */
  manifestSha256: string;
}

const encoder = new TextEncoder();

// Already-compressed files are stored as they are; deflating them again costs time and gains nothing.
const STORED_TYPES = /^(image\/(jpeg|png|webp|gif|avif)|application\/pdf|video\/|audio\/)/;

/**
 * The ZIP bundle: the dossier in every format, the evidence files under their SHA-256 names, the
 * activity log, `manifest.json` (every file with its SHA-256 and size, and what was withheld) and
 * `SHA256SUMS` (the same list for `sha256sum -c`). Without originals, each image travels as its
 * re-encoded copy, named by its own SHA-256 with `derivedFrom` naming the original, and the original
 * is listed as withheld; so is any file the exporter did not have.
 */
export async function writeBundle(
  dossier: DossierCase,
  files: PreparedFiles,
  parts: BundleParts,
  options: BundleOptions,
): Promise<Bundle> {
  const { signal, onProgress } = options;
  const entries: Array<{
    path: string;
    bytes: Uint8Array;
    kind: ManifestFile['kind'];
    mime: string;
    derivedFrom?: string;
  }> = [
    { path: 'case.json', bytes: encoder.encode(parts.caseJson), kind: 'case', mime: 'application/json' },
    {
      path: 'claimreview.jsonld',
      bytes: encoder.encode(parts.claimReview),
      kind: 'claimReview',
      mime: 'application/ld+json',
    },
    { path: 'timeline.json', bytes: encoder.encode(parts.timeline), kind: 'timeline', mime: 'application/json' },
    {
      path: 'activity-log.json',
      bytes: encoder.encode(parts.activityLog),
      kind: 'activityLog',
      mime: 'application/json',
    },
    { path: 'dossier.html', bytes: encoder.encode(parts.html), kind: 'html', mime: 'text/html' },
    { path: 'dossier.pdf', bytes: parts.pdf, kind: 'pdf', mime: 'application/pdf' },
  ];
  const custody = options.custody ?? null;
  if (custody) {
    entries.push({
      path: CUSTODY_PATH,
      bytes: encoder.encode(`${JSON.stringify(custody.entries, null, 2)}\n`),
      kind: 'custody',
      mime: 'application/json',
    });
  }
  const withheld: WithheldFile[] = [];
  // A path holds one file: identical bytes (two originals that re-encode to the same pixels, or an
  // evidence file that is itself such a copy) are stored once.
  const placed = new Set(entries.map((entry) => entry.path));
  const place = (entry: (typeof entries)[number]) => {
    if (placed.has(entry.path)) return;
    placed.add(entry.path);
    entries.push(entry);
  };
  for (const { file, original, derived, imageProblem } of files.values()) {
    const record = { sha256: file.sha256, size: file.size, mime: file.mime, name: file.name };
    if (original === null) {
      withheld.push({ ...record, reason: 'unavailable' });
    } else if (derived === null && imageProblem === null) {
      place({ path: evidencePath(file.sha256, file.mime), bytes: original, kind: 'evidence', mime: file.mime });
    } else if (options.includeOriginals) {
      place({ path: evidencePath(file.sha256, file.mime), bytes: original, kind: 'evidence', mime: file.mime });
    } else if (derived) {
      const path = evidencePath(derived.sha256, derived.mime);
      place({ path, bytes: derived.bytes, kind: 'derived', mime: derived.mime, derivedFrom: file.sha256 });
      withheld.push({ ...record, reason: 'privacy', replacedBy: path });
    } else {
      withheld.push({ ...record, reason: 'undecodable' });
    }
  }

  const listed: ManifestFile[] = [];
  for (const [index, entry] of entries.entries()) {
    throwIfCancelled(signal);
    const file: ManifestFile = {
      path: entry.path,
      sha256: await sha256Hex(entry.bytes),
      size: entry.bytes.length,
      kind: entry.kind,
      mime: entry.mime,
    };
    if (entry.derivedFrom !== undefined) file.derivedFrom = entry.derivedFrom;
    listed.push(file);
    onProgress?.({ phase: 'bundle', done: index + 1, total: entries.length + 1 });
  }
  const manifest: BundleManifest = {
    format: MANIFEST_FORMAT,
    version: MANIFEST_VERSION,
    generator: dossier.generator,
    caseId: dossier.case.id,
    title: dossier.case.title,
    exportedAt: dossier.exportedAt,
    includesOriginals: options.includeOriginals,
    files: listed,
    withheld,
    custody: custody ? { file: CUSTODY_PATH, entries: custody.entries.length, lastHash: custody.lastHash } : null,
  };
  const manifestBytes = encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`);
  const mtime = new Date(dossier.exportedAt);
  const zippable: Zippable = {
    [MANIFEST_PATH]: [manifestBytes, { level: 6, mtime }],
    [SUMS_PATH]: [encoder.encode(sumsText(listed)), { level: 6, mtime }],
  };
  for (const entry of entries) {
    zippable[entry.path] = [entry.bytes, { level: STORED_TYPES.test(entry.mime) ? 0 : 6, mtime }];
  }
  throwIfCancelled(signal);
  const zip = zipSync(zippable);
  onProgress?.({ phase: 'bundle', done: entries.length + 1, total: entries.length + 1 });
  return { zip, manifest, manifestSha256: await sha256Hex(manifestBytes) };
}
