import { describe, expect, it } from 'vitest';
import { connectionStatusText, serverHost } from './connectionStatusText';

describe('connectionStatusText', () => {
  it('names the server when synced or connecting', () => {
    expect(connectionStatusText('synced', 'http://127.0.0.1:1234')).toBe('Synced with 127.0.0.1:1234');
    expect(connectionStatusText('connecting', 'https://sync.example.org')).toBe('Connecting to sync.example.org…');
  });

  it('says offline, and that nothing is lost, whether or not a server is set', () => {
    expect(connectionStatusText('offline', 'http://127.0.0.1:1234')).toMatch(
      /^Offline — changes are saved on this device/,
    );
    expect(connectionStatusText('offline', null)).toMatch(/^Offline — no sync server set/);
    expect(connectionStatusText('synced', null)).toMatch(/^Offline/);
  });
});

describe('serverHost', () => {
  it('gives host and port, or the text itself when it is not a URL', () => {
    expect(serverHost('http://10.0.0.5:8080/')).toBe('10.0.0.5:8080');
    expect(serverHost('weird')).toBe('weird');
  });
});
