import { playwright } from '@vitest/browser-playwright';
import { configDefaults, defineConfig } from 'vitest/config';
import { chromiumPath, HEADLESS_CHROMIUM_ARGS } from '../dossier/src/node/chromiumFlags.ts';

export default defineConfig({
  test: {
    projects: [
      {
        // Node, with `ws` as the WebSocket and a real sync server on 127.0.0.1 per test.
        test: {
          name: 'node',
          include: ['src/**/*.test.ts'],
          exclude: [...configDefaults.exclude, 'src/**/*.browser.test.ts'],
          environment: 'node',
          testTimeout: 20_000,
          hookTimeout: 20_000,
        },
      },
      {
        // Real Chromium (IndexedDB, fetch, streams) against a real sync server started by the global setup.
        test: {
          name: 'chromium',
          include: ['src/**/*.browser.test.ts'],
          globalSetup: ['src/blobTransfer.globalSetup.ts'],
          testTimeout: 20_000,
          hookTimeout: 20_000,
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
      },
    ],
  },
});
