// Starts one real sync server for the browser tests (the browser cannot start one) and hands its
// address to them through Vitest's provide/inject.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '@casefile/sync-server';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    blobServerUrl: string;
    /** A team-wide owner token for that server. */
    blobServerToken: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(join(tmpdir(), 'casefile-blob-browser-test-'));
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    webRoot: null,
    seedDemo: false,
    log: () => {},
  });
  project.provide('blobServerUrl', server.url);
  project.provide(
    'blobServerToken',
    await server.issueToken({ user: 'test-owner', role: 'owner', expiresInMs: 3_600_000 }),
  );
  return async () => {
    await server.close();
    await rm(dataDir, { recursive: true, force: true });
  };
}
