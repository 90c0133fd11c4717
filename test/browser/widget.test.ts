import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBrowserApp, type BrowserApp } from '../support/browser-app.js';
import { collectPageErrors, launchBrowser, screenshot, viewports } from '../support/browser.js';

const PHONE_TEXT = 'Selling my bike, call me on +44 20 7946 0958 after six.';
const RAW_PHONE = '7946 0958';

let app: BrowserApp;
let browser: Browser;

/** What the service itself answers for a text: the widget must show exactly this. */
async function check(
  text: string,
): Promise<{ findings: Array<{ masked: string }>; redacted: string }> {
  const response = await fetch(`${app.baseUrl}/v1/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text, format: 'markdown' }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { findings: Array<{ masked: string }>; redacted: string };
}

async function openDemo(
  viewport: keyof typeof viewports,
): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: viewports[viewport] });
  const errors = collectPageErrors(page);
  await page.goto(`${app.baseUrl}/demo/`);
  return { page, errors };
}

beforeAll(async () => {
  app = await startBrowserApp();
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('composer widget on /demo/', () => {
  it('typing a phone number shows the masked number; "Replace" puts the redacted text in the field', async () => {
    const expected = await check(PHONE_TEXT);
    expect(expected.findings).toHaveLength(1);
    const masked = expected.findings[0]!.masked;

    const { page, errors } = await openDemo('desktop');
    await page.locator('#post').pressSequentially(PHONE_TEXT);
    const notice = page.locator('.lw-widget-notice');
    await notice.getByText(masked).waitFor();
    expect(await notice.getAttribute('aria-live')).toBe('polite');
    expect(await notice.textContent()).toContain('Phone number');
    expect(await notice.textContent()).not.toContain(RAW_PHONE);
    await screenshot(page, 'demo-notice', 'desktop');

    await notice.getByRole('button', { name: 'Replace with redacted text' }).click();
    expect(await page.locator('#post').inputValue()).toBe(expected.redacted);
    expect(expected.redacted).not.toContain(RAW_PHONE);
    await notice.getByText('Replaced.').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('a clean text shows no notice', async () => {
    const { page, errors } = await openDemo('desktop');
    await page
      .locator('#post')
      .pressSequentially('See you at the meetup on 12 March, doors open 19:30, room 4011.');
    // The widget marks the field once the service has answered for the current text.
    await page.locator('#post[data-leakwatch-findings="0"]').waitFor();
    expect(await page.locator('.lw-widget-notice').isHidden()).toBe(true);
    await screenshot(page, 'demo-clean', 'desktop');
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('with "block posting" the form does not submit until the number is removed', async () => {
    const { page, errors } = await openDemo('phone');
    await page.locator('#block').check();
    await page.locator('#post').fill(PHONE_TEXT);
    await page.getByRole('button', { name: 'Post reply' }).click();
    await page.locator('.lw-widget-notice:not([hidden])').waitFor();
    await screenshot(page, 'demo-notice', 'phone');
    expect(await page.locator('#posted').isHidden()).toBe(true);

    await page.getByRole('button', { name: 'Replace with redacted text' }).click();
    await page.getByRole('button', { name: 'Post reply' }).click();
    await page.locator('#posted:not([hidden])').waitFor();
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('works on a forum page of another origin (CORS for ALLOWED_ORIGINS) and holds its submit', async () => {
    const page = await browser.newPage({ viewport: viewports.desktop });
    const errors = collectPageErrors(page);
    await page.goto(`${app.forumUrl}/composer`);
    await page.locator('.d-editor-input').pressSequentially('Mail me: jane.doe@gmail.com');
    await page.locator('.lw-widget-notice').getByText('Email address').waitFor();
    await page.getByRole('button', { name: 'Reply' }).click();
    // blockSubmit: still on the composer page, the notice has focus.
    expect(new URL(page.url()).pathname).toBe('/composer');
    expect(await page.evaluate(() => document.activeElement?.className)).toContain(
      'lw-widget-notice',
    );
    expect(errors).toEqual([]);
    await page.close();
  }, 60_000);

  it('GET /widget.js is JavaScript with CORS for an allowed forum origin only', async () => {
    const allowed = await fetch(`${app.baseUrl}/widget.js`, { headers: { origin: app.forumUrl } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(app.forumUrl);
    expect(await allowed.text()).toContain('LeakwatchWidget');
    const other = await fetch(`${app.baseUrl}/widget.js`, {
      headers: { origin: 'https://evil.example' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('pages are served with a strict CSP; /moderate redirects to /moderate/', async () => {
    const bare = await fetch(`${app.baseUrl}/moderate`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/moderate/');
    const page = await fetch(`${app.baseUrl}/moderate/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('cache-control')).toBe('no-store');
  });
});
