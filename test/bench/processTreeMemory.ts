import { readFileSync } from 'node:fs';

const SAMPLE_EVERY_MS = 100;

/** The children of a process, from Linux's /proc/<pid>/task/<tid>/children (empty when it has ended). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(' ')
      .filter((part) => part !== '')
      .map(Number);
  } catch {
    return [];
  }
}

function descendantsOf(root: number): number[] {
  const found: number[] = [];
  const queue = childrenOf(root);
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    found.push(pid);
    queue.push(...childrenOf(pid));
  }
  return found;
}

/**
 * Proportional set size: each shared page counted once across the processes that share it.
 * Chromium's processes share its large binary and libraries, so a sum of RSS would count those
 * several times over.
 */
function pssBytes(pid: number): number {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0; // It ended while we looked.
  }
}

/**
 * Peak memory of every descendant of a process together (for an export: Chromium's browser,
 * zygote, GPU, network and renderer processes), summed each 100 ms from /proc, so a spike shorter
 * than that can be missed. Linux only: elsewhere the peak is NaN.
 */
export class DescendantMemoryMeter {
  private peak = 0;
  private processes = new Set<number>();
  private timer: NodeJS.Timeout | null = null;
  private readonly supported: boolean;

  constructor(private readonly rootPid: number) {
    try {
      readFileSync(`/proc/${rootPid}/task/${rootPid}/children`);
      this.supported = true;
    } catch {
      this.supported = false;
    }
  }

  start(): void {
    if (!this.supported) return;
    this.timer = setInterval(() => this.sample(), SAMPLE_EVERY_MS);
  }

  private sample(): void {
    const pids = descendantsOf(this.rootPid);
    for (const pid of pids) this.processes.add(pid);
    this.peak = Math.max(
      this.peak,
      pids.reduce((sum, pid) => sum + pssBytes(pid), 0),
    );
  }

  /** The peak of the summed PSS, and how many processes were seen over the whole window. */
  stop(): { peakBytes: number; processes: number } {
    if (this.timer) clearInterval(this.timer);
    if (!this.supported) return { peakBytes: Number.NaN, processes: 0 };
    return { peakBytes: this.peak, processes: this.processes.size };
  }
}
