import { type Browser, type BrowserContext, test as base, expect, type Locator, type Page } from '@playwright/test';
import { SyncServerProcess } from './syncServer.js';

/** One person at one machine: a browser context with its own IndexedDB and service worker. */
export class Investigator {
  constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly server: SyncServerProcess,
    /** The user name this investigator signs in as (their token's `sub`). */
    readonly user = 'investigator',
  ) {}

  /** Signs in through an invitation link, as a person would: `#/join/<token>`, then the list of cases. */
  async openApp(): Promise<void> {
    const token = await this.server.token(this.user, 'editor');
    await this.page.goto(`${this.server.url}/#/join/${token}`);
    await expect(this.page).toHaveURL(new RegExp(`^${this.server.url}/#/$`));
    await expect(this.page.getByRole('button', { name: 'New case' })).toBeVisible();
  }

  /** Creates a case from the list and names it; returns its id from the address. */
  async createCase(title: string): Promise<string> {
    await this.page.getByRole('button', { name: 'New case' }).click();
    await expect(this.page).toHaveURL(/#\/case\/[0-9a-z]{24}$/);
    await this.title.fill(title);
    return this.caseId();
  }

  async openCase(title: string): Promise<void> {
    await this.page.getByRole('link', { name: title, exact: true }).click();
    await expect(this.title).toHaveValue(title);
  }

  caseId(): string {
    const id = /#\/case\/([0-9a-z]{24})(?:\/[a-z]+)?$/.exec(this.page.url())?.[1];
    if (!id) throw new Error(`Not in a case view: ${this.page.url()}`);
    return id;
  }

  get title(): Locator {
    return this.page.getByRole('textbox', { name: 'Case title', exact: true });
  }

  get summary(): Locator {
    return this.page.getByRole('textbox', { name: 'Summary', exact: true });
  }

  get notes(): Locator {
    return this.page.getByRole('textbox', { name: 'Notes', exact: true });
  }

  get connection(): Locator {
    return this.page.getByRole('status').filter({ hasText: /^(Offline|Connecting|Synced|Syncing|No access)/ });
  }

  /** Opens a tab of the case view; a case opens on its Overview (title, summary, status). */
  async openTab(name: 'Overview' | 'Claims' | 'Evidence' | 'Actors' | 'Timeline' | 'Notes' | 'Verdict'): Promise<void> {
    const tab = this.page.getByRole('tab', { name, exact: true });
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
  }

  /** Types at the end of the notes (on the Notes tab), as a person clicking into the last paragraph would. */
  async typeInNotes(text: string): Promise<void> {
    await this.openTab('Notes');
    await this.notes.click();
    await this.page.keyboard.press('ControlOrMeta+End');
    await this.page.keyboard.type(text);
  }

  async goOffline(): Promise<void> {
    await this.context.setOffline(true);
    await expect(this.connection).toHaveText(/^Offline/);
  }

  async goOnline(): Promise<void> {
    await this.context.setOffline(false);
    await expect(this.connection).toHaveText(/^Synced/, { timeout: 15_000 });
  }

  /** Waits until the service worker controls the page, so the app shell is cached. */
  async waitForOfflineShell(): Promise<void> {
    await this.page.waitForFunction(async () => {
      await navigator.serviceWorker.ready;
      return navigator.serviceWorker.controller !== null;
    });
  }
}

interface Fixtures {
  server: SyncServerProcess;
  investigator: () => Promise<Investigator>;
}

export const test = base.extend<Fixtures>({
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixture's dependencies from this pattern.
  server: async ({}, use) => {
    const server = await SyncServerProcess.start();
    await use(server);
    await server.dispose();
  },
  investigator: async ({ browser, server }, use) => {
    const contexts: BrowserContext[] = [];
    await use(async () => {
      const investigator = await newInvestigator(browser, server, `investigator-${contexts.length + 1}`);
      contexts.push(investigator.context);
      return investigator;
    });
    for (const context of contexts) await context.close();
  },
});

async function newInvestigator(browser: Browser, server: SyncServerProcess, user: string): Promise<Investigator> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const investigator = new Investigator(context, page, server, user);
  await investigator.openApp();
  return investigator;
}

export { expect };

/** Adds a file as evidence with the Evidence tab's "Add file" picker (the tab must be open). */
export async function addEvidenceFile(person: Investigator, name: string, bytes: Buffer): Promise<void> {
  await person.page.getByLabel('Add file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: bytes });
}

/** An evidence item's row in the Evidence tab's list, found by its file name. */
export function evidenceRow(person: Investigator, fileName: string): Locator {
  return person.page
    .getByRole('listitem')
    .filter({ has: person.page.getByRole('button', { name: fileName, exact: true }) });
}

/**
 * Opens an evidence item from the list, waits until its bytes are verified against the SHA-256,
 * downloads the file as a person would and closes the item again; returns the bytes.
 */
export async function openAndDownloadEvidence(person: Investigator, fileName: string): Promise<Buffer> {
  const { page } = person;
  await evidenceRow(person, fileName).getByRole('button', { name: fileName, exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByText('Verified: these bytes match the SHA-256 recorded at capture.')).toBeVisible({
    timeout: 15_000,
  });
  const download = page.waitForEvent('download');
  await dialog.getByRole('link', { name: `Download ${fileName}` }).click();
  const path = await (await download).path();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const { readFile } = await import('node:fs/promises');
  return readFile(path);
}
