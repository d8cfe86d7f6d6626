#!/usr/bin/env -S node --import tsx
import { readFile } from 'node:fs/promises';
import { verifyBundle } from '../common/bundleVerifier.js';
import { DossierInputError } from '../common/errors.js';
import { WITHHELD_EXPLANATIONS } from '../common/manifest.js';

const USAGE = `Usage: casefile-verify <bundle.zip>

Checks a Casefile dossier bundle: recomputes the SHA-256 of every file, reports files missing,
altered or not in the manifest, and checks that every evidence file the case names is in the
bundle or declared withheld. Exit code 0 only when everything checks out; 1 when a check failed;
2 when the file cannot be read as a bundle.
`;

async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (args.length !== 1 || args[0]?.startsWith('-')) {
    process.stderr.write(`casefile-verify: give one bundle file.\n\n${USAGE}`);
    return 2;
  }
  const path = args[0] as string;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    process.stderr.write(
      `casefile-verify: cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}.\n`,
    );
    return 2;
  }
  try {
    const result = await verifyBundle(bytes);
    const out = process.stdout;
    out.write(
      `Bundle: ${path}\nCase: ${result.manifest.title} (${result.manifest.caseId}), exported ${result.manifest.exportedAt}\n`,
    );
    out.write(
      `manifest.json SHA-256: ${result.manifestSha256}\n  (compare it with the one published with the dossier)\n`,
    );
    for (const file of result.manifest.withheld) {
      out.write(`Withheld: ${file.sha256} ${file.name || file.mime}: ${WITHHELD_EXPLANATIONS[file.reason]}\n`);
    }
    const custody = result.manifest.custody;
    out.write(
      custody
        ? `Custody record: ${custody.file}, ${custody.entries} entries, last hash ${custody.lastHash ?? 'none'}\n`
        : 'Custody record: none (exported without the sync server)\n',
    );
    if (result.ok) {
      out.write(
        `OK: all ${result.verifiedFiles} files match their SHA-256 and size; every evidence file is present or declared withheld (${result.withheldFiles} withheld).\n`,
      );
      return 0;
    }
    process.stderr.write(`FAILED: ${result.problems.length} problem${result.problems.length === 1 ? '' : 's'}:\n`);
    for (const problem of result.problems) process.stderr.write(`  ${problem.kind}: ${problem.message}\n`);
    return 1;
  } catch (error) {
    if (error instanceof DossierInputError) {
      process.stderr.write(`casefile-verify: ${path}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = await main(process.argv.slice(2));
