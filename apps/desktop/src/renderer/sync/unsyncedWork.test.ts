import { describe, expect, it } from 'vitest';
import { hasUnsyncedWork } from './unsyncedWork';

describe('hasUnsyncedWork', () => {
  const server = 'http://127.0.0.1:1234';

  it('is true while changes or files wait for the server', () => {
    expect(hasUnsyncedWork({ serverUrl: server, changes: 1, files: 0 })).toBe(true);
    expect(hasUnsyncedWork({ serverUrl: server, changes: 0, files: 2 })).toBe(true);
  });

  it('is false when everything is on the server, or when no server is set (nothing would ever be sent)', () => {
    expect(hasUnsyncedWork({ serverUrl: server, changes: 0, files: 0 })).toBe(false);
    expect(hasUnsyncedWork({ serverUrl: null, changes: 4, files: 1 })).toBe(false);
  });
});
