import { describe, expect, it } from 'vitest';
import { DesktopOnlyError } from '../../shared/bridge';
import { createWebBridge } from './webBridge';

describe('createWebBridge', () => {
  it('refuses web capture in the browser with DesktopOnlyError, saying where it works', async () => {
    const error = await createWebBridge()
      .captureWebPage({ url: 'https://example.org/' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DesktopOnlyError);
    expect((error as Error).message).toBe(
      'Capturing a web page needs the Casefile desktop app; the browser cannot do it. Open this case in the desktop app.',
    );
  });
});

describe('exporting in the browser', () => {
  it('saves to the browser’s downloads and leaves printing PDFs to the sync server', async () => {
    const bridge = createWebBridge();
    expect(await bridge.chooseExportDestination({ fileName: 'case.pdf', format: 'pdf' })).toEqual({
      destinationId: 'browser-download',
      shownAs: 'your browser’s downloads',
    });
    await expect(bridge.printDossierPdf({ html: '<p>x</p>' })).rejects.toBeInstanceOf(DesktopOnlyError);
  });
});
