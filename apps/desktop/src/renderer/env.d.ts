/// <reference types="vite/client" />

/** The app's version from package.json, set by the build (vite.shared.ts). */
declare const __CASEFILE_VERSION__: string;
