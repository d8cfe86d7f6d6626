import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { rendererChunkSizeWarningLimit, rendererDefine } from './vite.shared.ts';

export default defineConfig({
  main: {
    // Bundled whole (zod included), so a packaged app carries no node_modules.
    build: { externalizeDeps: false },
  },
  preload: {
    // CommonJS, because a sandboxed preload cannot be an ES module; bundled whole because a
    // sandboxed preload can require nothing but electron.
    build: {
      externalizeDeps: false,
      rolldownOptions: { output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'src/renderer',
    base: '/',
    plugins: [react()],
    define: rendererDefine,
    build: { chunkSizeWarningLimit: rendererChunkSizeWarningLimit },
  },
});
