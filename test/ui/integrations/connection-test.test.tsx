import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import IntegrationsPage from '../../../src/pages/integrations/integrations-page.js';
import { CAPABILITIES } from '../../../src/shared/integration.js';
import { liveStatus, permissionsOf } from '../support/fixtures.js';
import { API, apiError, serveIntegrationApi } from '../support/integration-api.js';
import { openTab, renderUi } from '../support/render.js';
import { requestLog, server } from '../support/server.js';

async function testConnection(answer: () => Response | Promise<Response>) {
  serveIntegrationApi({ status: liveStatus() });
  server.use(http.post(`${API}/test`, answer));
  const view = renderUi(<IntegrationsPage />);
  await openTab('Diagnostics');
  await view.user.click(await screen.findByRole('button', { name: 'Test connection' }));
  return view;
}

describe('Test connection', () => {
  it('lists every permission as granted, with the role that grants it', async () => {
    await testConnection(() => HttpResponse.json(permissionsOf()));
    expect(
      await screen.findByText(
        'Connected in 84 ms as key “chat-escalation”. Every permission the module needs is granted.',
      ),
    ).toBeVisible();
    const items = within(screen.getByRole('list', { name: 'Permissions' })).getAllByRole(
      'listitem',
    );
    expect(items).toHaveLength(CAPABILITIES.length);
    for (const item of items) expect(item).toHaveTextContent(/granted/);
    expect(items[0]).toHaveTextContent('Read customers granted org.permission.customer.read');
    expect(screen.queryByText(/missing/)).toBeNull();
  });

  it('marks missing permissions with what breaks and how to fix it', async () => {
    await testConnection(() =>
      HttpResponse.json(permissionsOf(['conversation.create', 'note.create'], ['org.admin'])),
    );
    expect(await screen.findByText(/2 permission\(s\) missing\./)).toBeVisible();
    const list = within(screen.getByRole('list', { name: 'Permissions' }));
    const missing = list.getAllByRole('listitem').filter((li) => /missing/.test(li.textContent));
    expect(missing.map((li) => li.querySelector('strong')?.textContent)).toEqual([
      'Create conversations',
      'Create notes',
    ]);
    expect(missing[0]).toHaveTextContent('Without it: conversation.create fails');
    expect(missing[0]).toHaveTextContent(
      'Add org.permission.conversation.create. In Kustomer: Settings › Security › API keys',
    );
    expect(missing[1]).toHaveTextContent(
      'Add org.permission.note.create (or the legacy org.user.note.write).',
    );
    expect(screen.getByRole('note')).toHaveTextContent(
      'Least privilege: this key also holds org.admin',
    );
  });

  it('says why it could not connect', async () => {
    await testConnection(() =>
      HttpResponse.json({
        ok: false,
        checkedAt: '2026-01-01T10:00:00.000Z',
        latencyMs: null,
        error: { code: 'auth', message: 'Kustomer rejected the API key (401)' },
        permissions: null,
      }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not connect: Kustomer rejected the API key (401)',
    );
    expect(screen.queryByRole('list', { name: 'Permissions' })).toBeNull();
  });

  it('shows a server failure and is busy while testing', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    await testConnection(async () => {
      await gate;
      return apiError(502, 'kustomer_server', 'Kustomer answered 500');
    });
    expect(screen.getByRole('button', { name: 'Testing…' })).toBeDisabled();
    release();
    expect(await screen.findByText('Kustomer answered 500')).toBeVisible();
    expect(screen.getByRole('button', { name: 'Test connection' })).toBeEnabled();
  });

  it('refetches the status after a test, since the badge depends on it', async () => {
    await testConnection(() => HttpResponse.json(permissionsOf()));
    await screen.findByRole('list', { name: 'Permissions' });
    expect(requestLog.filter((line) => line === `GET ${API}`).length).toBeGreaterThanOrEqual(2);
  });
});
