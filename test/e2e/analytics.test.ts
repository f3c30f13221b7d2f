/**
 * The Analytics tab in a real browser (Debian's chromium) against the built app and `npm start`'s
 * server on the embedded sandbox: escalations through the public API, an agent's reply through the
 * sandbox (Kustomer's webhook back to the server), then the figures on the page at 1280 and 390 px
 * (screenshots under test-results/screenshots/analytics/) and an axe audit of the tab.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/axe.js';
import { launchBrowser } from './support/browser.js';
import { startBuiltApp, type RunningApp } from './support/built-app.js';
import { openIntegrationsTab } from './support/integrations-page.js';

const SHOTS = new URL('../../test-results/screenshots/analytics/', import.meta.url).pathname;
const ADMIN_TOKEN = 'e2e-analytics-admin-token-4b8d2f6a9c1e';
let app: RunningApp;
let browser: Browser;

async function api(path: string, body?: unknown): Promise<Response> {
  return fetch(`${app.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${ADMIN_TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

function escalation(id: string, reason: string) {
  const at = new Date().toISOString();
  return {
    escalationId: id,
    sessionId: `chat-${id}`,
    customer: { email: `${id}@example.com` },
    transcript: [{ id: 'm1', role: 'user', text: 'My invoice is wrong', at }],
    reason,
  };
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  app = await startBuiltApp({ ADMIN_TOKEN });
  browser = await launchBrowser();
  const reasons = ['user_requested', 'user_requested', 'low_confidence', 'negative_sentiment'];
  const conversations: string[] = [];
  for (const [i, reason] of reasons.entries()) {
    const response = await api('/api/escalations', escalation(`e2e-analytics-${i}`, reason));
    expect(response.status).toBe(201);
    conversations.push(((await response.json()) as { conversationId: string }).conversationId);
  }
  const reply = await api(
    `/api/integrations/kustomer/sandbox/conversations/${conversations[0]}/agent-reply`,
    { text: 'Hello, I am looking at your invoice now.' },
  );
  expect(reply.status).toBe(201);
});
afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

const openAnalytics = (page: Page) => openIntegrationsTab(page, app.url, ADMIN_TOKEN, 'Analytics');

describe('the Analytics tab in a real browser', () => {
  it('shows the hand-offs just made, at 1280 and 390 px without sideways scrolling', async () => {
    for (const width of [1280, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      await openAnalytics(page);
      const panel = page.getByRole('tabpanel', { name: 'Analytics' });
      // The reply came back through the webhook: one first-reply time is measured.
      await panel.getByText('(4 escalated, 1 answered by an agent)', { exact: false }).waitFor();
      await panel.getByRole('img', { name: /4 escalations in 30 days/ }).waitFor();
      const reasons = panel.getByRole('table', { name: 'By reason' });
      expect(
        await reasons
          .getByRole('row')
          .filter({ hasText: 'Customer asked for a person' })
          .innerText(),
      ).toMatch(/2 \(50 %\)/);
      await panel.getByRole('radio', { name: 'Last 7 days' }).check();
      await panel.getByRole('img', { name: /4 escalations in 7 days/ }).waitFor();
      const { scrollWidth } = await page.evaluate<{ scrollWidth: number }>(
        '({ scrollWidth: document.documentElement.scrollWidth })',
      );
      expect(scrollWidth, `at ${width} px`).toBeLessThanOrEqual(width);
      await page.getByText('Show the days as a table').click();
      await page.screenshot({ path: `${SHOTS}analytics-${width}.png`, fullPage: true });
      await page.close();
    }
  });

  it('meets WCAG 2.1 AA (axe) with the chart and its table open', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await openAnalytics(page);
    await page.getByRole('img', { name: /escalations in 30 days/ }).waitFor();
    await page.getByText('Show the days as a table').click();
    const violations = (await axeViolations(page)).map(
      (v) => `${v.impact ?? 'unknown'} ${v.id}: ${v.help} (${v.targets.join(', ')})`,
    );
    expect(violations).toEqual([]);
    await page.close();
  });
});
