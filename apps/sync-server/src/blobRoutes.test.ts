import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join, relative } from 'node:path';
import { newCaseId } from '@casefile/model';
import { afterEach, describe, expect, it } from 'vitest';
import { LevelDocumentStore } from './persistence.js';
import {
  authorizedFetch,
  cleanUp,
  makeTempDir,
  onCleanup,
  startTestServer,
  type TestServer,
  waitFor,
} from './testSupport.js';

afterEach(cleanUp);

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function blobUrl(server: TestServer, caseId: string, sha: string): string {
  return `${server.url}/cases/${caseId}/blobs/${sha}`;
}

function bearer(server: TestServer): { Authorization: string } {
  return { Authorization: `Bearer ${server.ownerToken}` };
}

function put(server: TestServer, caseId: string, sha: string, body: Uint8Array): Promise<Response> {
  return authorizedFetch(blobUrl(server, caseId, sha), {
    method: 'PUT',
    body,
    headers: { 'Content-Type': 'application/octet-stream' },
  });
}

/** Every file under the data directory's blob store, temp files included, as paths relative to it. */
async function filesOnDisk(dataDir: string): Promise<string[]> {
  const root = join(dataDir, 'blobs');
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

/** Whether the LevelDB records say `caseId` holds `sha` (the server must be closed). */
async function recordedAsHeld(dataDir: string, caseId: string, sha: string): Promise<boolean> {
  const store = await LevelDocumentStore.open(dataDir);
  try {
    return await store.holdsBlob(caseId, sha);
  } finally {
    await store.close();
  }
}

const MISMATCH = (actual: string) =>
  `The bytes do not match the SHA-256 in the address (got ${actual}). Nothing was stored; upload the original file again.`;

describe('evidence blobs over HTTP', () => {
  it('stores an upload by its hash and gives the same bytes back through the case', async () => {
    const dataDir = await makeTempDir();
    const server = await startTestServer(dataDir);
    const caseId = newCaseId();
    const bytes = new Uint8Array(randomBytes(3 * 1024 * 1024 + 17));
    const sha = sha256(bytes);

    const uploaded = await put(server, caseId, sha, bytes);
    expect(uploaded.status).toBe(201);
    expect(await uploaded.json()).toEqual({ sha256: sha, size: bytes.byteLength });
    expect(await filesOnDisk(dataDir)).toEqual([join(sha.slice(0, 2), sha)]);

    const downloaded = await authorizedFetch(blobUrl(server, caseId, sha));
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers.get('content-type')).toBe('application/octet-stream');
    expect(downloaded.headers.get('content-length')).toBe(String(bytes.byteLength));
    expect(downloaded.headers.get('x-content-sha256')).toBe(sha);
    const received = new Uint8Array(await downloaded.arrayBuffer());
    expect(sha256(received)).toBe(sha);
    expect(Buffer.from(received).equals(Buffer.from(bytes))).toBe(true);

    const head = await authorizedFetch(blobUrl(server, caseId, sha), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(bytes.byteLength));
    expect((await head.arrayBuffer()).byteLength).toBe(0);

    // Durable: after a restart the case still holds it.
    await server.close();
    const again = await startTestServer(dataDir);
    const afterRestart = await authorizedFetch(blobUrl(again, caseId, sha));
    expect(sha256(new Uint8Array(await afterRestart.arrayBuffer()))).toBe(sha);
  });

  it('refuses bytes that do not match the address with 422 and a clear error, storing nothing', async () => {
    const dataDir = await makeTempDir();
    const server = await startTestServer(dataDir);
    const caseId = newCaseId();
    const original = new Uint8Array(randomBytes(200_000));
    const altered = original.slice();
    altered[1000] = (altered[1000] ?? 0) ^ 0xff;
    const sha = sha256(original);

    const response = await put(server, caseId, sha, altered);
    expect(response.status).toBe(422);
    expect(await response.json()).toEqual({ error: MISMATCH(sha256(altered)) });
    expect(await filesOnDisk(dataDir)).toEqual([]);
    expect((await authorizedFetch(blobUrl(server, caseId, sha))).status).toBe(404);
    await server.close();
    expect(await recordedAsHeld(dataDir, caseId, sha)).toBe(false);
  });

  it('leaves a blob another case holds untouched when a mismatched upload under its hash is refused', async () => {
    const dataDir = await makeTempDir();
    const server = await startTestServer(dataDir);
    const [owner, other] = [newCaseId(), newCaseId()];
    const bytes = new TextEncoder().encode('The Ministry of Defence quickly issued a public denial.');
    const sha = sha256(bytes);
    expect((await put(server, owner, sha, bytes)).status).toBe(201);

    const refused = await put(server, other, sha, new TextEncoder().encode('forged'));
    expect(refused.status).toBe(422);
    expect((await authorizedFetch(blobUrl(server, other, sha))).status).toBe(404);
    const kept = await authorizedFetch(blobUrl(server, owner, sha));
    expect(await kept.text()).toBe('The Ministry of Defence quickly issued a public denial.');
    expect(await filesOnDisk(dataDir)).toEqual([join(sha.slice(0, 2), sha)]);
  });

  it('answers 404 with an explanation for a blob the case does not hold, even when another case does', async () => {
    const server = await startTestServer(await makeTempDir());
    const [caseA, caseB] = [newCaseId(), newCaseId()];
    const bytes = new TextEncoder().encode('held by case A only');
    const sha = sha256(bytes);

    const absent = await authorizedFetch(blobUrl(server, caseA, sha));
    expect(absent.status).toBe(404);
    expect(((await absent.json()) as { error: string }).error).toMatch(/has not been uploaded yet/);

    expect((await put(server, caseA, sha, bytes)).status).toBe(201);
    const throughB = await authorizedFetch(blobUrl(server, caseB, sha));
    expect(throughB.status).toBe(404);
    expect(((await throughB.json()) as { error: string }).error).toMatch(/This case has no file with SHA-256/);
    expect((await authorizedFetch(blobUrl(server, caseB, sha), { method: 'HEAD' })).status).toBe(404);
  });

  it('stores a blob uploaded twice, or by two cases, once; 200 when the case already held it', async () => {
    const dataDir = await makeTempDir();
    const server = await startTestServer(dataDir);
    const [caseA, caseB] = [newCaseId(), newCaseId()];
    const bytes = new Uint8Array(randomBytes(50_000));
    const sha = sha256(bytes);

    expect((await put(server, caseA, sha, bytes)).status).toBe(201);
    expect((await put(server, caseA, sha, bytes)).status).toBe(200);
    // New to case B (whether another case has it is not told), yet not stored again.
    expect((await put(server, caseB, sha, bytes)).status).toBe(201);
    expect(await filesOnDisk(dataDir)).toEqual([join(sha.slice(0, 2), sha)]);
    const throughB = await authorizedFetch(blobUrl(server, caseB, sha));
    expect(sha256(new Uint8Array(await throughB.arrayBuffer()))).toBe(sha);
  });

  it('refuses a bad case id or SHA-256 with 400 and says what an address looks like', async () => {
    const dataDir = await makeTempDir();
    const server = await startTestServer(dataDir);
    const bytes = new TextEncoder().encode('x');
    const sha = sha256(bytes);
    const caseId = newCaseId();

    for (const [badCase, badSha, pattern] of [
      [
        'not-a-case',
        sha,
        /^Not a case id: "not-a-case"\. The address of a file is \/cases\/<case id>\/blobs\/<sha256>\.$/,
      ],
      ['workspace', sha, /^Not a case id: "workspace"/],
      [caseId, 'abc', /^Not a SHA-256: "abc"\. Give the file's SHA-256 as 64 lowercase hexadecimal digits\.$/],
      [caseId, sha.toUpperCase(), /^Not a SHA-256/],
      [caseId, `${sha}0`, /^Not a SHA-256/],
      [caseId, '', /^Not a SHA-256: ""/],
    ] as const) {
      for (const method of ['GET', 'PUT'] as const) {
        const response = await authorizedFetch(`${server.url}/cases/${badCase}/blobs/${badSha}`, {
          method,
          ...(method === 'PUT' ? { body: bytes } : {}),
        });
        expect(response.status, `${method} ${badCase}/${badSha}`).toBe(400);
        expect(((await response.json()) as { error: string }).error).toMatch(pattern);
      }
    }
    expect(await filesOnDisk(dataDir)).toEqual([]);
  });

  it('refuses an upload over the size limit with 413, whether announced or streamed, storing nothing', async () => {
    const dataDir = await makeTempDir();
    const server = await startTestServer(dataDir, { maxBlobBytes: 64 * 1024 });
    const caseId = newCaseId();
    const big = new Uint8Array(randomBytes(64 * 1024 + 1));
    const sha = sha256(big);

    const announced = await put(server, caseId, sha, big);
    expect(announced.status).toBe(413);
    expect(await announced.json()).toEqual({
      error: 'The file is larger than this server accepts (at most 64 KiB). Nothing was stored.',
    });

    // Chunked: the size shows only while streaming.
    const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(blobUrl(server, caseId, sha), { method: 'PUT', headers: bearer(server) }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      for (let offset = 0; offset < big.byteLength; offset += 8192) req.write(big.subarray(offset, offset + 8192));
      req.end();
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.body)).toEqual({
      error: 'The file is larger than this server accepts (at most 64 KiB). Nothing was stored.',
    });
    expect(await filesOnDisk(dataDir)).toEqual([]);

    // Exactly at the limit is fine.
    const fits = big.subarray(0, 64 * 1024);
    expect((await put(server, caseId, sha256(fits), fits)).status).toBe(201);
  });

  it('keeps nothing of an upload that is cut off midway', async () => {
    const dataDir = await makeTempDir();
    const server = await startTestServer(dataDir);
    const caseId = newCaseId();
    const bytes = new Uint8Array(randomBytes(1024 * 1024));
    const sha = sha256(bytes);

    const req = request(blobUrl(server, caseId, sha), {
      method: 'PUT',
      headers: { 'Content-Length': String(bytes.byteLength), ...bearer(server) },
    });
    req.on('error', () => {});
    req.write(bytes.subarray(0, 256 * 1024));
    // The server has started writing the upload to a temp file…
    let sawTemp = false;
    const deadline = Date.now() + 5000;
    while (!sawTemp && Date.now() < deadline) {
      sawTemp = (await filesOnDisk(dataDir)).some((path) => path.startsWith('tmp'));
      if (!sawTemp) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(sawTemp).toBe(true);
    // …when the client goes away.
    req.destroy();

    const deadlineGone = Date.now() + 5000;
    let left = await filesOnDisk(dataDir);
    while (left.length > 0 && Date.now() < deadlineGone) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      left = await filesOnDisk(dataDir);
    }
    expect(left).toEqual([]);
    await waitFor(() => server.logs.some((line) => /interrupted/.test(line)), 'the server never noticed the cut');
    expect((await authorizedFetch(blobUrl(server, caseId, sha))).status).toBe(404);
    await server.close();
    expect(await recordedAsHeld(dataDir, caseId, sha)).toBe(false);
  });

  it('answers only GET, HEAD and PUT (and CORS preflight) at a blob address', async () => {
    const server = await startTestServer(await makeTempDir());
    const address = blobUrl(server, newCaseId(), sha256(new Uint8Array([1])));
    const deleted = await authorizedFetch(address, { method: 'DELETE' });
    expect(deleted.status).toBe(405);
    expect(deleted.headers.get('allow')).toBe('GET, HEAD, PUT');
    expect(((await deleted.json()) as { error: string }).error).toMatch(/read with GET or HEAD and uploaded with PUT/);

    const preflight = await authorizedFetch(address, {
      method: 'OPTIONS',
      headers: { Origin: 'app://casefile', 'Access-Control-Request-Method': 'PUT' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, HEAD, PUT');
  });

  it('follows the case’s access rules before reading a byte: no token 401, a viewer may read, not write', async () => {
    const dataDir = await makeTempDir();
    const server = await startTestServer(dataDir);
    const caseId = newCaseId();
    const bytes = new TextEncoder().encode('not allowed');
    const sha = sha256(bytes);
    const anonymous = await fetch(blobUrl(server, caseId, sha), { method: 'PUT', body: bytes });
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: string }).error).toMatch(/Sign in first/);
    const viewer = { authorization: `Bearer ${await server.token('vera', 'viewer', caseId)}` };
    const refused = await fetch(blobUrl(server, caseId, sha), { method: 'PUT', body: bytes, headers: viewer });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toMatch(/needs the editor role/);
    expect(await filesOnDisk(dataDir)).toEqual([]);
    expect((await put(server, caseId, sha, bytes)).status).toBe(201);
    expect((await fetch(blobUrl(server, caseId, sha), { headers: viewer })).status).toBe(200);
  });

  it('clears temp files a crash left behind when it starts', async () => {
    const dataDir = await makeTempDir();
    await mkdir(join(dataDir, 'blobs', 'tmp'), { recursive: true });
    await writeFile(join(dataDir, 'blobs', 'tmp', 'half-written'), 'partial upload');
    const server = await startTestServer(dataDir);
    onCleanup(() => server.close());
    expect(await filesOnDisk(dataDir)).toEqual([]);
    // A later upload lands whole.
    const bytes = new TextEncoder().encode('whole');
    expect((await put(server, newCaseId(), sha256(bytes), bytes)).status).toBe(201);
    expect(await readFile(join(dataDir, 'blobs', sha256(bytes).slice(0, 2), sha256(bytes)), 'utf8')).toBe('whole');
  });
});
