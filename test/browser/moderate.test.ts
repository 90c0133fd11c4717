import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReviewQueue, startBrowserApp, type BrowserApp } from '../support/browser-app.js';
import {
  collectPageErrors,
  launchBrowser,
  screenshot,
  signIn,
  viewports,
} from '../support/browser.js';

// Planted values: none may reach the page, the logs or Redis in clear.
// The card is Luhn-valid but not a published test number: those are not held for review.
const RAW = ['7946 0958', 'jane.doe@gmail.com', '4539 1488 0343 6467'];

let app: BrowserApp;
let browser: Browser;
let ids: Record<string, string> = {};

beforeAll(async () => {
  app = await startBrowserApp({}, { moderatorName: 'maria' });
  browser = await launchBrowser();
  // Seeded through the real pipeline: signed webhook → scan queue → worker → review store.
  ids = await seedReviewQueue(app, 9001);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('moderator review page /moderate/', () => {
  it('refuses a wrong token, then shows the seeded queue, filters, and approves with the keyboard', async () => {
    const page = await browser.newPage({ viewport: viewports.desktop });
    const errors = collectPageErrors(page);
    await page.goto(`${app.baseUrl}/moderate/`);
    await screenshot(page, 'moderate-sign-in', 'desktop');

    await signIn(page, 'not-the-right-token-at-all');
    const refusal = page.locator('#sign-in-error');
    await refusal.getByText('That token was not accepted').waitFor();
    await screenshot(page, 'moderate-sign-in-refused', 'desktop');

    await signIn(page, app.moderatorToken);
    const rows = page.locator('#items .row');
    await rows.nth(2).waitFor();
    expect(await rows.count()).toBe(3);
    // Newest first; each row names the author, the type and the post.
    expect(await rows.nth(0).textContent()).toContain('carol');
    expect(await rows.nth(2).textContent()).toContain('alice');
    expect(await rows.nth(2).textContent()).toContain('Phone number');
    expect(await rows.nth(2).locator('a.row-post').getAttribute('href')).toBe(
      `${app.forumUrl}/p/9001`,
    );
    expect(await page.locator('#counts-status [data-count="open"]').textContent()).toContain('3');
    expect(await page.locator('#counts-type [data-count="email"]').textContent()).toContain('1');
    await screenshot(page, 'moderate-queue', 'desktop');

    await page.getByLabel('Type').selectOption('email');
    await page.locator('#items .row').filter({ hasText: 'carol' }).waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('bob');
    await page.getByLabel('Type').selectOption('');
    await rows.nth(2).waitFor();

    // Keyboard: j three times lands on alice's held post; a approves it.
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    for (let i = 0; i < 3; i++) await page.keyboard.press('j');
    const detail = page.locator('#detail');
    await detail.getByRole('heading', { name: 'Post by alice' }).waitFor();
    await detail.locator('mark.hl').first().waitFor();
    expect(await detail.locator('.excerpt').textContent()).not.toContain('7946 0958');
    expect(await detail.textContent()).toContain('It is a valid number in the forum’s country.');
    await screenshot(page, 'moderate-item', 'desktop');

    await page.keyboard.press('a');
    await detail.locator('.badge.status-approved').waitFor();
    const audit = detail.locator('.audit li').last();
    expect(await audit.textContent()).toContain('Approved by maria');
    await screenshot(page, 'moderate-approved', 'desktop');

    // The held post is released on the forum: a signed generic callback arrives.
    const callback = await app.waitForCallback(
      (cb) => cb.body.decision === 'approve' && cb.body.post.id === '9001',
    );
    expect(callback.signatureValid).toBe(true);
    expect(callback.body.reasons).toContain('moderator:maria');

    // The queue without a reload: alice's item left the open list, a new post shows up.
    await rows.filter({ hasText: 'alice' }).waitFor({ state: 'detached' });
    await app.sendPost({
      id: '9004',
      text: 'Text me on 020 7946 0958 about the flat.',
      author: { id: '14', username: 'dave' },
    });
    await app.waitForItem('9004');
    await rows.filter({ hasText: 'dave' }).waitFor();
    // The same number as alice's post, by keyed fingerprint: "seen in 2 posts".
    expect(await rows.filter({ hasText: 'dave' }).textContent()).toContain('seen in 2 posts');
    await page.locator('#announcer').getByText('1 new item in the queue.').waitFor();

    const html = await page.content();
    for (const raw of RAW) expect(html).not.toContain(raw);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('decides by button with a note, and looks tidy at phone width', async () => {
    const page = await browser.newPage({ viewport: viewports.phone });
    const errors = collectPageErrors(page);
    await page.goto(`${app.baseUrl}/moderate/`);
    await screenshot(page, 'moderate-sign-in', 'phone');
    await signIn(page, app.moderatorToken);
    await page.locator('#items .row').filter({ hasText: 'bob' }).waitFor();
    // The token lives in sessionStorage: a reload keeps the moderator signed in.
    await page.reload();
    await page.locator('#items .row').filter({ hasText: 'bob' }).waitFor();
    expect(await page.locator('#sign-in').isHidden()).toBe(true);
    await screenshot(page, 'moderate-queue', 'phone');

    await page.locator('#items .row').filter({ hasText: 'bob' }).locator('.row-select').click();
    const detail = page.locator('#detail');
    await detail.getByRole('heading', { name: 'Post by bob' }).waitFor();
    await screenshot(page, 'moderate-item', 'phone');
    await detail.getByLabel('Note').fill('Shop contact address, checked with the author');
    await detail.getByRole('button', { name: /^Dismiss/ }).click();
    await detail.locator('.badge.status-dismissed').waitFor();
    expect(await detail.locator('.audit li').last().textContent()).toContain(
      'Dismissed by maria — Shop contact address, checked with the author',
    );
    const item = await app.reviews.get(ids['9002']!);
    expect(item?.status).toBe('dismissed');
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('approve with "allow this value from now on" allows its fingerprint', async () => {
    const page = await browser.newPage({ viewport: viewports.desktop });
    const errors = collectPageErrors(page);
    await page.goto(`${app.baseUrl}/moderate/`);
    await signIn(page, app.moderatorToken);
    await page.locator('#items .row').filter({ hasText: 'dave' }).locator('.row-select').click();
    const detail = page.locator('#detail');
    await detail.getByRole('heading', { name: 'Post by dave' }).waitFor();
    await detail.getByLabel('Allow this value from now on').check();
    await detail.getByRole('button', { name: /^Approve/ }).click();
    await detail.locator('.badge.status-approved').waitFor();
    expect(await detail.locator('.audit li').last().textContent()).toContain(
      'allowed 1 fingerprint',
    );
    const item = await app.reviews.get((await app.waitForItem('9004')).id);
    expect(await app.reviews.isAllowed(item!.findings.map((f) => f.fingerprint))).toEqual([true]);
    expect(errors).toEqual([]);
    await page.close();
  }, 90_000);

  it('no planted value is in the logs or in Redis', async () => {
    const logs = app.logText();
    expect(logs.length).toBeGreaterThan(0);
    for (const raw of RAW) expect(logs).not.toContain(raw);
    const dump = await app.dumpRedis();
    for (const raw of RAW) expect(dump).not.toContain(raw);
  });
});
