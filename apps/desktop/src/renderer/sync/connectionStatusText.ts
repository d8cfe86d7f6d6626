import type { ConnectionStatus } from '@casefile/sync';

/** host[:port] of a sync server address, as people say it ("127.0.0.1:1234", "sync.example.org"). */
export function serverHost(serverUrl: string): string {
  try {
    return new URL(serverUrl).host || serverUrl;
  } catch {
    return serverUrl;
  }
}

/** What the indicator knows about one case (or the list of cases). */
export interface SyncFacts {
  status: ConnectionStatus;
  serverUrl: string | null;
  /** Local changes the server has not confirmed storing. */
  changes: number;
  /** Evidence files waiting to upload. */
  files: number;
  lastSyncedAt: Date | null;
  /** The server's reason when it refused this room (status `refused`). */
  refusal?: string | null;
  /** To say "10:42" for today and add the date otherwise. */
  now: Date;
}

/** What the indicator shows: its first word, and the colour of its dot. */
export type ShownStatus = 'offline' | 'connecting' | 'syncing' | 'synced' | 'refused';

export function shownStatus({
  status,
  serverUrl,
  files,
}: Pick<SyncFacts, 'status' | 'serverUrl' | 'files'>): ShownStatus {
  if (serverUrl === null) return 'offline';
  // The document may be confirmed while files still upload: not everything is on the server yet.
  if (status === 'synced' && files > 0) return 'syncing';
  return status;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "10:42" today, "3 Mar 10:42" this year, "3 Mar 2024 10:42" before (24-hour, local time). */
export function formatSyncTime(at: Date, now: Date): string {
  const time = `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`;
  const sameDay =
    at.getFullYear() === now.getFullYear() && at.getMonth() === now.getMonth() && at.getDate() === now.getDate();
  if (sameDay) return time;
  const day = `${at.getDate()} ${MONTHS[at.getMonth()]}`;
  return at.getFullYear() === now.getFullYear() ? `${day} ${time}` : `${day} ${at.getFullYear()} ${time}`;
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** "2 changes and 1 file", "1 change", "3 files". */
function whatWaits(changes: number, files: number): string {
  const parts: string[] = [];
  if (changes > 0) parts.push(plural(changes, 'change', 'changes'));
  if (files > 0) parts.push(plural(files, 'file', 'files'));
  return parts.join(' and ');
}

/**
 * The connection indicator's sentence. It always starts with "Offline", "Connecting", "Syncing",
 * "Synced" or "No access" (tests and screen-reader users rely on the first word), says what is not on the
 * server yet, and when this case last was fully synced.
 */
export function connectionStatusText(facts: SyncFacts): string {
  const { serverUrl, changes, files, lastSyncedAt, now } = facts;
  if (serverUrl === null) return 'Offline — no sync server set; changes are saved on this device';
  const host = serverHost(serverUrl);
  const waiting = changes + files;
  const lastSynced = lastSyncedAt ? ` · last synced ${formatSyncTime(lastSyncedAt, now)}` : '';
  switch (shownStatus(facts)) {
    case 'synced':
      return `Synced with ${host}${lastSynced}`;
    case 'syncing':
      return `Syncing (${waiting} waiting) — ${whatWaits(changes, files)} not yet on the server${lastSynced}`;
    case 'connecting':
      return waiting > 0
        ? `Connecting to ${host}… — ${whatWaits(changes, files)} saved on this device, waiting to sync${lastSynced}`
        : `Connecting to ${host}…${lastSynced}`;
    case 'refused':
      return `No access — ${facts.refusal ?? 'the server refused this connection.'}${
        waiting > 0 ? ` ${whatWaits(changes, files)} saved on this device only.` : ''
      }`;
    case 'offline':
      return waiting > 0
        ? `Offline — ${whatWaits(changes, files)} saved on this device, waiting to sync${lastSynced}`
        : `Offline — changes are saved on this device and sent when the server is back${lastSynced}`;
  }
}
