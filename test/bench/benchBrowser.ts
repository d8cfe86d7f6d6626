import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/chromium.js';
import type { SyncServerProcess } from '../e2e/syncServer.js';

/** Debian's Chromium with the e2e suite's flags: the browser investigators' pages run in. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ ...chromiumLaunchOptions(), headless: true });
}

// tsx compiles these files keeping function names: esbuild wraps named functions in calls to a
// `__name` helper, which is not defined in a page that runs a function passed to page.evaluate.
const NAME_HELPER = 'globalThis.__name = (target) => target;';

/** A browser context whose pages can run this package's functions (page.evaluate, init scripts). */
export async function newBenchContext(
  browser: Browser,
  options: Parameters<Browser['newContext']>[0] = {},
): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.addInitScript({ content: NAME_HELPER });
  return context;
}

/** A fresh person at a fresh machine: own IndexedDB, own service worker, nothing cached. */
export async function newPerson(browser: Browser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newBenchContext(browser);
  const page = await context.newPage();
  return { context, page };
}

/** Waits until the service worker controls the page, so a later reload can be served with the server out of reach. */
export async function waitForOfflineShell(page: Page): Promise<void> {
  await page.waitForFunction(async () => {
    await navigator.serviceWorker.ready;
    return navigator.serviceWorker.controller !== null;
  });
}

/** The case's connection status in the case view ("Synced", "Offline", …). */
export function connectionStatus(page: Page) {
  return page.getByRole('status').filter({ hasText: /^(Offline|Connecting|Synced|Syncing)/ });
}

/** Adds a script that runs in every page of `context` before the page's own scripts. */
export async function addPageScript<Arg>(context: BrowserContext, script: (arg: Arg) => void, arg: Arg): Promise<void> {
  await context.addInitScript({ content: `${NAME_HELPER}\n(${script.toString()})(${JSON.stringify(arg)});` });
}

/**
 * Signs the page in as `user`, an owner of every case, through an invitation link as a person
 * would (`#/join/<token>`), and waits until the app has taken the token and moved on.
 */
export async function signIn(page: Page, server: SyncServerProcess, user: string): Promise<void> {
  const token = await server.token(user, 'owner');
  await page.goto(`${server.url}/#/join/${token}`);
  await page.waitForURL((url) => !url.hash.startsWith('#/join/'), { timeout: 60_000 });
}

/** The URL of an invitation link for `user`, an owner of every case (a newcomer's first visit). */
export async function joinUrl(server: SyncServerProcess, user: string): Promise<string> {
  return `${server.url}/#/join/${await server.token(user, 'owner')}`;
}

/** The notes editor of the open case. */
export const NOTES_EDITOR = '[contenteditable="true"][aria-label="Notes"]';

/**
 * Two investigators with one new case open on its Notes tab, both Synced: each signs in, the first
 * creates the case (titled `title`), both open its notes, and the first types a first paragraph
 * ("Notes: ") that the second sees, so that later keystrokes only add characters.
 */
export async function openSharedNotes(
  server: SyncServerProcess,
  first: { page: Page },
  second: { page: Page },
  title: string,
): Promise<void> {
  await signIn(first.page, server, 'alice');
  await signIn(second.page, server, 'bob');
  await first.page.getByRole('button', { name: 'New case' }).click();
  await first.page.waitForURL(/#\/case\/[0-9a-z]{24}$/);
  const caseId = /#\/case\/([0-9a-z]{24})/.exec(first.page.url())?.[1];
  await first.page.getByRole('textbox', { name: 'Case title', exact: true }).fill(title);
  const notesUrl = `${server.url}/#/case/${caseId}/notes`;
  await first.page.goto(notesUrl);
  await second.page.goto(notesUrl);
  for (const { page } of [first, second]) {
    await connectionStatus(page)
      .filter({ hasText: /^Synced/ })
      .waitFor({ timeout: 30_000 });
    await page.locator(NOTES_EDITOR).waitFor();
  }
  await first.page.locator(NOTES_EDITOR).click();
  await first.page.keyboard.type('Notes: ');
  await second.page.getByText('Notes:').waitFor();
}
