import { BrowserWindow, session } from 'electron';
import { isAllowedPrintRequest, printPartitionName, withDossierHtmlFile } from './dossierPrintFile.js';
import { lockedDownWebPreferences } from './webPreferencesPolicy.js';
import { denyAllPermissions } from './windowSecurity.js';

// Thin Electron shell of dossier printing; its rules live in dossierPrintFile.ts (tested in Node).

/**
 * Prints a dossier's HTML to PDF with Electron's own Chromium: a hidden window with JavaScript
 * off, no preload (so no bridge), in a fresh in-memory session that may load only the dossier's
 * file and its data: URLs. The page size and page numbers come from the dossier's CSS.
 */
export async function printHtmlToPdf(html: string, { tmpRoot }: { tmpRoot: string }): Promise<Uint8Array<ArrayBuffer>> {
  return withDossierHtmlFile(tmpRoot, html, async (fileUrl) => {
    const printSession = session.fromPartition(printPartitionName());
    denyAllPermissions(printSession);
    printSession.webRequest.onBeforeRequest((details, callback) => {
      callback({ cancel: !isAllowedPrintRequest(details.url, fileUrl) });
    });
    const window = new BrowserWindow({
      show: false,
      skipTaskbar: true,
      focusable: false,
      webPreferences: lockedDownWebPreferences({
        session: printSession,
        javascript: false,
        spellcheck: false,
        disableDialogs: true,
      }),
    });
    try {
      await window.webContents.loadURL(fileUrl);
      const pdf = await window.webContents.printToPDF({
        preferCSSPageSize: true,
        printBackground: true,
        generateTaggedPDF: true,
        generateDocumentOutline: true,
      });
      return new Uint8Array(pdf);
    } finally {
      window.destroy();
      await printSession.clearStorageData().catch(() => {});
    }
  });
}
