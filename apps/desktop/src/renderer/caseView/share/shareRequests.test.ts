import { describe, expect, it } from 'vitest';
import { createInvitation, removeAccess, ShareError, userNameProblem } from './shareRequests';

const caseId = 'a'.repeat(24);

function answering(status: number, body: unknown, seen: Array<{ url: string; init: RequestInit }> = []) {
  return (async (url: string, init: RequestInit) => {
    seen.push({ url, init });
    return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  }) as unknown as typeof fetch;
}

describe('sharing requests', () => {
  it('asks for an invitation signed in, and reads the link and expiry', async () => {
    const seen: Array<{ url: string; init: RequestInit }> = [];
    const invitation = await createInvitation(
      {
        serverUrl: 'http://127.0.0.1:1234/',
        caseId,
        headers: { Authorization: 'Bearer t' },
        fetch: answering(
          201,
          { user: 'bob', role: 'editor', case: caseId, expiresAt: '2030-01-02T00:00:00.000Z', token: 'x', link: 'L' },
          seen,
        ),
      },
      { user: 'bob', role: 'editor', expiresIn: '1d' },
    );
    expect(invitation).toEqual({
      user: 'bob',
      role: 'editor',
      link: 'L',
      expiresAt: Date.parse('2030-01-02T00:00:00Z'),
    });
    const [request] = seen;
    if (!request) throw new Error('no request was sent');
    expect(request.url).toBe(`http://127.0.0.1:1234/cases/${caseId}/invites`);
    expect((request.init.headers as Record<string, string>).Authorization).toBe('Bearer t');
    expect(JSON.parse(String(request.init.body))).toEqual({ user: 'bob', role: 'editor', expiresIn: '1d' });
  });

  it('says who may share when the server refuses (403) and when it cannot be reached', async () => {
    const refused = removeAccess(
      { serverUrl: 'http://s', caseId, headers: {}, fetch: answering(403, { error: 'This needs the owner role.' }) },
      'bob',
    );
    await expect(refused).rejects.toThrow(/Only an owner of this case can remove access\. This needs the owner role\./);
    const unreachable = removeAccess(
      {
        serverUrl: 'http://s',
        caseId,
        headers: {},
        fetch: (async () => {
          throw new TypeError('Failed to fetch');
        }) as unknown as typeof fetch,
      },
      'bob',
    );
    await expect(unreachable).rejects.toBeInstanceOf(ShareError);
    await expect(unreachable).rejects.toThrow(/could not be reached/);
  });

  it('refuses an answer that is not an invitation', async () => {
    await expect(
      createInvitation(
        { serverUrl: 'http://s', caseId, headers: {}, fetch: answering(201, { hello: 1 }) },
        { user: 'bob', role: 'viewer', expiresIn: '7d' },
      ),
    ).rejects.toThrow(/not an invitation/);
  });

  it('checks user names as the server does', () => {
    expect(userNameProblem('Ana María')).toBeNull();
    expect(userNameProblem('')).toMatch(/Write/);
    expect(userNameProblem(' bob')).toMatch(/spaces/);
    expect(userNameProblem('bob<script>')).toMatch(/letters/);
  });
});
