import { unzipSync } from 'fflate';
import { type CaseJson, caseJsonSchema } from './caseJson.js';
import { DossierInputError } from './errors.js';
import {
  type BundleManifest,
  MANIFEST_PATH,
  manifestSchema,
  SUMS_PATH,
  shaOfEvidencePath,
  sumsText,
} from './manifest.js';
import { sha256Hex } from './sha256.js';

export const BUNDLE_PROBLEM_KINDS = [
  'missing',
  'altered',
  'unexpected',
  'misnamed',
  'unaccounted',
  'inconsistent',
  'custody',
] as const;
export type BundleProblemKind = (typeof BUNDLE_PROBLEM_KINDS)[number];

/** One thing wrong with a bundle, naming the file. */
export interface BundleProblem {
  kind: BundleProblemKind;
  path: string;
  message: string;
}

export interface BundleVerification {
  /** True only when every check passed. */
  ok: boolean;
  problems: BundleProblem[];
  /** Files whose SHA-256 was recomputed and matched. */
  verifiedFiles: number;
  /** Evidence files the case names that the bundle declares withheld. */
  withheldFiles: number;
  /** SHA-256 of manifest.json, to compare with the one the publisher announced. */
  manifestSha256: string;
  manifest: BundleManifest;
}

const decoder = new TextDecoder('utf-8', { fatal: true });

function readZip(bytes: Uint8Array): Record<string, Uint8Array> {
  try {
    return unzipSync(bytes);
  } catch (error) {
    throw new DossierInputError(
      `This is not a ZIP file (${(error as Error).message}); a Casefile dossier bundle is the .zip that "Export bundle" writes.`,
    );
  }
}

