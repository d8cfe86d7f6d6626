import { readdirSync, readFileSync } from 'node:fs';

// /proc reports CPU time in clock ticks of USER_HZ, which Linux fixes at 100 per second for user space.
const CLOCK_TICKS_PER_SECOND = 100;

/**
 * CPU time and memory of a server process, read from Linux's /proc (the sync server's launchers keep
 * their child process to themselves; the data directory on its command line names it). Elsewhere the
 * figures are reported as n/a.
 */
export function findProcessByArgument(argument: string): number | null {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return null;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (args.includes(argument)) return Number(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  return null;
}

/** User + system CPU time of a process so far, in ms. */
export function cpuTimeMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces; the fields after it are space-separated.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Resident memory of a process now, in bytes. */
export function residentBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
  return match ? Number(match[1]) * 1024 : Number.NaN;
}

/** Samples a process's CPU and peak memory between start() and stop(). */
export class ProcessMeter {
  private cpuAtStart = 0;
  private startedAt = 0;
  private peakRss = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly pid: number | null) {}

  start(): void {
    if (this.pid === null) return;
    const pid = this.pid;
    this.cpuAtStart = cpuTimeMs(pid);
    this.startedAt = performance.now();
    this.peakRss = residentBytes(pid);
    this.timer = setInterval(() => {
      this.peakRss = Math.max(this.peakRss, residentBytes(pid));
    }, 250);
  }

  /** CPU as a share of one core over the window, and the peak resident memory. */
  stop(): { cpuShare: number; peakRss: number } {
    if (this.timer) clearInterval(this.timer);
    if (this.pid === null) return { cpuShare: Number.NaN, peakRss: Number.NaN };
    const cpu = cpuTimeMs(this.pid) - this.cpuAtStart;
    this.peakRss = Math.max(this.peakRss, residentBytes(this.pid));
    return { cpuShare: cpu / (performance.now() - this.startedAt), peakRss: this.peakRss };
  }
}
