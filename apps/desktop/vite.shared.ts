import { readFileSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/** Build-time constants the renderer reads, the same in the desktop and the web build. */
export const rendererDefine = {
  __CASEFILE_VERSION__: JSON.stringify(version),
};

/** React, Lexical and Yjs make one large chunk; it is loaded once and cached (service worker, app:// protocol). */
export const rendererChunkSizeWarningLimit = 2000;
