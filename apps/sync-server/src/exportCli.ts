#!/usr/bin/env -S node --import tsx
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  DOSSIER_FORMATS,
  type DossierFormat,
  DossierInputError,
  DossierIntegrityError,
  type ExportProgress,
  isDossierFormat,
  parseCaseJson,
} from '@casefile/dossier';
import { blobDirectorySource, exportDossierToFile, writeFileAtomic } from '@casefile/dossier/node';
import { exportCase, listStoredCases, openDataDirectory } from './exportCase.js';

const USAGE = `Usage:
  casefile-export --data DIR --list
  casefile-export --data DIR --case ID --format FORMAT --out FILE [PDF and bundle options]
  casefile-export --from case.json [--blobs DIR] --format FORMAT --out FILE [PDF and bundle options]

Exports a case as a dossier, without the app: from a sync server's data directory (stop the
server first: it keeps the directory locked), or from a case exported as JSON.

  --data DIR           the sync server's data directory (what it runs with as --data)
  --list               list the cases there: id and title, one a line
  --case ID            the case to export
  --from FILE          a case JSON file (--format json, or case.json from a bundle)
  --blobs DIR          evidence files named by SHA-256, for --from (default: an evidence/
                       folder beside the JSON file, as in an unpacked bundle)
  --format FORMAT      ${DOSSIER_FORMATS.join(' | ')}
  --out FILE           where to write; written whole or not at all
  --include-originals  put the original images, metadata and all, into a bundle (by default
                       each image is a re-encoded copy without metadata, the original withheld)
  --untagged           a PDF without the structure tree screen readers use (by default the PDF
                       is tagged); prints about twice as fast
  --contents-without-pages
                       the contents link to every entry but show no page numbers (by default a
                       draft print finds them first); one print instead of two
  -h, --help           show this help
`;

class UsageError extends Error {}

interface Options {
  data?: string;
  list: boolean;
  caseId?: string;
  from?: string;
  blobs?: string;
  format?: string;
  out?: string;
  includeOriginals: boolean;
  tagged: boolean;
  contentsPageNumbers: boolean;
  help: boolean;
}

function parseOptions(argv: string[]): Options {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv[0] === '--' ? argv.slice(1) : argv,
      strict: true,
      allowPositionals: false,
      options: {
        data: { type: 'string' },
        list: { type: 'boolean' },
        case: { type: 'string' },
        from: { type: 'string' },
        blobs: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        'include-originals': { type: 'boolean' },
        untagged: { type: 'boolean' },
        'contents-without-pages': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined);
  const options: Options = {
    list: values.list === true,
    includeOriginals: values['include-originals'] === true,
    tagged: values.untagged !== true,
    contentsPageNumbers: values['contents-without-pages'] !== true,
    help: values.help === true,
  };
  for (const [key, name] of [
    ['data', 'data'],
    ['case', 'caseId'],
    ['from', 'from'],
    ['blobs', 'blobs'],
    ['format', 'format'],
    ['out', 'out'],
  ] as const) {
    const value = text(key);
    if (value !== undefined) options[name] = value;
  }
  if (options.help) return options;
  if (options.list) {
    if (options.data === undefined) throw new UsageError('--list needs --data DIR.');
    return options;
  }
  if ((options.data === undefined) === (options.from === undefined)) {
    throw new UsageError('Export from either --data DIR --case ID or --from case.json.');
  }
  if (options.data !== undefined && options.caseId === undefined) {
    throw new UsageError('Say which case to export with --case ID (--list shows the ids).');
  }
  if (options.blobs !== undefined && options.from === undefined) throw new UsageError('--blobs goes with --from.');
  if (options.format === undefined) throw new UsageError(`Choose a format: --format ${DOSSIER_FORMATS.join(' | ')}.`);
  if (!isDossierFormat(options.format)) {
    throw new UsageError(
      `Unknown format ${JSON.stringify(options.format)}; use one of: ${DOSSIER_FORMATS.join(', ')}.`,
    );
  }
  if (options.out === undefined) throw new UsageError('Say where to write the dossier with --out FILE.');
  return options;
}

/** One line per phase on stderr, so a long export shows it is moving. */
function progressPrinter(): (progress: ExportProgress) => void {
  let last = '';
  return ({ phase, done, total }) => {
    if (done !== total || phase === last) return;
    last = phase;
    process.stderr.write(`  ${phase}: ${done}/${total}\n`);
  };
}

async function main(argv: string[]): Promise<number> {
  let options: Options;
  try {
    options = parseOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`casefile-export: ${error.message}\nRun with --help to see the options.\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const controller = new AbortController();
  // Ctrl+C cancels: the export stops between steps and leaves no file behind.
  process.once('SIGINT', () => controller.abort());
  const signal = controller.signal;
  try {
    if (options.data !== undefined) {
      const { store, blobs } = await openDataDirectory(resolve(options.data));
      try {
        if (options.list) {
          for (const entry of await listStoredCases(store)) process.stdout.write(`${entry.id}\t${entry.title}\n`);
          return 0;
        }
        const out = resolve(options.out as string);
        const folder = await stat(dirname(out)).catch(() => null);
        if (!folder?.isDirectory()) {
          throw new DossierInputError(`The folder ${dirname(out)} does not exist; create it or choose another --out.`);
        }
        const exported = await exportCase(store, blobs, options.caseId as string, options.format as DossierFormat, {
          includeOriginals: options.includeOriginals,
          tagged: options.tagged,
          contentsPageNumbers: options.contentsPageNumbers,
          signal,
          onProgress: progressPrinter(),
        });
        await writeFileAtomic(out, exported.bytes, signal);
        report(out, exported.bytes.length, exported.bundle?.manifestSha256);
        return 0;
      } finally {
        await store.close();
      }
    }
    const from = resolve(options.from as string);
    const text = await readFile(from, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new DossierInputError(`Cannot read ${from}: ${error.code === 'ENOENT' ? 'no such file' : error.message}.`);
    });
    const dossier = parseCaseJson(text);
    const blobsDir = options.blobs ?? join(dirname(from), 'evidence');
    const hasBlobs = options.blobs !== undefined || (await stat(blobsDir).catch(() => null))?.isDirectory();
    const out = resolve(options.out as string);
    const exported = await exportDossierToFile(dossier, options.format as DossierFormat, out, {
      ...(hasBlobs ? { blobs: await blobDirectorySource(blobsDir) } : {}),
      includeOriginals: options.includeOriginals,
      tagged: options.tagged,
      contentsPageNumbers: options.contentsPageNumbers,
      signal,
      onProgress: progressPrinter(),
    });
    report(out, exported.bytes.length, exported.bundle?.manifestSha256);
    return 0;
  } catch (error) {
    if (signal.aborted) {
      process.stderr.write('casefile-export: cancelled; no file was written.\n');
      return 130;
    }
    if (error instanceof DossierInputError || error instanceof DossierIntegrityError) {
      process.stderr.write(`casefile-export: ${error.message}\n`);
      return error instanceof DossierIntegrityError ? 1 : 2;
    }
    process.stderr.write(`casefile-export: the export failed, and no file was written: ${(error as Error).message}\n`);
    return 1;
  }
}

function report(out: string, size: number, manifestSha256: string | undefined): void {
  process.stdout.write(`Wrote ${out} (${size} bytes)\n`);
  if (manifestSha256) {
    process.stdout.write(
      `manifest.json SHA-256: ${manifestSha256}\n  Publish this beside the bundle: a reader checks it with casefile-verify or sha256sum.\n`,
    );
  }
}

process.exitCode = await main(process.argv.slice(2));
