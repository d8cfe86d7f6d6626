import { describe, expect, it } from 'vitest';
import {
  type ExportDialogAction,
  type ExportDialogState,
  exportDialogReducer,
  exportProgressView,
  initialExportDialogState,
  isExportRunning,
} from './exportDialogState';
import { isExportShortcut } from './exportShortcut';

function run(actions: ExportDialogAction[], from: ExportDialogState = initialExportDialogState()): ExportDialogState {
  return actions.reduce(exportDialogReducer, from);
}

describe('the Export dialog’s state', () => {
  it('opens on PDF with the original files left out', () => {
    expect(initialExportDialogState()).toEqual({ format: 'pdf', includeOriginals: false, stage: { kind: 'choosing' } });
  });

  it('goes from choosing to a saved file, and names the bundle’s manifest hash', () => {
    const state = run([
      { type: 'choose-format', format: 'bundle' },
      { type: 'include-originals', include: true },
      { type: 'start' },
      { type: 'destination-chosen' },
      { type: 'progress', progress: { phase: 'evidence', done: 1, total: 4 } },
      { type: 'saving' },
      { type: 'done', savedAs: '/cases/nato.zip', manifestSha256: 'ab'.repeat(32) },
    ]);
    expect(state).toEqual({
      format: 'bundle',
      includeOriginals: true,
      stage: { kind: 'done', savedAs: '/cases/nato.zip', manifestSha256: 'ab'.repeat(32) },
    });
  });

  it('keeps the choices fixed while an export runs', () => {
    const running = run([{ type: 'start' }, { type: 'destination-chosen' }]);
    expect(isExportRunning(running.stage)).toBe(true);
    expect(
      run(
        [
          { type: 'choose-format', format: 'json' },
          { type: 'include-originals', include: true },
        ],
        running,
      ),
    ).toBe(running);
  });

  it('goes back to the choices when the save dialog is cancelled', () => {
    expect(run([{ type: 'start' }, { type: 'destination-cancelled' }]).stage).toEqual({ kind: 'choosing' });
  });

  it('ends a cancelled or failed export with its own stage, and lets the person try again', () => {
    const cancelled = run([{ type: 'start' }, { type: 'destination-chosen' }, { type: 'cancelled' }]);
    expect(cancelled.stage).toEqual({ kind: 'cancelled' });
    const failed = run([{ type: 'start' }, { type: 'failed', message: 'The server is down. Nothing was saved.' }]);
    expect(failed.stage).toEqual({ kind: 'failed', message: 'The server is down. Nothing was saved.' });
    expect(run([{ type: 'start' }], failed).stage).toEqual({ kind: 'asking-destination' });
  });

  it('ignores progress that arrives after the export ended', () => {
    const cancelled = run([{ type: 'start' }, { type: 'destination-chosen' }, { type: 'cancelled' }]);
    expect(
      run([{ type: 'progress', progress: { phase: 'pdf', done: 1, total: 2 } }, { type: 'saving' }], cancelled),
    ).toBe(cancelled);
  });
});

describe('the export’s progress bar', () => {
  const exporting = (phase: 'evidence' | 'images' | 'pdf' | 'bundle', done: number, total: number) =>
    ({ kind: 'exporting', progress: { phase, done, total } }) as const;

  it('moves through the phases of the format, saying what it is doing', () => {
    expect(exportProgressView(exporting('evidence', 2, 4), 'bundle', 'desktop')).toEqual({
      text: 'Reading evidence files and checking their SHA-256 (2 of 4)…',
      value: 0.125,
    });
    expect(exportProgressView(exporting('pdf', 1, 2), 'pdf', 'desktop')).toEqual({
      text: 'Printing the PDF (1 of 2)…',
      value: 2.5 / 3,
    });
    expect(exportProgressView(exporting('bundle', 1, 1), 'bundle', 'desktop')?.value).toBe(1);
  });

  it('is indeterminate while the server exports, and before the first report', () => {
    expect(exportProgressView(exporting('pdf', 1, 2), 'pdf', 'web')).toEqual({
      text: 'Exporting on the server…',
      value: null,
    });
    expect(exportProgressView({ kind: 'exporting', progress: null }, 'pdf', 'desktop')?.value).toBeNull();
  });

  it('is not shown before or after an export', () => {
    expect(exportProgressView({ kind: 'choosing' }, 'pdf', 'desktop')).toBeNull();
    expect(exportProgressView({ kind: 'cancelled' }, 'pdf', 'web')).toBeNull();
  });
});

describe('the Export shortcut', () => {
  const key = (init: Partial<KeyboardEvent>) => ({
    key: 'E',
    ctrlKey: false,
    metaKey: false,
    shiftKey: true,
    altKey: false,
    ...init,
  });
  it('is Ctrl+Shift+E, or Cmd+Shift+E', () => {
    expect(isExportShortcut(key({ ctrlKey: true }))).toBe(true);
    expect(isExportShortcut(key({ metaKey: true, key: 'e' }))).toBe(true);
    expect(isExportShortcut(key({ ctrlKey: true, shiftKey: false, key: 'e' }))).toBe(false);
    expect(isExportShortcut(key({ ctrlKey: true, altKey: true }))).toBe(false);
  });
});
