import { createHash } from 'node:crypto';
import {
  addActor,
  addClaim,
  addEvent,
  type Change,
  captureEvidence,
  readMeta,
  richTextRoot,
  setSummary,
  setTitle,
} from '@casefile/model';
import type { Locator, Page } from '@playwright/test';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { expect, test } from './fixtures.js';

/**
 * Hostile content from a collaborator: a Node client with a real editor token writes payloads
 * straight into the case's Y.Doc (past the model's validation, as a modified client could), and a
 * browser shows every part of the case. Each payload, if it ever ran, would push to window.__xss.
 */
const PAYLOADS = {
  script: `<script>window.__xss.push('script')</script>`,
  img: `<img src=x onerror="window.__xss.push('img')">`,
  svg: `<svg onload="window.__xss.push('svg')"></svg>`,
  iframe: `"><iframe srcdoc="<script>parent.__xss.push('iframe')</script>"></iframe>`,
  javascriptUrl: `javascript:window.__xss.push('javascript-url')`,
  dataUrl: `data:text/html,<script>window.__xss.push('data-url')</script>`,
} as const;

const SNAPSHOT_HTML = `<html><body><script>window.__xss.push('snapshot')</script><img src=x onerror="window.__xss.push('snapshot-img')"></body></html>`;

const change: Change = { by: { id: 'mallory-device', name: 'Mallory' } };

/** Connects a y-websocket client in Node with `token` and waits until it has the case. */
async function connect(serverUrl: string, caseId: string, token: string) {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(serverUrl.replace(/^http/, 'ws'), caseId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await new Promise<void>((resolve) => {
    if (provider.synced) resolve();
    else provider.once('sync', () => resolve());
  });
  return { doc, provider };
}

function item(doc: Y.Doc, collection: string, id: string): Y.Map<unknown> {
  const map = doc.getMap(collection).get(id);
  if (!(map instanceof Y.Map)) throw new Error(`no ${collection} item ${id}`);
  return map;
}

/** Writes every payload into the case, bypassing validation where the model would refuse it. */
function writeHostileCase(doc: Y.Doc): { snapshotSha: string } {
  const snapshotBytes = Buffer.from(SNAPSHOT_HTML);
  const snapshotSha = createHash('sha256').update(snapshotBytes).digest('hex');
  doc.transact(() => {
    setTitle(doc, `Title ${PAYLOADS.img}`, change);
    setSummary(doc, `Summary ${PAYLOADS.script} ${PAYLOADS.svg}`, change);

    const claim = addClaim(doc, { text: 'placeholder claim' }, change);
    item(doc, 'claims', claim).set('text', `Claim ${PAYLOADS.iframe}`);
    item(doc, 'claims', claim).set('url', PAYLOADS.javascriptUrl);
    item(doc, 'claims', claim).set('claimant', PAYLOADS.img);

    const actor = addActor(doc, { name: 'placeholder actor', kind: 'account' }, change);
    item(doc, 'actors', actor).set('name', `Actor ${PAYLOADS.svg}`);
    item(doc, 'actors', actor).set('url', PAYLOADS.dataUrl);
    item(doc, 'actors', actor).set('platform', PAYLOADS.img);
    item(doc, 'actors', actor).set('notes', PAYLOADS.script);

    const event = addEvent(
      doc,
      { title: 'placeholder event', date: { value: '2026-01-02', precision: 'day' } },
      change,
    );
    item(doc, 'events', event).set('title', `Event ${PAYLOADS.script}`);
    item(doc, 'events', event).set('description', PAYLOADS.iframe);

    const link = captureEvidence(
      doc,
      { kind: 'link', captureTool: 'manual', sourceUrl: 'https://example.org/a', title: 'placeholder link' },
      change,
    );
    const linked = item(doc, 'evidence', link);
    linked.set('title', `Link ${PAYLOADS.img}`);
    linked.set('description', PAYLOADS.script);
    linked.set('sourceUrl', PAYLOADS.javascriptUrl);
    linked.set('finalUrl', PAYLOADS.dataUrl);

    const capture = captureEvidence(
      doc,
      {
        kind: 'webCapture',
        captureTool: 'manual',
        sourceUrl: 'https://example.org/b',
        title: `Capture ${PAYLOADS.svg}`,
        files: [
          { sha256: snapshotSha, size: snapshotBytes.length, mime: 'text/html', name: 'page.html', role: 'snapshot' },
        ],
      },
      change,
    );
    item(doc, 'evidence', capture).set('finalUrl', PAYLOADS.javascriptUrl);

    // Notes as Lexical's V2 binding stores them: a paragraph of text, then links whose URL is hostile.
    const paragraph = new Y.XmlElement('paragraph');
    const scriptLink = new Y.XmlElement('link');
    scriptLink.setAttribute('__url', PAYLOADS.javascriptUrl);
    scriptLink.insert(0, [new Y.XmlText('script link')]);
    const dataLink = new Y.XmlElement('link');
    dataLink.setAttribute('__url', PAYLOADS.dataUrl);
    dataLink.insert(0, [new Y.XmlText('data link')]);
    paragraph.insert(0, [new Y.XmlText(`Notes ${PAYLOADS.img} `), scriptLink, new Y.XmlText(' '), dataLink]);
    richTextRoot(doc, 'notes').insert(0, [paragraph]);
  });
  return { snapshotSha };
}

/** Whether `text` shows literally: as visible text, or as the value of a form field. */
async function showsLiterally(page: Page, text: string): Promise<boolean> {
  return page.evaluate((wanted) => {
    if ((document.body.textContent ?? '').includes(wanted)) return true;
    return [...document.querySelectorAll('input, textarea')].some((field) =>
      (field as HTMLInputElement).value.includes(wanted),
    );
  }, text);
}

/** Elements a payload would have made if it had been parsed as HTML. */
async function injectedElements(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelectorAll('[onerror], [onload], iframe, script:not([src])').length);
}

