import { defineConfig } from '@playwright/test';

// Runs only where an Electron binary exists (a developer's machine): `pnpm test:electron`.
export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  workers: 1,
  timeout: 60_000,
  outputDir: '../test-results/electron',
});
