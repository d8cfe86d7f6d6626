import { defineConfig } from 'vitest/config';

// Unit tests of plain modules (main-process policies, renderer logic): Node, no browser, no Electron.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
