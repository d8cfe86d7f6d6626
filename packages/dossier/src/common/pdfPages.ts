/**
 * How one print is wanted. A renderer that cannot honour an option may ignore it: the PDF is then
 * larger or slower to make, never wrong.
 */
export interface PdfPrintOptions {
  /**
   * A tagged (accessible) PDF: a structure tree for screen readers and reflow, and a document
   * outline (bookmarks) from the headings. Playwright `page.pdf({ tagged, outline })`, Electron
   * `printToPDF({ generateTaggedPDF, generateDocumentOutline })`. Costs about twice an untagged print.
   */
  tagged: boolean;
  /**
   * A draft whose only use is its named destinations (the page of each contents entry): nobody
   * reads it. The dossier prints its draft untagged and with every box invisible, which lays out
   * the same pages and leaves little to paint.
   */
  draft: boolean;
}

/**
 * Prints HTML to PDF bytes. Chromium does the printing: playwright-core driving the system Chromium
 * on the command line and in tests (src/node), `webContents.printToPDF` in the desktop app. The
 * page size, margins and page numbers come from the document's CSS (`@page`), so a renderer must
 * honour it: Playwright `page.pdf({ preferCSSPageSize: true, printBackground: true })`, Electron
 * `printToPDF({ preferCSSPageSize: true, printBackground: true })`. `print` absent: a final,
 * tagged print.
 */
export type PdfRenderer = (html: string, signal?: AbortSignal, print?: PdfPrintOptions) => Promise<Uint8Array>;

const latin1 = new TextDecoder('latin1');

/** Object number -> the text between `N 0 obj` and `endobj` (binary streams come out as noise, unused). */
function indexObjects(text: string): Map<number, string> {
  const objects = new Map<number, string>();
  const pattern = /(\d+) 0 obj\b/g;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const end = text.indexOf('endobj', pattern.lastIndex);
    if (end === -1) break;
    objects.set(Number(match[1]), text.slice(pattern.lastIndex, end));
    pattern.lastIndex = end;
  }
  return objects;
}

function refsIn(list: string): number[] {
  return [...list.matchAll(/(\d+) 0 R/g)].map((match) => Number(match[1]));
}

/**
 * The page (1-based) each named destination of a Chromium-printed PDF points at. Chromium writes
 * one named destination per in-document link target (`<a href="#id">`), in a `/Dests` dictionary
 * of the catalog, as `/id [pageRef /XYZ x y z]`. A table of contents with page numbers is then two
 * prints: the first finds the pages, the second prints them (CSS has no `target-counter` in
 * Chromium). Returns an empty map for a PDF laid out otherwise (the contents then show no numbers).
 */
export function readDestinationPages(pdf: Uint8Array): Map<string, number> {
  const pages = new Map<string, number>();
  const text = latin1.decode(pdf);
  const objects = indexObjects(text);
  const catalog = [...objects.values()].find((body) => /\/Type\s*\/Catalog\b/.test(body));
  const pagesRoot = catalog && /\/Pages\s+(\d+) 0 R/.exec(catalog)?.[1];
  const destsRef = catalog && /\/Dests\s+(\d+) 0 R/.exec(catalog)?.[1];
  if (!pagesRoot || !destsRef) return pages;

  // Page objects in document order: a depth-first walk of the page tree.
  const order: number[] = [];
  const walk = (id: number, depth: number) => {
    const body = objects.get(id);
    if (!body || depth > 32) return;
    if (/\/Type\s*\/Pages\b/.test(body)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(body)?.[1] ?? '';
      for (const kid of refsIn(kids)) walk(kid, depth + 1);
    } else if (/\/Type\s*\/Page\b/.test(body)) {
      order.push(id);
    }
  };
  walk(Number(pagesRoot), 0);
  const pageNumbers = new Map(order.map((id, index) => [id, index + 1]));

  const dests = objects.get(Number(destsRef)) ?? '';
  for (const match of dests.matchAll(/\/([^\s/[\]<>()]+)\s*\[\s*(\d+) 0 R/g)) {
    const name = decodePdfName(match[1] ?? '');
    const page = pageNumbers.get(Number(match[2]));
    if (page !== undefined) pages.set(name, page);
  }
  return pages;
}

/** PDF names escape bytes as #xx. */
function decodePdfName(name: string): string {
  return name.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}
