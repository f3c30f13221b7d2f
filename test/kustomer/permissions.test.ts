/**
 * The connection test (GET /v1/auth/tokens/current) and the permission report, against sandbox
 * keys holding the new org.permission.* roles, their legacy org.user.* twins, and too few roles;
 * and what a bad key (401) and a missing role (403) look like to the caller.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isAuthError,
  isPermissionError,
  KustomerAuthError,
  KustomerPermissionError,
} from '../../src/kustomer/errors.js';
import type { KustomerClient } from '../../src/kustomer/types.js';
import { ALL_MODULE_ROLES, REQUIRED_MODULE_ROLES } from '../../src/sandbox/module-roles.js';
import type { SandboxHandle } from '../../src/sandbox/types.js';
import { startTestSandbox } from '../support/sandbox.js';
import { buildClient, createFakeTime } from './support/client.js';

const LEGACY_ROLES = [
  'org.user.customer.read',
  'org.user.customer.write',
  'org.user.conversation.read',
  'org.user.conversation.write',
  'org.user.message.read',
  'org.user.message.write',
  'org.user.bulk.read',
  'org.user.note.read',
  'org.user.note.write',
  // Kustomer shows no legacy twin for listing teams.
  'org.permission.team.read',
];
const FEW_ROLES = ['org.permission.customer.read', 'org.user.conversation.write'];
/** Exactly what the flow calls: no update roles. */
const LEAST_ROLES = REQUIRED_MODULE_ROLES;

const KEYS = {
  modern: 'key-modern-000000000000000000',
  legacy: 'key-legacy-000000000000000000',
  few: 'key-few-roles-0000000000000000',
  admin: 'key-admin-00000000000000000000',
  least: 'key-least-00000000000000000000',
  orgUser: 'key-org-user-0000000000000000',
  orgAdmin: 'key-org-admin-000000000000000',
};

let sandbox: SandboxHandle;
const client = (key: string): KustomerClient =>
  buildClient({ url: sandbox.url, apiKey: key }, createFakeTime());

beforeAll(async () => {
  sandbox = await startTestSandbox({
    keys: [
      { key: KEYS.modern, name: 'escalation (new roles)', roles: ALL_MODULE_ROLES },
      { key: KEYS.legacy, name: 'escalation (legacy roles)', roles: LEGACY_ROLES },
      { key: KEYS.few, name: 'too narrow', roles: FEW_ROLES },
      { key: KEYS.admin, name: 'admin', roles: [...ALL_MODULE_ROLES, 'org.admin'] },
      { key: KEYS.least, name: 'least privilege', roles: LEAST_ROLES },
      { key: KEYS.orgUser, name: 'legacy user', roles: ['org.user', 'org.permission.team.read'] },
      { key: KEYS.orgAdmin, name: 'legacy admin', roles: ['org.admin'] },
    ],
  });
});
afterAll(() => sandbox.close());

describe('GET /v1/auth/tokens/current', () => {
  it('identifies the key, its roles, org and user, whatever roles it holds', async () => {
    const token = await client(KEYS.few).auth.currentToken();
    expect(token).toMatchObject({
      name: 'too narrow',
      roles: FEW_ROLES,
      orgId: '5a0000000000000000000001',
      userId: '5c0000000000000000000001',
    });
  });

  it('answers a bad key with an AuthError that names the call', async () => {
    const error = await client('key-unknown-0000000000000000')
      .auth.currentToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KustomerAuthError);
    expect(isAuthError(error)).toBe(true);
    expect((error as KustomerAuthError).status).toBe(401);
    expect((error as Error).message).toMatch(
      /^Kustomer GET \/v1\/auth\/tokens\/current failed: 401/,
    );
    expect((error as KustomerAuthError).transient).toBe(false);
  });
});

