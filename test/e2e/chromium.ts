import { existsSync } from 'node:fs';
import { chromiumPath, HEADLESS_CHROMIUM_ARGS } from '@casefile/dossier/chromium';
import type { LaunchOptions } from '@playwright/test';

/**
 * Tests drive Debian's Chromium: Playwright's own browser downloads are not available
 * everywhere Casefile is built. Started as Casefile starts it (no calls out to the network).
 */
export function chromiumLaunchOptions(): LaunchOptions {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium was not found at ${executablePath}. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.`,
    );
  }
  return { executablePath, args: [...HEADLESS_CHROMIUM_ARGS] };
}
