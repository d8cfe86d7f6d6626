import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Real servers, sockets and child processes: give a slow, busy machine room before failing.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
