import { type CasefileBridge, DesktopOnlyError } from '../../shared/bridge';
import { downloadBytes } from './browserDownload';

/** The browser's only export destination: its downloads. */
export const BROWSER_DOWNLOAD_DESTINATION = 'browser-download';

/**
 * The bridge in a plain browser: what a browser can do, done here; a capability only the desktop
 * app has rejects with DesktopOnlyError ("… needs the Casefile desktop app"), never silently.
 */
export function createWebBridge(): CasefileBridge {
  return {
    getAppInfo: async () => ({ platform: 'web', version: __CASEFILE_VERSION__ }),
    // A page cannot load another site's page and read its pixels or its resources (same-origin
    // policy), so web capture exists only in the desktop app's hidden capture window.
    captureWebPage: async () => {
      throw new DesktopOnlyError('Capturing a web page');
    },
    // A page cannot pick a folder or write files; the browser saves downloads where it is set to.
    chooseExportDestination: async () => ({
      destinationId: BROWSER_DOWNLOAD_DESTINATION,
      shownAs: 'your browser’s downloads',
    }),
    saveExport: async ({ bytes, fileName, mime }) => {
      downloadBytes(bytes, fileName, mime);
      return { savedAs: fileName };
    },
    // The web build asks its sync server for PDFs (POST /cases/<id>/export), which prints them.
    printDossierPdf: async () => {
      throw new DesktopOnlyError('Printing a PDF in the app');
    },
    // The browser keeps its tokens in IndexedDB (settings/accessTokens.ts); only the desktop app
    // has the system keychain to encrypt them with.
    readAccessTokens: async () => {
      throw new DesktopOnlyError('Keeping invitations in the system keychain');
    },
    storeAccessTokens: async () => {
      throw new DesktopOnlyError('Keeping invitations in the system keychain');
    },
    deleteAccessTokens: async () => {
      throw new DesktopOnlyError('Keeping invitations in the system keychain');
    },
  } satisfies CasefileBridge;
}
