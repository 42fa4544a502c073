import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Debian's Chromium, as the browser tests and the page bench drive it (playwright-core; never a
 * downloaded browser). .ci/run installs it; a developer's machine without it skips the browser tests,
 * but CI must run them.
 */
export const CHROMIUM = '/usr/bin/chromium';
export const haveBrowser = existsSync(CHROMIUM);

/** Throws on CI (or when `required`) when Chromium is missing; elsewhere the caller skips. */
export function requireBrowserOnCi(required = Boolean(process.env.CI)): void {
  if (!haveBrowser && required) throw new Error(`${CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk (.ci/run does)`);
}

/**
 * Headless, as root, on a machine without a network: the background-networking flags keep Chromium
 * from trying hosts it cannot reach. `extraArgs` for a test's own (a host resolver rule, say).
 */
export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...extraArgs,
    ],
  });
}