describe('permission report', () => {
  it('passes every capability with the new org.permission.* roles', async () => {
    const report = await client(KEYS.modern).auth.permissionReport();
    expect(report.ok).toBe(true);
    expect(report.missing).toEqual([]);
    expect(report.broadRoles).toEqual([]);
    for (const check of report.capabilities) expect(check.via).toBe(check.newRole);
  });

  it('passes every capability with the legacy org.user.* twins', async () => {
    const report = await client(KEYS.legacy).auth.permissionReport();
    expect(report.ok).toBe(true);
    const via = Object.fromEntries(report.capabilities.map((c) => [c.capability, c.via]));
    expect(via).toEqual({
      'customer.read': 'org.user.customer.read',
      'customer.create': 'org.user.customer.write',
      'conversation.read': 'org.user.conversation.read',
      'conversation.create': 'org.user.conversation.write',
      'message.create': 'org.user.message.write',
      'message.read': 'org.user.message.read',
      'bulk.read': 'org.user.bulk.read',
      'note.create': 'org.user.note.write',
      'note.read': 'org.user.note.read',
      'team.read': 'org.permission.team.read',
    });
  });

  it('lists what a narrow key lacks, and what each missing role breaks', async () => {
    const report = await client(KEYS.few).auth.permissionReport();
    expect(report.ok).toBe(false);
    expect(report.tokenName).toBe('too narrow');
    expect(report.missing).toEqual([
      'customer.create',
      'conversation.read',
      'message.create',
      'message.read',
      'bulk.read',
      'note.create',
      'note.read',
      'team.read',
    ]);
    const byName = new Map(report.capabilities.map((c) => [c.capability, c]));
    expect(byName.get('conversation.create')?.via).toBe('org.user.conversation.write');
    const messages = byName.get('message.create')!;
    expect(messages.held).toBe(false);
    expect(messages.breaks).toMatch(/transcript/);
    expect(messages.fix).toContain('org.permission.message.create');
    for (const capability of report.missing) expect(byName.get(capability)!.breaks).not.toBe('');
  });

  it('passes a least-privilege key: no update roles, as nothing in the flow updates', async () => {
    const report = await client(KEYS.least).auth.permissionReport();
    expect(LEAST_ROLES).toHaveLength(10);
    expect(report).toMatchObject({ ok: true, missing: [], broadRoles: [] });
    expect(report.capabilities.map((c) => c.capability)).not.toContain('customer.update');
  });

  it('recognises the legacy broad roles: org.user holds the org.user.* roles, org.admin all', async () => {
    const user = await client(KEYS.orgUser).auth.permissionReport();
    expect(user.ok).toBe(true);
    const via = new Set(user.capabilities.map((c) => c.via));
    expect(via).toEqual(new Set(['org.user', 'org.permission.team.read']));
    expect(user.broadRoles).toEqual(['org.user']);
    const admin = await client(KEYS.orgAdmin).auth.permissionReport();
    expect(admin.ok).toBe(true);
    expect(admin.capabilities.every((c) => c.via === 'org.admin')).toBe(true);
    expect(admin.broadRoles).toEqual(['org.admin']);
  });

  it('flags roles far broader than the module needs', async () => {
    const report = await client(KEYS.admin).auth.permissionReport();
    expect(report.ok).toBe(true);
    expect(report.broadRoles).toEqual(['org.admin']);
  });
});

describe('the report matches what Kustomer enforces', () => {
  it('a legacy-role key can do the whole escalation', async () => {
    const legacy = client(KEYS.legacy);
    const teams = await legacy.teams.list();
    const { customer } = await legacy.customers.findOrCreate({ email: 'legacy@example.com' });
    const conversation = await legacy.conversations.create({
      customerId: customer.id,
      name: 'Chatbot escalation',
      assignedTeams: [teams[0]!.id],
    });
    await legacy.messages.addTranscript(conversation.id, [
      { externalId: 'l-1', direction: 'in', text: 'help', sentAt: '2026-01-05T09:00:00.000Z' },
    ]);
    await legacy.notes.create(conversation.id, { body: 'summary' });
    await legacy.conversations.update(conversation.id, { priority: 5 });
    expect(sandbox.state().notes.map((n) => n.conversationId)).toEqual([conversation.id]);
  });

  it('keys with only the broad legacy roles can do the whole escalation too', async () => {
    for (const key of [KEYS.orgUser, KEYS.orgAdmin]) {
      const broad = client(key);
      const teams = await broad.teams.list();
      const { customer } = await broad.customers.findOrCreate({ email: `${key}@example.com` });
      const conversation = await broad.conversations.create({
        customerId: customer.id,
        name: 'Chatbot escalation',
        assignedTeams: [teams[0]!.id],
      });
      await broad.notes.create(conversation.id, { body: 'summary' });
    }
    expect(sandbox.state().notes).toHaveLength(3);
  });

  it('a missing role is a PermissionError naming the roles that would allow the call', async () => {
    const error = await client(KEYS.few)
      .customers.create({ email: 'nope@example.com' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KustomerPermissionError);
    expect(isPermissionError(error)).toBe(true);
    const permission = error as KustomerPermissionError;
    expect(permission.status).toBe(403);
    expect(permission.requiredRoles).toEqual([
      'org.permission.customer.create',
      'org.user.customer.write',
    ]);
    expect(permission.message).toMatch(
      /^Kustomer POST \/v1\/customers failed: 403 — permission denied; the key needs one of: org\.permission\.customer\.create, org\.user\.customer\.write/,
    );
    expect(sandbox.state().customers.map((c) => c.emails[0]?.email)).not.toContain(
      'nope@example.com',
    );
  });

  it('a key without team.read cannot list teams, and is told which role to add', async () => {
    const error = await client(KEYS.few)
      .teams.list()
      .catch((e: unknown) => e);
    expect(isPermissionError(error)).toBe(true);
    expect((error as KustomerPermissionError).requiredRoles).toEqual(['org.permission.team.read']);
  });
});
