import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it when missing), or CHROMIUM_PATH. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Starts headless Chromium through playwright-core (no downloaded browser). */
export function startChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/** The folder a page's screenshots go to: `test-artifacts/<page>/` (kept by CI as artifacts). */
export function artifacts(pagina: string): string {
  const dir = join(__dirname, '..', '..', 'test-artifacts', pagina);
  mkdirSync(dir, { recursive: true });
  return dir;
}
