import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCaseJson } from '../common/caseJson.js';
import { DossierIntegrityError, ExportCancelledError } from '../common/errors.js';
import { exportDossier } from '../common/exportDossier.js';
import { type PdfPrintOptions, type PdfRenderer, readDestinationPages } from '../common/pdfPages.js';
import type { TimelineJs } from '../common/timelineJs.js';
import { CYRILLIC, demoCase, KAZAKH } from '../testSupport/demoDossier.js';
import { type ChromiumPdfPrinter, launchChromiumPdfPrinter } from './chromiumPdf.js';
import { exportDossierToFile } from './exportToFile.js';
import { reEncodeImageWithSharp } from './sharpImages.js';
import { loadShippedFonts } from './shippedFonts.js';

let printer: ChromiumPdfPrinter;
let dir: string;

beforeAll(async () => {
  printer = await launchChromiumPdfPrinter();
  dir = await mkdtemp(join(tmpdir(), 'casefile-dossier-'));
});

afterAll(async () => {
  await printer?.close();
  await rm(dir, { recursive: true, force: true });
});

/** The demo case printed once, for the tests that read it. */
let demoPdf: Promise<{ path: string; elapsed: number }> | null = null;
function printDemoPdf(): Promise<{ path: string; elapsed: number }> {
  demoPdf ??= (async () => {
    const { dossier, source } = demoCase();
    const path = join(dir, 'demo.pdf');
    const started = performance.now();
    await exportDossierToFile(dossier, 'pdf', path, { blobs: source, renderPdf: printer.renderPdf });
    return { path, elapsed: performance.now() - started };
  })();
  return demoPdf;
}

/** What a reader of the PDF sees, as poppler's pdftotext extracts it. */
function pdfText(path: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
}

