import { defineConfig } from 'vitest/config';

// Node, with `ws` as the WebSocket and a real sync server on 127.0.0.1 per test.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
