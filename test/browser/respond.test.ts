import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResponseToken } from '../../src/keys.js';
import { startBrowserApp, type BrowserApp } from '../support/browser-app.js';
import { collectPageErrors, launchBrowser, screenshot, viewports } from '../support/browser.js';

const RAW_EMAIL = 'jane.doe@gmail.com';

let app: BrowserApp;
let browser: Browser;
let itemId: string;
let respondUrl: string;

async function reviewApi(path: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${app.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${app.moderatorToken}` },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

beforeAll(async () => {
  app = await startBrowserApp();
  browser = await launchBrowser();
  // An older item, then the author's: without an answer the author's post is newest and first.
  await app.sendPost({
    id: '7001',
    text: 'Old post: reach me at 020 7946 0958 please.',
    author: { id: '21', username: 'erin' },
  });
  await app.waitForItem('7001');
  await app.sendPost({
    id: '7002',
    text: `For the spare parts list write to ${RAW_EMAIL} before Friday.`,
    author: { id: '22', username: 'frank' },
  });
  itemId = (await app.waitForItem('7002')).id;
  // The author is told privately, with a signed link to answer (policy: notify).
  const notice = await app.waitForCallback(
    (cb) => cb.body.decision === 'notify' && cb.body.post.id === '7002',
  );
  expect(notice.signatureValid).toBe(true);
  respondUrl = notice.body.respondUrl!;
  expect(respondUrl.startsWith(`${app.baseUrl}/respond/`)).toBe(true);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('author response page /respond/<token>', () => {
  it('refuses an expired link and a tampered one', async () => {
    const expired = createResponseToken(app.keys.links, itemId, Date.now() - 60_000);
    for (const viewport of ['desktop', 'phone'] as const) {
      const page = await browser.newPage({ viewport: viewports[viewport] });
      const errors = collectPageErrors(page);
      await page.goto(`${app.baseUrl}/respond/${expired}`);
      await page.getByRole('heading', { name: 'This link has expired' }).waitFor();
      expect(await page.locator('#content').isHidden()).toBe(true);
      await screenshot(page, 'respond-expired', viewport);
      expect(errors).toEqual([]);
      await page.close();
    }
    const page = await browser.newPage({ viewport: viewports.desktop });
    await page.goto(`${respondUrl.slice(0, -3)}xyz`);
    await page.getByRole('heading', { name: 'This link is not valid' }).waitFor();
    await page.close();

    const post = await fetch(`${app.baseUrl}/v1/respond/${expired}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ answer: 'consent' }),
    });
    expect(post.status).toBe(410);
    expect(((await post.json()) as { error: { code: string } }).error.code).toBe('expired_token');
    const tampered = await fetch(
      `${app.baseUrl}/v1/respond/${respondUrl.split('/').pop()!.slice(0, -3)}xyz`,
    );
    expect(tampered.status).toBe(401);
    expect(((await tampered.json()) as { error: { code: string } }).error.code).toBe(
      'invalid_token',
    );
    const token = respondUrl.split('/').pop()!;
    const badAnswer = await fetch(`${app.baseUrl}/v1/respond/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ answer: 'delete everything' }),
    });
    expect(badAnswer.status).toBe(400);
    // Nothing was recorded by the refused requests.
    expect((await app.reviews.get(itemId))?.authorResponse).toBeUndefined();
  }, 60_000);

  it('shows the masked finding and the redacted text, and records "not personal data"', async () => {
    const phone = await browser.newPage({ viewport: viewports.phone });
    await phone.goto(respondUrl);
    await phone.locator('#content:not([hidden])').waitFor();
    await screenshot(phone, 'respond', 'phone');
    await phone.close();

    const page = await browser.newPage({ viewport: viewports.desktop });
    const errors = collectPageErrors(page);
    await page.goto(respondUrl);
    await page.locator('#findings li').first().waitFor();
    const item = (await reviewApi(`/v1/reviews/${itemId}`)) as {
      findings: Array<{ masked: string }>;
    };
    expect(await page.locator('#findings').textContent()).toContain(item.findings[0]!.masked);
    const redacted = await page.locator('#redacted').inputValue();
    expect(redacted).toContain('For the spare parts list write to');
    expect(redacted).toContain(item.findings[0]!.masked);
    expect(await page.content()).not.toContain(RAW_EMAIL);
    await screenshot(page, 'respond', 'desktop');

    await page.getByLabel('It’s not personal data').check();
    await page.getByRole('button', { name: 'Send answer' }).click();
    await page.locator('#answer-ok').getByText('was sent to the moderators').waitFor();
    await screenshot(page, 'respond-sent', 'desktop');
    expect(errors).toEqual([]);
    await page.close();

    // Recorded in the audit trail, visible to moderators through the review API ...
    const after = (await reviewApi(`/v1/reviews/${itemId}`)) as {
      authorResponse?: { answer: string };
      audit: Array<{ by: string; action: string }>;
    };
    expect(after.authorResponse?.answer).toBe('not_personal');
    expect(after.audit.at(-1)).toMatchObject({ by: 'author', action: 'respond:not_personal' });
    // ... and the item goes to the top of the open queue, ahead of newer ones.
    await app.sendPost({
      id: '7003',
      text: 'Newest: call 020 7946 0123 tonight.',
      author: { id: '23', username: 'gina' },
    });
    await app.waitForItem('7003');
    const queue = (await reviewApi('/v1/reviews?status=open')) as { items: Array<{ id: string }> };
    expect(queue.items[0]!.id).toBe(itemId);
    expect(queue.items).toHaveLength(3);
  }, 60_000);

  it('moderators see the answer on the review page', async () => {
    const page = await browser.newPage({ viewport: viewports.desktop });
    await page.goto(`${app.baseUrl}/moderate/`);
    await page.getByLabel('Moderator token').fill(app.moderatorToken);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const first = page.locator('#items .row').first();
    await first.getByText('author says: not personal data').waitFor();
    await first.locator('.row-select').click();
    await page.locator('#detail .author-response').getByText('It’s not personal data').waitFor();
    await screenshot(page, 'moderate-author-answer', 'desktop');
    await page.close();
  }, 60_000);
});
