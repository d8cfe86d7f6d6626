import { buildDossier, ExportCancelledError } from '@casefile/dossier';
import { writeDemoCase } from '@casefile/model/demo';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ExportDestination } from '../../../shared/bridge';
import type { ExportDialogAction } from './exportDialogState';
import { runExport } from './runExport';
import type { FinishedExport } from './serverExport';

const CASE_ID = 'k3v9x0qz8m2r7t1w5y4b6n0c';
const doc = new Y.Doc();
writeDemoCase(doc);
const dossier = buildDossier(doc, CASE_ID);

const finished: FinishedExport = {
  bytes: new TextEncoder().encode('%PDF'),
  mime: 'application/pdf',
  fileName: 'demo.pdf',
  manifestSha256: null,
};

function harness(destination: ExportDestination | null = { destinationId: 'd1', shownAs: '/cases/demo.pdf' }) {
  const actions: ExportDialogAction[] = [];
  const saved: Array<{ destinationId: string; fileName: string }> = [];
  const bridge = {
    chooseExportDestination: async () => destination,
    saveExport: async (args: { destinationId: string; fileName: string }) => {
      saved.push({ destinationId: args.destinationId, fileName: args.fileName });
      return { savedAs: destination?.shownAs ?? '' };
    },
  };
  return { actions, saved, bridge, dispatch: (action: ExportDialogAction) => actions.push(action) };
}

describe('runExport', () => {
  it('asks where, exports, then saves the complete file there', async () => {
    const { actions, saved, bridge, dispatch } = harness();
    await runExport({
      bridge,
      dossier,
      format: 'pdf',
      signal: new AbortController().signal,
      dispatch,
      produce: async (onProgress) => {
        onProgress({ phase: 'pdf', done: 2, total: 2 });
        return finished;
      },
    });
    expect(actions.map((action) => action.type)).toEqual(['destination-chosen', 'progress', 'saving', 'done']);
    expect(actions.at(-1)).toEqual({ type: 'done', savedAs: '/cases/demo.pdf', manifestSha256: null });
    expect(saved).toEqual([{ destinationId: 'd1', fileName: 'demo.pdf' }]);
  });

  it('does not export when the save dialog is cancelled', async () => {
    const { actions, bridge, dispatch } = harness(null);
    let produced = false;
    await runExport({
      bridge,
      dossier,
      format: 'pdf',
      signal: new AbortController().signal,
      dispatch,
      produce: async () => {
        produced = true;
        return finished;
      },
    });
    expect(produced).toBe(false);
    expect(actions).toEqual([{ type: 'destination-cancelled' }]);
  });

  it('saves nothing after a cancel, even when the file was finished', async () => {
    const { actions, saved, bridge, dispatch } = harness();
    const controller = new AbortController();
    await runExport({
      bridge,
      dossier,
      format: 'bundle',
      signal: controller.signal,
      dispatch,
      produce: async () => {
        controller.abort();
        return finished;
      },
    });
    expect(saved).toEqual([]);
    expect(actions.at(-1)).toEqual({ type: 'cancelled' });
  });

  it('reports a cancel from inside the export as a cancel, not a failure', async () => {
    const { actions, bridge, dispatch } = harness();
    await runExport({
      bridge,
      dossier,
      format: 'html',
      signal: new AbortController().signal,
      dispatch,
      produce: async () => {
        throw new ExportCancelledError();
      },
    });
    expect(actions.at(-1)).toEqual({ type: 'cancelled' });
  });

  it('ends a failure with a sentence, and saves nothing', async () => {
    const { actions, saved, bridge, dispatch } = harness();
    await runExport({
      bridge,
      dossier,
      format: 'pdf',
      signal: new AbortController().signal,
      dispatch,
      produce: async () => {
        throw new Error('the print window crashed');
      },
    });
    expect(saved).toEqual([]);
    expect(actions.at(-1)).toEqual({
      type: 'failed',
      message: 'The export failed: the print window crashed. Nothing was saved; try again.',
    });
  });

  it('passes main’s own save error on as it is', async () => {
    const { actions, dispatch } = harness();
    await runExport({
      bridge: {
        chooseExportDestination: async () => ({ destinationId: 'd1', shownAs: '/x/demo.pdf' }),
        saveExport: async () => {
          throw new Error(
            "Error invoking remote method 'casefile:saveExport': Error: The dossier could not be saved as demo.pdf (the disk is full). Nothing was written there; export again and choose another folder.",
          );
        },
      },
      dossier,
      format: 'pdf',
      signal: new AbortController().signal,
      dispatch,
      produce: async () => finished,
    });
    expect(actions.at(-1)).toEqual({
      type: 'failed',
      message:
        'The dossier could not be saved as demo.pdf (the disk is full). Nothing was written there; export again and choose another folder.',
    });
  });
});
