/**
 * Honest waiting in a real browser (Debian's chromium) against the built app on the embedded
 * sandbox: with agents online the chat shows the wait Kustomer reports, before and after the
 * hand-off; with the business closed from the sandbox inspector it says when we open (in the
 * schedule's time zone) and that we will reply by email, and the conversation is in the sandbox
 * with a note saying it came out of hours. Screenshots under test-results/screenshots/availability/.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { startBuiltApp, type RunningApp } from './support/built-app.js';
import { openIntegrationsTab } from './support/integrations-page.js';

const SHOTS = new URL('../../test-results/screenshots/availability/', import.meta.url).pathname;
const ADMIN_TOKEN = 'e2e-admin-token-availability-5d1e9b3c7a';
let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await startBuiltApp({ ADMIN_TOKEN });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** A page of its own (no cached /api/availability from an earlier one). */
async function freshPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  return context.newPage();
}

async function escalateFromChat(page: Page, email: string): Promise<void> {
  await page.getByLabel('Message').fill('My invoice has a wrong charge');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('button', { name: 'Talk to a human' }).click();
  await page.getByLabel('Your email, so the team can reply').fill(email);
  await page.getByRole('button', { name: 'Connect me' }).click();
}

const notice = (page: Page, text: string | RegExp) =>
  page.getByRole('list', { name: 'Conversation' }).getByRole('listitem').filter({ hasText: text });

const openSandboxTab = (page: Page) => openIntegrationsTab(page, app.url, ADMIN_TOKEN, 'Sandbox');

describe('availability in a real browser', () => {
  it('agents online: the chat shows the wait before and after the hand-off', async () => {
    const page = await freshPage();
    await page.goto(`${app.url}/`);
    // The sandbox's queue reports a latest wait of 240 s.
    await page.getByText('An agent usually answers in about 4 min.').waitFor();
    await escalateFromChat(page, 'online.customer@example.com');
    await notice(page, "You're connected with").waitFor();
    expect(await notice(page, "You're connected with").textContent()).toContain(
      'An agent usually answers in about 4 min.',
    );
    await page.screenshot({ path: `${SHOTS}01-wait-shown.png`, fullPage: true });
    await page.context().close();
  });

  it('closed business: the chat says when we open and that we will reply by email; the note says so', async () => {
    const admin = await freshPage();
    await openSandboxTab(admin);
    await admin.getByRole('button', { name: 'Close the business' }).click();
    await admin.getByText('Closed: a holiday today').waitFor();
    expect(await axeViolations(admin)).toEqual([]);
    await admin.screenshot({ path: `${SHOTS}02-inspector-closed.png`, fullPage: true });

    const page = await freshPage();
    await page.goto(`${app.url}/`);
    const opening = /We're closed until (Mon|Tue|Wed|Thu|Fri) 08:00 \(America\/New_York\)\./;
    await page.getByText(opening).waitFor();
    await escalateFromChat(page, 'closed.customer@example.com');
    const told = notice(page, "We've passed your request on");
    await told.waitFor();
    const text = (await told.textContent()) ?? '';
    expect(text).toMatch(opening);
    expect(text).toContain('will reply by email to c***@example.com');
    expect(text).not.toContain("You're connected");
    await page.screenshot({ path: `${SHOTS}03-chat-closed.png`, fullPage: true });

    // In the sandbox (never lost), with the note that tells the agent.
    const conversation = admin
      .getByRole('list', { name: 'Sandbox conversations' })
      .getByRole('listitem')
      .filter({ hasText: 'closed.customer@example.com' });
    await conversation.waitFor({ timeout: 15_000 });
    await conversation.getByText(/Transcript \(\d+\) and notes \(1\)/).click({ timeout: 15_000 });
    const note = conversation.getByLabel('Internal note');
    await expect
      .poll(async () => (await note.textContent()) ?? '', { timeout: 15_000 })
      .toContain('Came in out of hours (holiday, reopening');
    expect(await note.textContent()).toContain('reply by email to c***@example.com');
    await admin.screenshot({ path: `${SHOTS}04-note-out-of-hours.png`, fullPage: true });

    await admin.getByRole('button', { name: 'Open the business' }).click();
    await admin.getByText('Open around the clock; agents online').waitFor();
    await admin.context().close();
    await page.context().close();
  });
});
