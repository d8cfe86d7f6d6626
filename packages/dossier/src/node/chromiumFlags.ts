/**
 * How Casefile starts a headless system Chromium: the dossier's printer, and the test suites'
 * browsers (exported as `@casefile/dossier/chromium`, a module with no imports, so that a Vitest
 * config can read it too).
 */

/** Where Chromium is: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. Never a downloaded one. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

// No calls out to the network: a dossier is self-contained, and these machines may have no network.
// Chromium (full Chromium in headless mode) also loads the omnibox popup's WebUI at launch, a
// renderer that runs hundreds of scripts while the page works: seconds of CPU on a 2-core machine
// for a window nobody sees. Unknown feature names are ignored, so older builds are fine.
export const HEADLESS_CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
];
