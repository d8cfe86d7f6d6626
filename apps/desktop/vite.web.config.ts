import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { contentSecurityPolicy } from './src/main/contentSecurityPolicy.ts';
import { rendererChunkSizeWarningLimit, rendererDefine } from './vite.shared.ts';

/** The browser build gets the desktop app's CSP as a <meta> tag (the sync server sends no such header). */
function contentSecurityPolicyMetaTag(): Plugin {
  return {
    name: 'casefile:csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ forMetaTag: true }) },
        injectTo: 'head-prepend',
      },
    ],
  };
}

// The renderer for the browser, served at the root of the sync server (`pnpm start:web`).
export default defineConfig({
  root: 'src/renderer',
  base: '/',
  define: rendererDefine,
  build: {
    outDir: '../../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: rendererChunkSizeWarningLimit,
  },
  plugins: [
    react(),
    contentSecurityPolicyMetaTag(),
    VitePWA({
      strategies: 'generateSW',
      registerType: 'autoUpdate',
      // Registered by the renderer itself (platform/serviceWorker.ts), and only in the browser.
      injectRegister: null,
      manifest: {
        name: 'Casefile',
        short_name: 'Casefile',
        description: 'Case files an investigation team builds together, online or off.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#f7f6f2',
        theme_color: '#2d4a5a',
        icons: [{ src: '/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      workbox: {
        // The app shell: everything the build emits, so that a reload with the server down opens the app.
        globPatterns: ['**/*.{html,js,css,svg}'],
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
        navigateFallback: '/index.html',
        // The server's own endpoints are never answered from the cache.
        navigateFallbackDenylist: [/^\/health(?:\/|$)/, /^\/cases\//],
        cleanupOutdatedCaches: true,
        clientsClaim: true,
        skipWaiting: true,
        // No runtime caching: WebSocket traffic and blobs always go to the network.
        runtimeCaching: [],
      },
    }),
  ],
});
