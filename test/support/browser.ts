import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Screenshots for people to look at; git-ignored. */
export const artifactsDir = resolve(import.meta.dirname, '../artifacts');

export const viewports = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;

/** The distribution's headless Chromium (CI installs it with apt-get). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-quic',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Writes test/artifacts/<name>-<viewport>.png and returns its path. */
export async function screenshot(
  page: Page,
  name: string,
  viewport: keyof typeof viewports,
): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}-${viewport}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** Fails the test on any uncaught page error or console error, so broken scripts cannot pass quietly. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // A refused request (401 on a wrong token) is logged by Chromium itself; it is expected.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      errors.push(`console: ${message.text()}`);
    }
  });
  return errors;
}

/** Signs in on the moderator page with a token. */
export async function signIn(page: Page, token: string): Promise<void> {
  await page.getByLabel('Moderator token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}
