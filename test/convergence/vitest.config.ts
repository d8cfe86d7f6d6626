import { defineConfig } from 'vitest/config';

// `--mode large` (pnpm test:convergence:large) runs 8 clients × 10,000 edits unless the
// environment says otherwise; the default run stays well under two minutes on two cores.
export default defineConfig(({ mode }) => {
  const large = mode === 'large';
  return {
    test: {
      include: ['convergence/**/*.test.ts'],
      // Each file runs its own server process and clients; two cores take one file at a time.
      fileParallelism: false,
      env: large
        ? {
            CONVERGENCE_CLIENTS: process.env.CONVERGENCE_CLIENTS || '8',
            CONVERGENCE_OPS: process.env.CONVERGENCE_OPS || '10000',
            CONVERGENCE_KILLS: process.env.CONVERGENCE_KILLS || '10',
          }
        : {},
      testTimeout: large ? 60 * 60_000 : 5 * 60_000,
      hookTimeout: 60_000,
    },
  };
});
