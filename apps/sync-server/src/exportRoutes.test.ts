import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyBundle } from '@casefile/dossier';
import { newCaseId } from '@casefile/model';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BlobFiles } from './blobFiles.js';
import { makeCustodyEntry } from './custodyLog.js';
import { seedDemoCaseOnce } from './demoSeed.js';
import { exportCase } from './exportCase.js';
import {
  contentDisposition,
  type ExportRefusal,
  type ExportRouteOptions,
  ExportSlots,
  exportAddress,
  type RunExport,
  serveExportRequest,
} from './exportRoutes.js';
import { LevelDocumentStore } from './persistence.js';
import { cleanUp, makeTempDir, onCleanup, waitFor } from './testSupport.js';

afterEach(cleanUp);

interface Harness {
  url: string;
  store: LevelDocumentStore;
  demoCaseId: string;
  logs: string[];
  /** Every case id the authorize hook was asked about, in order. */
  authorized: string[];
}

/**
 * The export route on a real HTTP server over a real data directory holding the demo case. The
 * access decision is the hook's (the server wires it to its access control); here a header plays it.
 */
async function startExportServer(overrides: Partial<ExportRouteOptions> = {}): Promise<Harness> {
  const dataDir = await makeTempDir();
  const store = await LevelDocumentStore.open(dataDir);
  onCleanup(() => store.close());
  const blobs = await BlobFiles.open(dataDir);
  const logs: string[] = [];
  const demoCaseId = (await seedDemoCaseOnce(store, blobs, () => {})) as string;
  const authorized: string[] = [];
  const options: ExportRouteOptions = {
    store,
    blobs,
    slots: new ExportSlots(),
    log: (line) => logs.push(line),
    authorize: (req: IncomingMessage, caseId: string): ExportRefusal | null => {
      authorized.push(caseId);
      const who = req.headers.authorization;
      if (!who) return { status: 401, message: 'Sign in first.' };
      if (who !== `Bearer ${caseId}`) return { status: 403, message: 'Your access does not cover this case.' };
      return null;
    },
    ...overrides,
  };
  const server = createServer((req, res) => {
    const caseId = exportAddress((req.url ?? '/').split('?')[0] ?? '/');
    if (caseId === null) {
      res.writeHead(404).end();
      return;
    }
    void serveExportRequest(req, res, caseId, options);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, store, demoCaseId, logs, authorized };
}

function postExport(
  harness: Harness,
  caseId: string,
  body: unknown,
  init: { token?: string | null; contentType?: string; signal?: AbortSignal } = {},
): Promise<Response> {
  const token = init.token === undefined ? caseId : init.token;
  return fetch(`${harness.url}/cases/${caseId}/export`, {
    method: 'POST',
    headers: {
      'Content-Type': init.contentType ?? 'application/json',
      ...(token === null ? {} : { Authorization: `Bearer ${token}` }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(init.signal ? { signal: init.signal } : {}),
  });
}

describe('POST /cases/<caseId>/export', () => {
  it('answers with the whole dossier, named for the case, with its SHA-256', async () => {
    const harness = await startExportServer();
    const response = await postExport(harness, harness.demoCaseId, { format: 'json' });
    expect(response.status).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(Number(response.headers.get('content-length'))).toBe(bytes.length);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="[^"]+\.json"; filename\*=/);
    expect(response.headers.get('x-content-sha256')).toBe(createHash('sha256').update(bytes).digest('hex'));
    const json = JSON.parse(new TextDecoder().decode(bytes)) as { format: string; case: { id: string } };
    expect(json.format).toBe('casefile-case');
    expect(json.case.id).toBe(harness.demoCaseId);
  });

  it('exports a bundle that verifies, with original files withheld unless asked for', async () => {
    const harness = await startExportServer();
    const response = await postExport(harness, harness.demoCaseId, { format: 'bundle', includeOriginals: false });
    expect(
      response.status,
      await response
        .clone()
        .text()
        .catch(() => ''),
    ).toBe(200);
    const bytes = new Uint8Array(await response.arrayBuffer());
    const report = await verifyBundle(bytes);
    expect(report.ok, JSON.stringify(report.problems)).toBe(true);
    expect(report.manifest.includesOriginals).toBe(false);
    expect(response.headers.get('x-manifest-sha256')).toMatch(/^[0-9a-f]{64}$/);
    // The seed is the demo case's one custody entry; the bundle carries the record as stored.
    const stored = await harness.store.loadCustody(harness.demoCaseId);
    expect(stored).toHaveLength(1);
    expect(report.manifest.custody).toEqual({ file: 'custody-log.json', entries: 1, lastHash: stored[0]?.hash });
  }, 60_000);

  it('refuses to export a bundle whose custody record does not verify, saying why', async () => {
    const harness = await startExportServer();
    const first = await harness.store.lastCustody(harness.demoCaseId);
    const update = Y.encodeStateAsUpdate(new Y.Doc());
    const entry = makeCustodyEntry(first, {
      user: 'editor',
      role: 'editor',
      update,
      summary: { roots: [], keys: [], inserted: 0, deleted: 0, clients: [] },
      clientTime: null,
    });
    // Someone rewrote who made the change after the entry was written.
    await harness.store.append(harness.demoCaseId, update, { custody: { ...entry, user: 'someone-else' } });
    const response = await postExport(harness, harness.demoCaseId, { format: 'bundle' });
    expect(response.status).toBe(500);
    expect(response.headers.get('content-disposition')).toBeNull();
    expect(((await response.json()) as { error: string }).error).toMatch(
      /^The custody record of this case does not verify \(entry 1: entry 1 was changed after it was written\), and a dossier must not carry a broken record/,
    );
    // Formats without the custody record still export.
    expect((await postExport(harness, harness.demoCaseId, { format: 'json' })).status).toBe(200);
  });

  it('refuses a stranger (401) and another case’s token (403) before reading the body or the case', async () => {
    let exports = 0;
    const harness = await startExportServer({
      runExport: (async (...args: Parameters<RunExport>) => {
        exports++;
        return exportCase(...args);
      }) as RunExport,
    });
    const stranger = await postExport(harness, harness.demoCaseId, { format: 'json' }, { token: null });
    expect(stranger.status).toBe(401);
    expect(await stranger.json()).toEqual({ error: 'Sign in first.' });
    const otherCase = await postExport(harness, harness.demoCaseId, { format: 'json' }, { token: newCaseId() });
    expect(otherCase.status).toBe(403);
    // Even a malformed body is not looked at before access is decided.
    const unreadBody = await postExport(harness, harness.demoCaseId, 'not json', { token: null });
    expect(unreadBody.status).toBe(401);
    expect(exports).toBe(0);
  });

  it('says what is wrong with a bad request, and exports nothing', async () => {
    const harness = await startExportServer();
    const id = harness.demoCaseId;
    const cases: Array<[Promise<Response>, number, RegExp]> = [
      [postExport(harness, id, { format: 'docx' }), 400, /Unknown export format "docx"; use one of: pdf, html/],
      [postExport(harness, id, {}), 400, /Unknown export format null/],
      [postExport(harness, id, 'not json'), 400, /not JSON/],
      [postExport(harness, id, { format: 'pdf', includeOriginals: 'yes' }), 400, /must be true or false/],
      [postExport(harness, id, { format: 'json' }, { contentType: 'text/plain' }), 415, /as JSON/],
      [postExport(harness, id, { format: 'json', padding: 'x'.repeat(5000) }), 413, /small JSON object/],
      [postExport(harness, 'not-a-case', { format: 'json' }), 400, /Not a case id/],
    ];
    for (const [pending, status, message] of cases) {
      const response = await pending;
      expect(response.status).toBe(status);
      expect(((await response.json()) as { error: string }).error).toMatch(message);
    }
    const get = await fetch(`${harness.url}/cases/${id}/export`, { headers: { Authorization: `Bearer ${id}` } });
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('answers 404 for a case the server does not store', async () => {
    const harness = await startExportServer();
    const unknown = newCaseId();
    const response = await postExport(harness, unknown, { format: 'json' });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toMatch(/stores no such case/);
  });

  it('aborts the export when the client goes away, and sends nothing', async () => {
    let exportSignal: AbortSignal | undefined;
    const harness = await startExportServer({
      runExport: (async (_store, _blobs, _caseId, _format, options) => {
        exportSignal = options?.signal;
        await new Promise((_resolve, reject) =>
          options?.signal?.addEventListener('abort', () => reject(new Error('aborted'))),
        );
        throw new Error('unreachable');
      }) as RunExport,
    });
    const controller = new AbortController();
    const pending = postExport(harness, harness.demoCaseId, { format: 'pdf' }, { signal: controller.signal });
    await waitFor(() => exportSignal !== undefined, 'the export to start');
    controller.abort();
    await expect(pending).rejects.toThrow();
    await waitFor(() => exportSignal?.aborted === true, 'the export to be aborted');
    await waitFor(
      () => harness.logs.some((line) => /cancelled by its client; nothing was sent/.test(line)),
      'the server to log the cancel',
    );
  });

  it('says so when the export fails, with an error and no part of a file', async () => {
    const harness = await startExportServer({
      runExport: (async () => {
        throw new Error('Chromium could not be started');
      }) as RunExport,
    });
    const response = await postExport(harness, harness.demoCaseId, { format: 'pdf' });
    expect(response.status).toBe(500);
    expect(response.headers.get('content-disposition')).toBeNull();
    expect(((await response.json()) as { error: string }).error).toMatch(
      /^The export failed on the server \(Chromium could not be started\)\. Nothing was saved/,
    );
  });

  it('answers 503 while every export slot is busy', async () => {
    const slots = new ExportSlots(1);
    const harness = await startExportServer({ slots });
    const release = slots.take();
    const busy = await postExport(harness, harness.demoCaseId, { format: 'json' });
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('5');
    release?.();
    expect((await postExport(harness, harness.demoCaseId, { format: 'json' })).status).toBe(200);
  });
});

describe('contentDisposition', () => {
  it('keeps a Cyrillic title readable and the header safe', () => {
    expect(contentDisposition('фейк-о-нато.pdf')).toBe(
      `attachment; filename="____-_-____.pdf"; filename*=UTF-8''${encodeURIComponent('фейк-о-нато.pdf')}`,
    );
    expect(contentDisposition('a"b\\c.json')).toBe(
      `attachment; filename="a_b_c.json"; filename*=UTF-8''a%22b%5Cc.json`,
    );
  });
});
