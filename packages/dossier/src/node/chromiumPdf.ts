import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { ExportCancelledError } from '../common/errors.js';
import type { PdfRenderer } from '../common/pdfPages.js';

/** Where Chromium is: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium` (the tests' convention too). */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

// No calls out to the network: a dossier is self-contained, and these machines may have no network.
// Chromium (full Chromium in headless mode) also loads the omnibox popup's WebUI at launch, a
// renderer that runs hundreds of scripts while the dossier prints: seconds of CPU on a 2-core
// machine for a window nobody sees. Unknown feature names are ignored, so older builds are fine.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
];

export interface ChromiumPdfPrinter {
  renderPdf: PdfRenderer;
  close(): Promise<void>;
}

/**
 * Launches the system Chromium (never a downloaded one) through playwright-core and prints HTML to
 * PDF with the page size and page numbers the document's CSS sets. One browser serves every print
 * until `close()`; each print gets its own page, closed when it is done or cancelled.
 */
export async function launchChromiumPdfPrinter(): Promise<ChromiumPdfPrinter> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium was not found at ${executablePath}; it prints the PDF. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  const browser: Browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  const renderPdf: PdfRenderer = async (html, signal, print) => {
    const tagged = print?.tagged ?? true;
    if (signal?.aborted) throw new ExportCancelledError();
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const onAbort = () => void context.close().catch(() => {});
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true, outline: tagged, tagged });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } catch (error) {
      if (signal?.aborted) throw new ExportCancelledError();
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await context.close().catch(() => {});
    }
  };
  return { renderPdf, close: () => browser.close() };
}
