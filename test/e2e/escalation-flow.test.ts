/**
 * The whole loop in a real browser (Debian's chromium) against the built app and `npm start`'s
 * server on the embedded sandbox: configure and save, test the connection, escalate from the
 * chat and find it in the sandbox inspector, then an outage (queued), recovery and delivery.
 * Each step saves a screenshot under test-results/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { startBuiltApp, type RunningApp } from './support/built-app.js';
import { signInAsAdmin } from './support/integrations-page.js';

const SHOTS = new URL('../../test-results/screenshots/', import.meta.url).pathname;
const ADMIN_TOKEN = 'e2e-admin-token-7f3c9a1d5b2e8f4a6c0d';
let app: RunningApp;
let browser: Browser;
let page: Page;
/** Uncaught errors and console errors (CSP violations among them) on the main page. */
const problems: string[] = [];

async function shot(name: string, on: Page = page): Promise<void> {
  await on.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

/** The phone requirement: nothing may scroll sideways. */
async function expectNoHorizontalScroll(on: Page): Promise<void> {
  // A string, not a function: this file is type-checked without the DOM library.
  const { scrollWidth, innerWidth } = await on.evaluate<{
    scrollWidth: number;
    innerWidth: number;
  }>('({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth })');
  expect(innerWidth).toBe(390);
  expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
}

beforeAll(async () => {
  mkdirSync(`${SHOTS}tabs`, { recursive: true });
  app = await startBuiltApp({ ADMIN_TOKEN });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // The 401 that brings up the admin sign-in is the flow working; Chrome logs it all the same.
    const signInPrompt = /^Failed to load resource: .* status of 401 \(Unauthorized\)$/;
    if (message.type() === 'error' && !signInPrompt.test(message.text()))
      problems.push(`console error: ${message.text()}`);
  });
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

/** Opens Settings › Integrations, signing in with the admin token when the page asks for it. */
async function openSettings(on: Page = page): Promise<{ askedToSignIn: boolean }> {
  await on.goto(`${app.url}/settings/integrations`);
  const card = on.getByRole('heading', { name: 'Kustomer CRM' });
  const signIn = on.getByRole('heading', { name: 'Admin sign-in' });
  await card.or(signIn).first().waitFor();
  const askedToSignIn = await signIn.isVisible();
  if (askedToSignIn) {
    await signInAsAdmin(on, ADMIN_TOKEN);
  }
  await card.waitFor();
  return { askedToSignIn };
}

async function escalateFromChat(email: string): Promise<void> {
  await page.goto(`${app.url}/`);
  await page.getByLabel('Message').fill('My invoice has a wrong charge');
  await page.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('button', { name: 'Talk to a human' }).click();
  await page.getByLabel('Your email, so the team can reply').fill(email);
  await page.getByRole('button', { name: 'Connect me' }).click();
}

/** The admin API of the embedded sandbox, from the test (the browser's view is checked apart). */
async function sandboxAdmin(path: string, init: RequestInit = {}): Promise<Response> {
  const response = await fetch(`${app.url}/api/integrations/kustomer/sandbox${path}`, {
    ...init,
    headers: {
      authorization: `Bearer ${ADMIN_TOKEN}`,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
  });
  expect(response.ok, `${path}: ${response.status}`).toBe(true);
  return response;
}

interface SandboxView {
  customers: { id: string; emails: { email: string }[] }[];
  conversations: { id: string; customerId: string }[];
  messages: {
    conversationId: string;
    direction: string;
    preview: string | null;
    externalId: string | null;
    importedAt: string | null;
  }[];
}

/** The customer's live messages (after the hand-off) on their one conversation, in order. */
async function liveMessagesOf(email: string): Promise<{ id: string; texts: string[] }> {
  const state = (await (await sandboxAdmin('')).json()) as SandboxView;
  const customer = state.customers.find((c) => c.emails.some((e) => e.email === email))!;
  const [conversation, ...others] = state.conversations.filter((c) => c.customerId === customer.id);
  expect(others).toHaveLength(0);
  const texts = state.messages
    .filter((m) => m.conversationId === conversation!.id && m.direction === 'in')
    .filter((m) => m.importedAt === null)
    .map((m) => m.preview ?? '');
  return { id: conversation!.id, texts };
}

async function type(text: string): Promise<void> {
  await page.getByLabel('Message').fill(text);
  await page.getByRole('button', { name: 'Send' }).click();
}

const TABS = ['Overview', 'Settings', 'Routing', 'Diagnostics', 'Sandbox'];

/** Selects a tab of the Integrations page and waits for its panel. */
async function tab(name: string, on: Page = page): Promise<void> {
  await on.getByRole('tab', { name }).click();
  await on.getByRole('tabpanel', { name }).waitFor();
}

const lineOf = (text: string) =>
  page.getByRole('list', { name: 'Conversation' }).getByRole('listitem').filter({ hasText: text });

describe('in a real browser', () => {
  it('configures routing and saves it, then tests the connection', async () => {
    // The production server guards the settings with ADMIN_TOKEN: the page asks for it first.
    expect(await openSettings()).toEqual({ askedToSignIn: true });
    await page.getByRole('status', { name: 'Status: Sandbox' }).waitFor();
    await tab('Routing');
    await page.getByLabel('Default priority').selectOption('3');
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.getByLabel('Intents', { exact: true }).fill('billing');
    await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Billing' });
    await page.getByLabel('Priority', { exact: true }).selectOption('4');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await page.getByText('Settings saved.').waitFor();
    await shot('01-settings-saved');
    await tab('Diagnostics');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('Every permission the module needs is granted.').waitFor();
    expect(
      await page.getByRole('list', { name: 'Permissions' }).getByRole('listitem').count(),
    ).toBeGreaterThanOrEqual(9);
    await shot('02-connection-tested');
  });

  it('escalates from the chat to the routed team and shows it in the sandbox inspector', async () => {
    await escalateFromChat('jane@example.com');
    await page.getByText("You're connected with the Billing team").waitFor();
    await shot('03-chat-escalated');
    await page.getByRole('link', { name: 'Settings › Integrations' }).click();
    await tab('Sandbox');
    const conversations = page.getByRole('list', { name: 'Sandbox conversations' });
    await conversations.getByText('jane@example.com · Billing · priority 4 · open').waitFor();
    await shot('04-sandbox-inspector');
  });

  it('queues during an outage, tells the customer honestly, and delivers once Kustomer recovers', async () => {
    await openSettings();
    await tab('Sandbox');
    await page.getByRole('button', { name: 'Simulate Kustomer outage (2 min)' }).click();
    await page.getByText('Kustomer is down: escalations are queued in the outbox.').waitFor();
    await escalateFromChat('sam@example.com');
    await page
      .getByText(
        "Support is unavailable right now; we've saved your request and will follow up at sam@example.com",
      )
      .waitFor();
    await shot('05-chat-queued');
    await page.getByRole('link', { name: 'Settings › Integrations' }).click();
    await page.getByRole('status', { name: 'Status: Degraded – fallback mode active' }).waitFor();
    await shot('06-degraded-outbox');
    const waiting = page.getByRole('row').filter({ hasText: 's***@example.com' });
    await waiting.getByRole('button', { name: /^Retry now / }).waitFor();
    await tab('Sandbox');
    await page.getByRole('button', { name: 'End outage' }).click();
    await page.getByRole('button', { name: 'Simulate Kustomer outage (2 min)' }).waitFor();
    await tab('Overview');
    // Retry now and the server's drainer (every 5 s) race to deliver it: whichever wins, the
    // conversation must land in Kustomer exactly once. A lost race leaves no button to click.
    await waiting
      .getByRole('button', { name: /^Retry now / })
      .click({ timeout: 5_000 })
      .catch(() => 'delivered by the drainer first');
    await page
      .getByText('Nothing waiting: every escalation was delivered.')
      .waitFor({ timeout: 20_000 });
    await tab('Sandbox');
    const conversations = page.getByRole('list', { name: 'Sandbox conversations' });
    await conversations.getByText(/^sam@example\.com · Billing/).waitFor({ timeout: 20_000 });
    expect(await conversations.getByText(/^sam@example\.com/).count()).toBe(1);
    await shot('07-delivered-after-recovery');
  });

  it('shows an agent reply in the chat and gives the bot back when the conversation closes', async () => {
    await escalateFromChat('lee@example.com');
    await page.getByText("You're connected with the Billing team").waitFor();
    const chat = await browser.newPage();
    await openSettings(chat);
    await tab('Sandbox', chat);
    const item = chat
      .getByRole('list', { name: 'Sandbox conversations' })
      .getByRole('listitem')
      .filter({ hasText: 'lee@example.com' });
    await item.getByRole('textbox').fill('Hi Lee, I have refunded the charge.');
    await item.getByRole('button', { name: 'Reply as agent' }).click();
    await page.getByText('Hi Lee, I have refunded the charge.').waitFor({ timeout: 15_000 });
    await item.getByRole('button', { name: 'Close conversation' }).click();
    await page
      .getByText('The support team closed this conversation.', { exact: false })
      .waitFor({ timeout: 15_000 });
    await page.getByRole('button', { name: 'Talk to a human' }).waitFor();
    await shot('08-reply-and-close');
    await chat.close();
  });

  it('carries the conversation live: messages in order, a reply within a second, an outage losing and repeating nothing', async () => {
    await escalateFromChat('kim@example.com');
    await page.getByText("You're connected with the Billing team").waitFor();
    for (const text of ['First after the hand-off', 'Second one', 'Third, in order'])
      await type(text);
    for (const text of ['First after the hand-off', 'Second one', 'Third, in order'])
      await lineOf(text).getByText('Delivered').waitFor();
    const { id, texts } = await liveMessagesOf('kim@example.com');
    expect(texts).toEqual(['First after the hand-off', 'Second one', 'Third, in order']);
    await shot('08a-live-messages');

    // The agent answers in Kustomer: the signed webhook reaches the server before the sandbox's
    // admin call returns, so this measures webhook to chat, plus the call itself.
    const started = Date.now();
    await sandboxAdmin(`/conversations/${id}/agent-reply`, {
      method: 'POST',
      body: JSON.stringify({ text: 'Hi Kim, Sam here. Looking at it now.' }),
    });
    await page.getByText('Hi Kim, Sam here. Looking at it now.').waitFor({ timeout: 5_000 });
    const replyLatencyMs = Date.now() - started;
    console.log(`live chat: agent reply in the browser ${replyLatencyMs} ms after the webhook`);
    expect(replyLatencyMs).toBeLessThan(1_000);
    await page.getByText('joined the chat.').waitFor();

    // Kustomer goes down: the messages are saved, then delivered in order, once, after.
    await sandboxAdmin('/faults', {
      method: 'PUT',
      body: JSON.stringify({ outageUntil: Date.now() + 120_000 }),
    });
    await type('Typed during the outage');
    await type('Also during the outage');
    await lineOf('Also during the outage')
      .getByText(/^Saved/)
      .waitFor();
    await shot('08b-live-messages-saved');
    await sandboxAdmin('/faults', { method: 'PUT', body: JSON.stringify({ outageUntil: null }) });
    await lineOf('Also during the outage').getByText('Delivered').waitFor({ timeout: 20_000 });
    expect((await liveMessagesOf('kim@example.com')).texts).toEqual([
      'First after the hand-off',
      'Second one',
      'Third, in order',
      'Typed during the outage',
      'Also during the outage',
    ]);
    await shot('08c-live-messages-delivered');
    await sandboxAdmin(`/conversations/${id}/close`, { method: 'POST' });
    await page.getByRole('button', { name: 'Talk to a human' }).waitFor({ timeout: 15_000 });
  });

  it('fits a phone: the chat and the Integrations page at 390x844 never scroll sideways', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${app.url}/`);
    // A long conversation: the list scrolls to the newest line and the input stays on screen.
    for (let i = 1; i <= 9; i += 1) {
      await phone.getByLabel('Message').fill(`Question ${i} about shipping`);
      await phone.getByRole('button', { name: 'Send' }).click();
    }
    await phone.getByText('Question 9 about shipping').waitFor();
    const input = await phone.getByLabel('Message').boundingBox();
    expect(input!.y + input!.height).toBeLessThanOrEqual(844);
    const newest = await phone.getByText('Question 9 about shipping').boundingBox();
    expect(newest!.y).toBeGreaterThanOrEqual(0);
    expect(newest!.y + newest!.height).toBeLessThanOrEqual(844);
    await phone.getByLabel('Message').fill('Can I talk to a person about my invoice?');
    await phone.getByRole('button', { name: 'Send' }).click();
    await phone.getByRole('button', { name: 'Talk to a human' }).click();
    await phone.getByLabel('Your email, so the team can reply').waitFor();
    await expectNoHorizontalScroll(phone);
    await shot('09-phone-chat', phone);

    await openSettings(phone);
    await tab('Diagnostics', phone);
    await phone.getByRole('button', { name: 'Test connection' }).click();
    await phone.getByText('Every permission the module needs is granted.').waitFor();
    await tab('Sandbox', phone);
    await phone.getByRole('button', { name: 'Simulate Kustomer outage (2 min)' }).click();
    await phone.getByText('Kustomer is down: escalations are queued in the outbox.').waitFor();
    await tab('Diagnostics', phone);
    await phone.getByRole('button', { name: 'Send test escalation' }).click();
    await phone.getByText(/^Queued \(/).waitFor({ timeout: 20_000 });
    // The outbox table (five columns on a desktop) is the widest thing on the page.
    await tab('Overview', phone);
    await phone.getByRole('button', { name: /^Retry now test-/ }).waitFor();
    await expectNoHorizontalScroll(phone);
    await shot('10-phone-integrations', phone);
    await tab('Sandbox', phone);
    await phone.getByRole('button', { name: 'End outage' }).click();
    await phone.getByRole('button', { name: 'Simulate Kustomer outage (2 min)' }).waitFor();
    await phone.close();
  });

  it('shows every Integrations tab at 1280 and 390 px without sideways scrolling (screenshots kept)', async () => {
    const heights: string[] = [];
    for (const width of [1280, 390]) {
      const view = await browser.newPage({ viewport: { width, height: 900 } });
      await openSettings(view);
      for (const name of TABS) {
        await tab(name, view);
        const { scrollWidth, scrollHeight } = await view.evaluate<{
          scrollWidth: number;
          scrollHeight: number;
        }>(
          '({ scrollWidth: document.documentElement.scrollWidth, scrollHeight: document.documentElement.scrollHeight })',
        );
        expect(scrollWidth, `${name} at ${width} px`).toBeLessThanOrEqual(width);
        heights.push(`${name} ${width}: ${scrollHeight}`);
        await shot(`tabs/${name.toLowerCase()}-${width}`, view);
      }
      await view.close();
    }
    console.log(`Integrations page heights (px): ${heights.join(', ')}`);
  });

  it('shows the webhook the sandbox was provisioned with, its last delivery, and checks it again (1280 and 390 px, axe)', async () => {
    for (const width of [1280, 390]) {
      const view = await browser.newPage({ viewport: { width, height: 900 } });
      await openSettings(view);
      await tab('Diagnostics', view);
      const section = view.locator('section[aria-labelledby="webhook-heading"]');
      await section.getByText('Active: enabled, with both events.').waitFor();
      // The agent's reply and close earlier in this file came through it, signed with its token.
      await section
        .getByText(/kustomer\.(message\.create|conversation\.update), verified$/)
        .waitFor();
      await section.getByRole('button', { name: 'Check again' }).click();
      await section.getByText('Webhook checked: it is right, nothing changed.').waitFor();
      const scrollWidth = await view.evaluate<number>('document.documentElement.scrollWidth');
      expect(scrollWidth, `Webhooks at ${width} px`).toBeLessThanOrEqual(width);
      await section.screenshot({ path: `${SHOTS}webhooks-${width}.png` });
      expect(await axeViolations(view)).toEqual([]);
      await view.close();
    }
  });

  it('meets WCAG 2.1 AA (axe) on the chat, the escalation prompt, the Integrations page and the sign-in', async () => {
    const audited: Record<string, string[]> = {};
    const audit = async (name: string, on: Page = page) => {
      audited[name] = (await axeViolations(on)).map(
        (v) => `${v.impact ?? 'unknown'} ${v.id}: ${v.help} (${v.targets.join(', ')})`,
      );
    };
    await page.setViewportSize({ width: 1200, height: 900 });
    await page.goto(`${app.url}/`);
    await page.getByRole('button', { name: 'Talk to a human' }).waitFor();
    await audit('chat');
    await page.getByRole('button', { name: 'Talk to a human' }).click();
    await page.getByLabel('Your email, so the team can reply').waitFor();
    await audit('escalation prompt');
    await openSettings();
    for (const name of TABS) {
      await tab(name);
      await audit(`integrations: ${name}`);
    }
    // A new tab holds no token yet: the admin sign-in.
    const fresh = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await fresh.goto(`${app.url}/settings/integrations`);
    await fresh.getByRole('heading', { name: 'Admin sign-in' }).waitFor();
    await audit('admin sign-in', fresh);
    await fresh.close();
    expect(audited).toEqual({
      chat: [],
      'escalation prompt': [],
      ...Object.fromEntries(TABS.map((name) => [`integrations: ${name}`, []])),
      'admin sign-in': [],
    });
  });

  it('raised no uncaught errors or CSP violations along the way', () => {
    expect(problems).toEqual([]);
  });
});
