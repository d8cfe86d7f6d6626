import type { CDPSession, Page } from '@playwright/test';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const IDLE = new Set(['(root)', '(program)', '(idle)', '(garbage collector)']);

/**
 * A sampling CPU profile of one page (DevTools protocol Profiler), summarised as the functions with
 * the most inclusive time: what a long task was busy with. Run with BENCH_PROFILE=1; best read
 * against a build without minification (README.md, "Profiling").
 */
export class CpuProfile {
  private constructor(private readonly session: CDPSession) {}

  static async start(page: Page): Promise<CpuProfile> {
    const session = await page.context().newCDPSession(page);
    await session.send('Profiler.enable');
    await session.send('Profiler.setSamplingInterval', { interval: 200 });
    await session.send('Profiler.start');
    return new CpuProfile(session);
  }

  /** Stops profiling; lines "inclusive ms  self ms  function (file:line)", busiest first. */
  async stop(top = 15): Promise<string[]> {
    const { profile } = (await this.session.send('Profiler.stop')) as { profile: Profile };
    await this.session.detach();
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const self = new Map<number, number>();
    profile.samples.forEach((id, index) => {
      self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000);
    });
    const parent = new Map<number, number>();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    const label = (node: ProfileNode) => {
      const { functionName, url, lineNumber } = node.callFrame;
      const file = url.split('/').pop() ?? '';
      return `${functionName || '(anonymous)'} (${file}:${lineNumber + 1})`;
    };
    const inclusive = new Map<string, number>();
    const selfByLabel = new Map<string, number>();
    for (const [id, ms] of self) {
      const node = byId.get(id);
      if (!node || IDLE.has(node.callFrame.functionName)) continue;
      selfByLabel.set(label(node), (selfByLabel.get(label(node)) ?? 0) + ms);
      // Count each function once per sample, however deep its recursion.
      const seen = new Set<string>();
      for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
        const each = byId.get(at);
        if (!each || IDLE.has(each.callFrame.functionName)) continue;
        const name = label(each);
        if (seen.has(name)) continue;
        seen.add(name);
        inclusive.set(name, (inclusive.get(name) ?? 0) + ms);
      }
    }
    // BENCH_PROFILE_MATCH narrows the list to functions whose name or file matches (a regular expression).
    const match = process.env.BENCH_PROFILE_MATCH ? new RegExp(process.env.BENCH_PROFILE_MATCH) : null;
    return [...inclusive.entries()]
      .filter(([name]) => match === null || match.test(name))
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(
        ([name, ms]) => `${ms.toFixed(1).padStart(8)} ${(selfByLabel.get(name) ?? 0).toFixed(1).padStart(8)}  ${name}`,
      );
  }
}

export const profiling = process.env.BENCH_PROFILE === '1';

/** Prints a profile's lines under a heading saying what was profiled. */
export function printProfile(what: string, lines: string[]): void {
  console.log(`\nCPU profile, ${what} (inclusive ms, self ms, function):\n${lines.join('\n')}`);
}