test('hostile content written into a case by a collaborator renders as text and runs nothing', async ({
  browser,
  server,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(() => {
    (window as unknown as { __xss: unknown[] }).__xss = [];
  });
  const dialogs: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const navigations: string[] = [];
  page.on('framenavigated', (frame) => navigations.push(frame.url()));
  const popups: string[] = [];
  context.on('page', (popup) => popups.push(popup.url()));

  await page.goto(server.firstOwnerLink);
  await page.getByRole('button', { name: 'New case' }).click();
  await expect(page).toHaveURL(/#\/case\/[0-9a-z]{24}$/);
  await page.getByRole('textbox', { name: 'Case title', exact: true }).fill('To be overwritten');
  const caseId = /#\/case\/([0-9a-z]{24})/.exec(page.url())?.[1] ?? '';

  // The collaborator's client: a real editor token for this case, and the Y.Doc written directly.
  const token = await server.token('mallory', 'editor', caseId);
  const mallory = await connect(server.url, caseId, token);
  await expect.poll(() => readMeta(mallory.doc).title).toBe('To be overwritten');
  const { snapshotSha } = writeHostileCase(mallory.doc);
  // The snapshot's bytes are on the server too, so the browser can open the file.
  const put = await fetch(`${server.url}/cases/${caseId}/blobs/${snapshotSha}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${token}` },
    body: SNAPSHOT_HTML,
  });
  expect(put.ok).toBe(true);

  const title = page.getByRole('textbox', { name: 'Case title', exact: true });
  await expect(title).toHaveValue(`Title ${PAYLOADS.img}`, { timeout: 15_000 });
  await expect(page.getByRole('textbox', { name: 'Summary', exact: true })).toHaveValue(
    `Summary ${PAYLOADS.script} ${PAYLOADS.svg}`,
  );

  const tab = async (name: string) => {
    const button = page.getByRole('tab', { name, exact: false }).first();
    await button.click();
    await expect(button).toHaveAttribute('aria-selected', 'true');
  };

  await tab('Claims');
  await expect.poll(() => showsLiterally(page, `Claim ${PAYLOADS.iframe}`)).toBe(true);
  await clickEveryTextOf(page, PAYLOADS.javascriptUrl);

  await tab('Actors');
  await expect.poll(() => showsLiterally(page, `Actor ${PAYLOADS.svg}`)).toBe(true);
  await clickEveryTextOf(page, PAYLOADS.dataUrl);

  await tab('Timeline');
  await expect.poll(() => showsLiterally(page, `Event ${PAYLOADS.script}`)).toBe(true);

  await tab('Evidence');
  await expect.poll(() => showsLiterally(page, `Link ${PAYLOADS.img}`)).toBe(true);
  await page.getByRole('button', { name: `Link ${PAYLOADS.img}`, exact: true }).click();
  const details = page.getByRole('dialog');
  await expect(details).toBeVisible();
  await expect.poll(() => showsLiterally(page, PAYLOADS.javascriptUrl)).toBe(true);
  await expect.poll(() => showsLiterally(page, PAYLOADS.script)).toBe(true);
  // Stored addresses that are not http(s) are shown as text, never as links.
  await expect(details.getByRole('link', { name: PAYLOADS.javascriptUrl })).toHaveCount(0);
  await expect(details.getByRole('link', { name: PAYLOADS.dataUrl })).toHaveCount(0);
  await clickEveryTextOf(details, PAYLOADS.javascriptUrl);
  await clickEveryTextOf(details, PAYLOADS.dataUrl);
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();

  // The captured page's HTML is verified and offered as a download, never rendered.
  await page.getByRole('button', { name: `Capture ${PAYLOADS.svg}`, exact: true }).click();
  await expect(details.getByText('Verified: these bytes match the SHA-256 recorded at capture.')).toBeVisible({
    timeout: 15_000,
  });
  const download = details.getByRole('link', { name: 'Download page.html' });
  await expect(download).toHaveAttribute('href', /^blob:/);
  await expect(download).toHaveAttribute('download', 'page.html');
  await expect(details.locator('iframe, object, embed')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(details).toBeHidden();

  await tab('Notes');
  await expect.poll(() => showsLiterally(page, `Notes ${PAYLOADS.img}`)).toBe(true);
  const notes = page.getByRole('textbox', { name: 'Notes', exact: true });
  for (const name of ['script link', 'data link']) {
    const link = notes.getByRole('link', { name });
    await expect(link).toBeVisible();
    const linkHref = (await link.getAttribute('href')) ?? '';
    expect(linkHref, `${name} keeps no hostile URL`).not.toMatch(/^(javascript|data):/i);
    await link.click();
    await link.click({ modifiers: ['ControlOrMeta'] });
  }

  await tab('Verdict');
  await tab('Overview');
  await page.waitForTimeout(1_000);

  expect(await page.evaluate(() => (window as unknown as { __xss: unknown[] }).__xss)).toEqual([]);
  expect(dialogs).toEqual([]);
  expect(await injectedElements(page)).toBe(0);
  const unsafe = (url: string) => !/^(https?:|about:blank$)/.test(url);
  expect(navigations.filter(unsafe)).toEqual([]);
  expect(popups.filter(unsafe)).toEqual([]);
  for (const popup of context.pages()) {
    if (popup !== page) expect(unsafe(popup.url())).toBe(false);
  }

  mallory.provider.destroy();
  await context.close();
});

/** Clicks every element whose own text is exactly `text` (a link would follow its address). */
async function clickEveryTextOf(scope: Page | Locator, text: string): Promise<void> {
  const matches = scope.getByText(text, { exact: true });
  const count = await matches.count();
  for (let index = 0; index < count; index++) {
    const element = matches.nth(index);
    if (await element.isVisible()) await element.click({ noWaitAfter: true });
  }
}
