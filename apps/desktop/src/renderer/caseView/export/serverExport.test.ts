import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  describeServerExportFailure,
  fileNameFromContentDisposition,
  requestServerExport,
  ServerExportError,
  ServerUnreachableError,
} from './serverExport';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

function answering(response: Response | Error, seen: Array<{ url: string; init: RequestInit }> = []): typeof fetch {
  return (async (url: string, init: RequestInit) => {
    seen.push({ url, init });
    if (response instanceof Error) throw response;
    return response;
  }) as typeof fetch;
}

const request = (fetchImpl: typeof fetch) => ({
  serverUrl: 'http://127.0.0.1:1234/',
  caseId: 'k3v9x0qz8m2r7t1w5y4b6n0c',
  format: 'bundle' as const,
  includeOriginals: false,
  signal: new AbortController().signal,
  headers: { Authorization: 'Bearer token' },
  fetch: fetchImpl,
});

describe('requestServerExport', () => {
  it('posts the choices and returns the whole file with its name and manifest hash', async () => {
    const bytes = new TextEncoder().encode('PK the bundle');
    const seen: Array<{ url: string; init: RequestInit }> = [];
    const exported = await requestServerExport(
      request(
        answering(
          new Response(bytes, {
            headers: {
              'Content-Type': 'application/zip',
              'Content-Disposition': `attachment; filename="____.zip"; filename*=UTF-8''${encodeURIComponent('фейк.zip')}`,
              'X-Content-SHA256': sha256(bytes),
              'X-Manifest-SHA256': 'cd'.repeat(32),
            },
          }),
          seen,
        ),
      ),
    );
    expect(seen[0]?.url).toBe('http://127.0.0.1:1234/cases/k3v9x0qz8m2r7t1w5y4b6n0c/export');
    expect(seen[0]?.init.method).toBe('POST');
    expect(JSON.parse(String(seen[0]?.init.body))).toEqual({ format: 'bundle', includeOriginals: false });
    expect(seen[0]?.init.headers).toMatchObject({ 'Content-Type': 'application/json', Authorization: 'Bearer token' });
    expect(exported).toEqual({ bytes, mime: 'application/zip', fileName: 'фейк.zip', manifestSha256: 'cd'.repeat(32) });
  });

  it('refuses a file that arrived damaged', async () => {
    const response = new Response('PK cut', { headers: { 'X-Content-SHA256': 'ab'.repeat(32) } });
    await expect(requestServerExport(request(answering(response)))).rejects.toThrow(/arrived damaged/);
  });

  it('turns the server’s error into a sentence that says nothing was saved', async () => {
    const response = new Response(
      JSON.stringify({ error: 'The server is busy with other exports. Try again in a moment.' }),
      {
        status: 503,
      },
    );
    const error = await requestServerExport(request(answering(response))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerExportError);
    expect((error as Error).message).toBe(
      'The server is busy with other exports. Try again in a moment. Nothing was saved.',
    );
  });

  it('says when the server cannot be reached', async () => {
    const error = await requestServerExport(request(answering(new TypeError('Failed to fetch')))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ServerUnreachableError);
    expect((error as Error).message).toBe(
      'The sync server could not be reached (Failed to fetch). Nothing was saved. Check the connection, or that the server is running, and export again.',
    );
  });
});

describe('describeServerExportFailure', () => {
  it('says what to do for each refusal', () => {
    expect(describeServerExportFailure(401, 'Sign in first.')).toMatch(
      /did not accept your sign-in \(Sign in first\.\)\. Nothing was saved\. Open your invitation link again/,
    );
    expect(describeServerExportFailure(403, 'Your access does not cover this case.')).toBe(
      'Your access does not cover this case. Nothing was saved.',
    );
    expect(describeServerExportFailure(404, null)).toMatch(/does not have this case yet/);
    expect(describeServerExportFailure(500, 'The export failed on the server (x). Nothing was saved; try again.')).toBe(
      'The export failed on the server (x). Nothing was saved; try again.',
    );
    expect(describeServerExportFailure(502, null)).toMatch(/HTTP 502/);
  });
});

describe('fileNameFromContentDisposition', () => {
  it('prefers the UTF-8 name and falls back to the plain one', () => {
    expect(fileNameFromContentDisposition(`attachment; filename="a.pdf"; filename*=UTF-8''%D1%84.pdf`)).toBe('ф.pdf');
    expect(fileNameFromContentDisposition('attachment; filename="a.pdf"')).toBe('a.pdf');
    expect(fileNameFromContentDisposition(null)).toBeNull();
  });
});
