import type { ServerResponse } from 'node:http';

export interface HealthReport {
  ok: true;
  /** Documents in memory and client connections: counts only, never room names (case ids are secrets). */
  rooms: number;
  connections: number;
  uptimeSeconds: number;
}

export function healthReport(counts: { rooms: number; connections: number }, startedAt: number): HealthReport {
  return {
    ok: true,
    rooms: counts.rooms,
    connections: counts.connections,
    uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
  };
}

export function sendHealth(res: ServerResponse, report: HealthReport): void {
  const body = JSON.stringify(report);
  res.writeHead(200, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}