describe('exporting the demo case', () => {
  it('prints a PDF whose text holds the title, the verdict, every evidence hash and the Russian and Kazakh text', async () => {
    const { dossier } = demoCase();
    const { path, elapsed } = await printDemoPdf();
    const text = pdfText(path);
    expect(text).toContain("NATO 'peacekeeping centre' in Astana");
    expect(text).toContain('Verdict: False');
    for (const item of dossier.evidence) for (const file of item.files) expect(text).toContain(file.sha256);
    // pdftotext joins lines with spaces or newlines; the words themselves must come out intact.
    const words = text.replace(/\s+/g, ' ');
    expect(words).toContain(CYRILLIC);
    expect(words).toContain(KAZAKH);
    expect(words).toContain('Appendix: every SHA-256');
    expect(text).toMatch(/Page 1 of \d+/);
    console.info(`PDF export of the demo case: ${Math.round(elapsed)} ms`);
  });

  it('sets the PDF only in the fonts Casefile ships, embedded', async () => {
    const { path } = await printDemoPdf();
    const fonts = execFileSync('pdffonts', [path], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) {
      expect(line).toMatch(/\+NotoSans(Mono)?-(Regular|Bold)\s/);
      // emb, sub, uni: embedded, subset, with a Unicode map (so text can be copied and searched).
      expect(line).toMatch(/\syes\s+yes\s+yes\s/);
    }
  });

  it('numbers the pages of the table of contents', async () => {
    const { path } = await printDemoPdf();
    const contents = pdfText(path).split('Contents')[1] ?? '';
    const appendix = /Appendix: every SHA-256\s+(\d+)/.exec(contents);
    const claims = /Claims\s+(\d+)/.exec(contents);
    expect(Number(claims?.[1])).toBeGreaterThanOrEqual(2);
    expect(Number(appendix?.[1])).toBeGreaterThan(Number(claims?.[1]));
  });

  it('writes one self-contained HTML file with the fonts embedded and the scripts intact', async () => {
    const { dossier, source } = demoCase();
    const out = join(dir, 'demo.html');
    await exportDossierToFile(dossier, 'html', out, { blobs: source });
    const html = await readFile(out, 'utf8');
    expect(html).toContain('NATO &#39;peacekeeping centre&#39; in Astana');
    expect(html).toContain(CYRILLIC);
    expect(html).toContain(KAZAKH);
    expect(html).toContain('data:font/woff2;base64,');
    // Nothing is fetched when the file is opened: no http(s) resource, no script.
    expect(html).not.toMatch(/<(script|link|iframe)\b/i);
    expect(html).not.toMatch(/src="https?:/i);
    expect(html).not.toMatch(/url\((?!data:)/);
  });

  it('writes the case as JSON that reads back into the same dossier', async () => {
    const { dossier, source } = demoCase();
    const out = join(dir, 'demo.json');
    await exportDossierToFile(dossier, 'json', out, { blobs: source });
    const text = await readFile(out, 'utf8');
    const json = JSON.parse(text);
    expect(json.format).toBe('casefile-case');
    expect(json.version).toBe(1);
    expect(json.claimReviews).toHaveLength(1);
    expect(parseCaseJson(text)).toEqual(dossier);
  });

  it('writes the timeline as TimelineJS JSON, dated to each event’s precision', async () => {
    const { dossier, source } = demoCase();
    const { bytes } = await exportDossier(dossier, 'timeline', {
      blobs: source,
      reEncodeImage: reEncodeImageWithSharp,
      fonts: [],
    });
    const timeline = JSON.parse(new TextDecoder().decode(bytes)) as TimelineJs;
    expect(timeline.title.text.headline).toBe('NATO &#39;peacekeeping centre&#39; in Astana');
    expect(timeline.events).toHaveLength(dossier.events.length);
    const sovereignty = timeline.events.find((event) => event.text.headline.includes('sovereignty'));
    expect(sovereignty?.start_date).toMatchObject({ year: '1990', month: '10', day: '25' });
    const posts = timeline.events.find((event) => event.text.headline.includes('Telegram channels post'));
    expect(posts?.start_date).toEqual({ year: '2022', month: '10', display_date: 'October 2022' });
  });
});

/** Whether poppler's pdfinfo reads the PDF as tagged (a structure tree for screen readers). */
function isTagged(path: string): boolean {
  return /^Tagged:\s+yes$/m.test(execFileSync('pdfinfo', [path], { encoding: 'utf8' }));
}

/** The real printer, noting each print it is asked for. */
function countingPrinter(): { renderPdf: PdfRenderer; prints: Array<PdfPrintOptions | undefined> } {
  const prints: Array<PdfPrintOptions | undefined> = [];
  return {
    prints,
    renderPdf: (html, signal, print) => {
      prints.push(print);
      return printer.renderPdf(html, signal, print);
    },
  };
}

describe('printing the PDF', () => {
  it('prints a tagged PDF by default, after an untagged draft, with contents numbers that are the pages the entries are on', async () => {
    const { dossier, source } = demoCase();
    const counting = countingPrinter();
    const path = join(dir, 'numbered.pdf');
    const { bytes } = await exportDossierToFile(dossier, 'pdf', path, { blobs: source, renderPdf: counting.renderPdf });
    expect(counting.prints).toEqual([
      { tagged: false, draft: true },
      { tagged: true, draft: false },
    ]);
    expect(isTagged(path)).toBe(true);
    // The draft lays out the same pages as the PDF: its numbers are where the links of the PDF land.
    const pages = readDestinationPages(bytes);
    const contents = pdfText(path).split('Contents')[1] ?? '';
    for (const [id, label] of [
      ['claims', 'Claims'],
      ['evidence', 'Evidence'],
      ['notes', 'Notes'],
      ['hashes', 'Appendix: every SHA-256'],
    ] as const) {
      const printed = new RegExp(`${label}\\s+(\\d+)`).exec(contents)?.[1];
      expect(Number(printed), label).toBe(pages.get(id));
    }
  });

  it('prints once, untagged and without contents numbers, when asked to', async () => {
    const { dossier, source } = demoCase();
    const counting = countingPrinter();
    const path = join(dir, 'quick.pdf');
    const { bytes } = await exportDossierToFile(dossier, 'pdf', path, {
      blobs: source,
      renderPdf: counting.renderPdf,
      tagged: false,
      contentsPageNumbers: false,
    });
    expect(counting.prints).toEqual([{ tagged: false, draft: false }]);
    expect(isTagged(path)).toBe(false);
    const text = pdfText(path);
    const contents = text.split('Contents')[1]?.split('Claim 1')[0] ?? '';
    expect(contents).toContain('Appendix: every SHA-256');
    expect(contents).not.toMatch(/Appendix: every SHA-256\s+\d/);
    // The contents still link to every entry, and the pages are numbered.
    expect(readDestinationPages(bytes).get('hashes')).toBeGreaterThan(2);
    expect(text).toMatch(/Page 1 of \d+/);
  });
});

describe('an export that cannot finish writes nothing', () => {
  it('stops when cancelled and leaves no file', async () => {
    const { dossier, source } = demoCase();
    const out = join(dir, 'cancelled.zip');
    const controller = new AbortController();
    const phases: string[] = [];
    const exporting = exportDossierToFile(dossier, 'bundle', out, {
      blobs: source,
      renderPdf: printer.renderPdf,
      signal: controller.signal,
      onProgress: (progress) => {
        phases.push(progress.phase);
        if (progress.phase === 'pdf') controller.abort();
      },
    });
    await expect(exporting).rejects.toBeInstanceOf(ExportCancelledError);
    expect(phases).toContain('evidence');
    expect((await readdir(dir)).filter((name) => name.includes('cancelled'))).toEqual([]);
  });

  it('refuses evidence whose stored bytes no longer match their hash, and keeps the earlier file', async () => {
    const { dossier, blobs } = demoCase();
    const out = join(dir, 'tampered.html');
    await writeFile(out, 'earlier export');
    const [sha] = [...blobs.keys()];
    const tampered = async (hash: string) =>
      hash === sha ? new TextEncoder().encode('not what was captured') : (blobs.get(hash) ?? null);
    await expect(exportDossierToFile(dossier, 'html', out, { blobs: tampered })).rejects.toThrow(DossierIntegrityError);
    await expect(exportDossierToFile(dossier, 'html', out, { blobs: tampered })).rejects.toThrow(
      /no longer match the SHA-256 taken at capture/,
    );
    expect(await readFile(out, 'utf8')).toBe('earlier export');
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('names the missing folder instead of writing elsewhere', async () => {
    const { dossier, source } = demoCase();
    await expect(
      exportDossierToFile(dossier, 'json', join(dir, 'no-such-folder', 'x.json'), { blobs: source }),
    ).rejects.toThrow(/does not exist/);
  });

  it('loads the shipped fonts with Cyrillic Extended for Kazakh', async () => {
    const fonts = await loadShippedFonts();
    const kazakh = fonts.find((font) => font.packagePath.includes('cyrillic-ext-400'));
    expect(kazakh?.woff2.length).toBeGreaterThan(1000);
    // Қ is U+049A, inside the Cyrillic Extended range.
    expect(kazakh?.unicodeRange).toContain('U+0460-052F');
  });
});