function readManifest(entries: Record<string, Uint8Array>): BundleManifest {
  const bytes = entries[MANIFEST_PATH];
  if (!bytes) {
    throw new DossierInputError(
      `The ZIP has no ${MANIFEST_PATH}, so it is not a Casefile dossier bundle (or its manifest was removed); nothing can be verified.`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(decoder.decode(bytes));
  } catch (error) {
    throw new DossierInputError(
      `${MANIFEST_PATH} is not valid JSON (${(error as Error).message}); nothing can be verified.`,
    );
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DossierInputError(
      `${MANIFEST_PATH} is not a Casefile bundle manifest (at ${issue?.path.join('.') || 'the top level'}: ${issue?.message}); nothing can be verified.`,
    );
  }
  return parsed.data;
}

function readCase(bytes: Uint8Array | undefined): CaseJson | null {
  if (!bytes) return null;
  try {
    const parsed = caseJsonSchema.safeParse(JSON.parse(decoder.decode(bytes)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The custody record the manifest announces: its file is listed (so hashed like the others), is a
 * JSON array of `entries` entries, and the last one's `hash` is the manifest's `lastHash`. Whether
 * the chain itself holds is the server's check (verifyCustodyChain), made before it exports.
 */
function checkCustody(manifest: BundleManifest, entries: Record<string, Uint8Array>): BundleProblem[] {
  const custody = manifest.custody;
  if (!custody) return [];
  const path = custody.file;
  const problem = (message: string): BundleProblem[] => [{ kind: 'custody', path, message }];
  if (!manifest.files.some((file) => file.path === path)) {
    return problem(`The manifest names ${path} as the custody record but does not list it with its SHA-256.`);
  }
  const bytes = entries[path];
  // A listed file that is not in the ZIP is already reported as missing.
  if (!bytes) return [];
  let log: unknown;
  try {
    log = JSON.parse(decoder.decode(bytes));
  } catch {
    return problem(`${path} is not valid JSON, so the custody record cannot be read.`);
  }
  if (!Array.isArray(log)) return problem(`${path} is not a list of custody entries.`);
  if (log.length !== custody.entries) {
    return problem(`${path} holds ${log.length} custody entries; the manifest says ${custody.entries}.`);
  }
  const last: unknown = log.at(-1);
  const lastHash =
    typeof last === 'object' && last !== null && typeof (last as { hash?: unknown }).hash === 'string'
      ? (last as { hash: string }).hash
      : null;
  if (log.length > 0 && lastHash === null) return problem(`The last entry of ${path} has no hash.`);
  if (lastHash !== custody.lastHash) {
    return problem(
      `The last entry of ${path} has the hash ${lastHash ?? 'none (no entries)'}; the manifest says ${custody.lastHash ?? 'none'}.`,
    );
  }
  return [];
}

/**
 * Verifies a dossier bundle from its bytes alone: recomputes the SHA-256 and size of every file the
 * manifest lists; reports files missing, altered or not listed (unexpected); checks that evidence
 * files are named by their SHA-256, that SHA256SUMS says what the manifest says, that every
 * evidence file the case names is in the bundle or declared withheld, and that a custody record
 * the manifest announces is there and ends at the announced hash. Throws DossierInputError only
 * when there is nothing to verify (not a ZIP, no readable manifest).
 */
export async function verifyBundle(bytes: Uint8Array): Promise<BundleVerification> {
  const entries = readZip(bytes);
  const manifest = readManifest(entries);
  const problems: BundleProblem[] = [];
  let verifiedFiles = 0;

  const listed = new Map(manifest.files.map((file) => [file.path, file]));
  for (const file of manifest.files) {
    const content = entries[file.path];
    if (!content) {
      problems.push({
        kind: 'missing',
        path: file.path,
        message: `${file.path} is listed in the manifest but missing.`,
      });
      continue;
    }
    const actual = await sha256Hex(content);
    if (actual !== file.sha256 || content.length !== file.size) {
      problems.push({
        kind: 'altered',
        path: file.path,
        message: `${file.path} was altered: its SHA-256 is ${actual} (${content.length} bytes); the manifest says ${file.sha256} (${file.size} bytes).`,
      });
    } else {
      verifiedFiles++;
    }
    const named = shaOfEvidencePath(file.path);
    if (file.path.startsWith('evidence/') && named !== file.sha256) {
      problems.push({
        kind: 'misnamed',
        path: file.path,
        message: `${file.path} is not named by its SHA-256 (${file.sha256}).`,
      });
    }
  }

  for (const path of Object.keys(entries)) {
    if (path.endsWith('/') || path === MANIFEST_PATH || path === SUMS_PATH || listed.has(path)) continue;
    problems.push({ kind: 'unexpected', path, message: `${path} is in the bundle but not in the manifest.` });
  }

  const sums = entries[SUMS_PATH];
  if (!sums) {
    problems.push({ kind: 'missing', path: SUMS_PATH, message: `${SUMS_PATH} is missing.` });
  } else if (new TextDecoder().decode(sums) !== sumsText(manifest.files)) {
    problems.push({
      kind: 'inconsistent',
      path: SUMS_PATH,
      message: `${SUMS_PATH} does not list the same files and hashes as ${MANIFEST_PATH}.`,
    });
  }

  // Every evidence file the case names is carried, or declared withheld with a reason.
  const caseFile = manifest.files.find((file) => file.kind === 'case');
  const caseJson = readCase(caseFile ? entries[caseFile.path] : undefined);
  if (!caseJson) {
    problems.push({
      kind: 'missing',
      path: caseFile?.path ?? 'case.json',
      message: `${caseFile?.path ?? 'case.json'} is missing or unreadable, so the case's evidence files cannot be accounted for.`,
    });
  } else {
    const carried = new Set(manifest.files.filter((file) => file.kind === 'evidence').map((file) => file.sha256));
    const withheld = new Set(manifest.withheld.map((file) => file.sha256));
    const named = new Set(caseJson.evidence.flatMap((item) => item.files.map((file) => file.sha256)));
    for (const sha of named) {
      if (!carried.has(sha) && !withheld.has(sha)) {
        problems.push({
          kind: 'unaccounted',
          path: `evidence/${sha}`,
          message: `The case names evidence file ${sha}, which the bundle neither carries nor declares withheld.`,
        });
      }
    }
    for (const file of manifest.files) {
      if (file.kind === 'derived' && !(file.derivedFrom && named.has(file.derivedFrom))) {
        problems.push({
          kind: 'inconsistent',
          path: file.path,
          message: `${file.path} is a derived copy, but its derivedFrom (${file.derivedFrom ?? 'none'}) is no evidence file of the case.`,
        });
      }
    }
  }

  problems.push(...checkCustody(manifest, entries));

  const withheldFiles = manifest.withheld.length;
  const manifestBytes = entries[MANIFEST_PATH] as Uint8Array;
  return {
    ok: problems.length === 0,
    problems,
    verifiedFiles,
    withheldFiles,
    manifestSha256: await sha256Hex(manifestBytes),
    manifest,
  };
}
