import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { chromiumPath, HEADLESS_CHROMIUM_ARGS } from '../dossier/src/node/chromiumFlags.ts';

// IndexedDB is real here: the tests run in Chromium (Debian's; Playwright's download is not used).
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // The full-disk test clears the origin's IndexedDB (see quota.test.ts): run files one by one.
    fileParallelism: false,
    // y-dexie announces every released document on console.debug; keep test output readable.
    onConsoleLog: (log) => !/^Y\.Doc \S+ was destroyed/.test(log),
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({
        launchOptions: {
          executablePath: chromiumPath(),
          // Casefile's flags for headless Chromium (a file with no imports, so this config can bundle it).
          args: [...HEADLESS_CHROMIUM_ARGS],
        },
      }),
      instances: [{ browser: 'chromium' }],
    },
  },
});
