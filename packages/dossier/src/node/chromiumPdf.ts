import { existsSync } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';
import { ExportCancelledError } from '../common/errors.js';
import type { PdfRenderer } from '../common/pdfPages.js';
import { chromiumPath, HEADLESS_CHROMIUM_ARGS } from './chromiumFlags.js';

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
  const browser: Browser = await chromium.launch({ executablePath, args: [...HEADLESS_CHROMIUM_ARGS] });
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
