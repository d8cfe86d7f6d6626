import { defineConfig } from 'vitest/config';

// Real Chromium prints the PDFs and real pdftotext reads them back: give those tests time on a 2-core machine.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
