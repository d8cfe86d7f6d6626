import { describe, expect, it } from 'vitest';
import { connectionStatusText, formatSyncTime, type SyncFacts, serverHost, shownStatus } from './connectionStatusText';

const now = new Date(2025, 2, 12, 10, 45);
const at1042 = new Date(2025, 2, 12, 10, 42);
const server = 'http://127.0.0.1:1234';

function text(facts: Partial<SyncFacts>): string {
  return connectionStatusText({
    status: 'synced',
    serverUrl: server,
    changes: 0,
    files: 0,
    lastSyncedAt: null,
    now,
    ...facts,
  });
}

describe('connectionStatusText', () => {
  it('names the server when synced, with when it last synced', () => {
    expect(text({})).toBe('Synced with 127.0.0.1:1234');
    expect(text({ lastSyncedAt: at1042 })).toBe('Synced with 127.0.0.1:1234 · last synced 10:42');
  });

  it('says what is not on the server yet while syncing: changes and files', () => {
    expect(text({ status: 'syncing', changes: 2, files: 1, lastSyncedAt: at1042 })).toBe(
      'Syncing (3 waiting) — 2 changes and 1 file not yet on the server · last synced 10:42',
    );
    expect(text({ status: 'syncing', changes: 1 })).toBe('Syncing (1 waiting) — 1 change not yet on the server');
  });

  it('is not "Synced" while the case’s files are still uploading', () => {
    expect(text({ status: 'synced', files: 2 })).toBe('Syncing (2 waiting) — 2 files not yet on the server');
  });

  it('says offline, that nothing is lost, and what waits to be sent', () => {
    expect(text({ status: 'offline', changes: 5, lastSyncedAt: new Date(2025, 2, 12, 10, 40) })).toBe(
      'Offline — 5 changes saved on this device, waiting to sync · last synced 10:40',
    );
    expect(text({ status: 'offline' })).toMatch(/^Offline — changes are saved on this device/);
    expect(text({ status: 'offline', serverUrl: null, changes: 3 })).toMatch(/^Offline — no sync server set/);
    expect(text({ status: 'synced', serverUrl: null })).toMatch(/^Offline/);
  });

  it('says connecting, and what waits meanwhile', () => {
    expect(text({ status: 'connecting', serverUrl: 'https://sync.example.org' })).toBe(
      'Connecting to sync.example.org…',
    );
    expect(text({ status: 'connecting', changes: 1, files: 2 })).toBe(
      'Connecting to 127.0.0.1:1234… — 1 change and 2 files saved on this device, waiting to sync',
    );
  });
});

describe('shownStatus', () => {
  it('is offline with no server, syncing while files wait, otherwise the connection’s own status', () => {
    expect(shownStatus({ status: 'synced', serverUrl: null, files: 0 })).toBe('offline');
    expect(shownStatus({ status: 'synced', serverUrl: server, files: 1 })).toBe('syncing');
    expect(shownStatus({ status: 'connecting', serverUrl: server, files: 1 })).toBe('connecting');
    expect(shownStatus({ status: 'synced', serverUrl: server, files: 0 })).toBe('synced');
  });
});

describe('formatSyncTime', () => {
  it('gives the time today, and the date as well on another day', () => {
    expect(formatSyncTime(new Date(2025, 2, 12, 9, 5), now)).toBe('09:05');
    expect(formatSyncTime(new Date(2025, 2, 3, 23, 59), now)).toBe('3 Mar 23:59');
    expect(formatSyncTime(new Date(2024, 11, 31, 8, 0), now)).toBe('31 Dec 2024 08:00');
  });
});

describe('serverHost', () => {
  it('gives host and port, or the text itself when it is not a URL', () => {
    expect(serverHost('http://10.0.0.5:8080/')).toBe('10.0.0.5:8080');
    expect(serverHost('weird')).toBe('weird');
  });
});
