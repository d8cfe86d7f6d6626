import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOSSIER_FORMATS } from '@casefile/dossier';
import { afterEach, describe, expect, it } from 'vitest';
import { EXPORT_FORMATS } from '../shared/bridge.js';
import { guardBridgeHandler } from './bridgeHandlers.js';
import { type exportSaveDialogOptions, exportTargetPath } from './exportDestinations.js';
import { createExportHandlers, type ExportShell } from './exportHandlers.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function folder(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'casefile-export-'));
  dirs.push(dir);
  return dir;
}

function shell(answers: Array<string | null>, overrides: Partial<ExportShell> = {}) {
  const dialogs: Array<ReturnType<typeof exportSaveDialogOptions>> = [];
  const handlers = createExportHandlers({
    showSaveDialog: async (options) => {
      dialogs.push(options);
      return answers.shift() ?? null;
    },
    defaultFolder: () => '/home/someone/Documents',
    printHtmlToPdf: async (html) => new TextEncoder().encode(`%PDF of ${html}`),
    ...overrides,
  });
  return { handlers, dialogs };
}

const bytes = (text: string) => new TextEncoder().encode(text);

describe('the export bridge entries in main', () => {
  it('lists the same formats as the dossier package', () => {
    expect([...EXPORT_FORMATS]).toEqual([...DOSSIER_FORMATS]);
  });

  it('asks where to save, then saves there once, whole', async () => {
    const dir = await folder();
    const target = join(dir, 'nato-centre.pdf');
    const { handlers, dialogs } = shell([target]);
    const destination = await handlers.chooseExportDestination({ fileName: 'nato-centre.pdf', format: 'pdf' });
    expect(dialogs[0]).toMatchObject({
      defaultPath: join('/home/someone/Documents', 'nato-centre.pdf'),
      filters: [{ name: 'PDF document', extensions: ['pdf'] }],
    });
    expect(destination?.shownAs).toBe(target);
    expect(destination?.destinationId).not.toContain(dir);
    const saved = await handlers.saveExport({
      destinationId: destination?.destinationId ?? '',
      fileName: 'nato-centre.pdf',
      mime: 'application/pdf',
      bytes: bytes('%PDF-1.7 the dossier'),
    });
    expect(saved).toEqual({ savedAs: target });
    expect(await readFile(target, 'utf8')).toBe('%PDF-1.7 the dossier');
    // The id was for one save: the renderer cannot write there again unasked.
    await expect(
      handlers.saveExport({
        destinationId: destination?.destinationId ?? '',
        fileName: 'nato-centre.pdf',
        mime: 'application/pdf',
        bytes: bytes('again'),
      }),
    ).rejects.toThrow('Casefile no longer knows where to save this export. Export again and choose where to save it.');
    expect(await readFile(target, 'utf8')).toBe('%PDF-1.7 the dossier');
  });

  it('answers null when the save dialog is cancelled', async () => {
    const { handlers } = shell([null]);
    expect(await handlers.chooseExportDestination({ fileName: 'case.zip', format: 'bundle' })).toBeNull();
  });

  it('opens the next save dialog in the folder last exported to', async () => {
    const dir = await folder();
    const { handlers, dialogs } = shell([join(dir, 'a.json'), null]);
    const destination = await handlers.chooseExportDestination({ fileName: 'a.json', format: 'json' });
    await handlers.saveExport({
      destinationId: destination?.destinationId ?? '',
      fileName: 'a.json',
      mime: 'application/json',
      bytes: bytes('{}'),
    });
    await handlers.chooseExportDestination({ fileName: 'b.zip', format: 'bundle' });
    expect(dialogs[1]?.defaultPath).toBe(join(dir, 'b.zip'));
  });

  it('says why a save failed and leaves no file', async () => {
    const dir = await folder();
    const { handlers } = shell([join(dir, 'gone', 'case.pdf')]);
    const destination = await handlers.chooseExportDestination({ fileName: 'case.pdf', format: 'pdf' });
    await expect(
      handlers.saveExport({
        destinationId: destination?.destinationId ?? '',
        fileName: 'case.pdf',
        mime: 'application/pdf',
        bytes: bytes('%PDF'),
      }),
    ).rejects.toThrow(
      'The dossier could not be saved as case.pdf (that folder no longer exists). Nothing was written there; export again and choose another folder.',
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('adds the format’s extension to a name typed without one', () => {
    expect(exportTargetPath('/tmp/case', 'bundle')).toBe('/tmp/case.zip');
    expect(exportTargetPath('/tmp/case.final.pdf', 'pdf')).toBe('/tmp/case.final.pdf');
  });

  it('prints through the shell’s printer', async () => {
    const { handlers } = shell([]);
    expect(new TextDecoder().decode((await handlers.printDossierPdf({ html: '<p>x</p>' })).pdf)).toBe(
      '%PDF of <p>x</p>',
    );
  });

  it('refuses a suggested name that is a path, before any dialog opens', async () => {
    const { handlers, dialogs } = shell([]);
    const guarded = guardBridgeHandler('chooseExportDestination', handlers.chooseExportDestination, () => true);
    const event = { senderFrame: { url: 'casefile://app/index.html' } };
    for (const fileName of ['../../.bashrc', 'a/b.pdf', 'a\\b.pdf', '.hidden.pdf', 'bell\u0007.pdf', '']) {
      await expect(guarded(event, { fileName, format: 'pdf' })).rejects.toThrow(/invalid arguments/);
    }
    await expect(guarded(event, { fileName: 'case.pdf', format: 'docx' })).rejects.toThrow(/invalid arguments/);
    expect(dialogs).toEqual([]);
  });
});
