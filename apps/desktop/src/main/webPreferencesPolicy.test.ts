import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LOCKED_DOWN_WEB_PREFERENCES, lockedDownWebPreferences } from './webPreferencesPolicy.js';

const mainDir = new URL('./', import.meta.url);

describe('lockedDownWebPreferences', () => {
  it('keeps a window’s own preferences and cannot be talked out of the locked-down ones', () => {
    const unsafe = { preload: 'preload.cjs', sandbox: false, contextIsolation: false, nodeIntegration: true };
    const preferences = lockedDownWebPreferences(unsafe);
    expect(preferences.preload).toBe('preload.cjs');
    expect(preferences).toMatchObject(LOCKED_DOWN_WEB_PREFERENCES);
  });
});

describe('every window the app creates', () => {
  const sources = readdirSync(mainDir)
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'))
    .map((name) => ({ name, text: readFileSync(new URL(name, mainDir), 'utf8') }));

  it('is created with the locked-down web preferences', () => {
    const creations = sources.flatMap(({ name, text }) =>
      [...text.matchAll(/new BrowserWindow\(\{[\s\S]*?\n\s*\}\);/g)].map((match) => ({ name, text: match[0] })),
    );
    // The main window, the web capture's hidden window and the dossier's hidden print window.
    expect(creations.map((creation) => creation.name).sort()).toEqual([
      'dossierPrintWindow.ts',
      'mainWindow.ts',
      'webCaptureWindow.ts',
    ]);
    for (const creation of creations) {
      expect(creation.text, creation.name).toMatch(/webPreferences: lockedDownWebPreferences\(/);
      expect(creation.text, creation.name).not.toMatch(/sandbox|contextIsolation|nodeIntegration/);
    }
  });

  it('and no other kind of web contents (views, webviews) is created at all', () => {
    for (const { name, text } of sources) {
      expect(text, name).not.toMatch(/new (WebContentsView|BrowserView)\(|webviewTag: true/);
    }
  });
});
