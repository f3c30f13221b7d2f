import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileStore } from '../../../src/escalation/stores/file-store.js';
import { makeRecord } from './record-factory.js';

const ROOT = new URL('../../../', import.meta.url).pathname;
const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'file-store-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Runs the inserting child until it has acknowledged `atLeast` ids, then kill -9. */
function insertThenKill(dir: string, atLeast: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(ROOT, 'test/escalation/stores/fixtures/insert-forever.ts'), dir],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const acknowledged: string[] = [];
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) if (line.startsWith('crash-')) acknowledged.push(line);
      if (acknowledged.length >= atLeast) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acknowledged);
      else reject(new Error(`child exited ${code}: ${stderr}`));
    });
  });
}

describe('file store durability', () => {
  it('keeps every acknowledged escalation after kill -9 mid-write, across compactions', async () => {
    const dir = tempDir();
    const acknowledged = await insertThenKill(dir, 400);
    const store = await createFileStore({ dir });
    const stored = new Set((await store.records.list()).map((r) => r.escalationId));
    const missing = acknowledged.filter((id) => !stored.has(id));
    expect(acknowledged.length).toBeGreaterThanOrEqual(400);
    expect(missing).toEqual([]);
    await store.close();
  }, 30_000);

  it('ignores a torn last line left by a crash', async () => {
    const dir = tempDir();
    const store = await createFileStore({ dir });
    await store.records.insert(makeRecord('whole'));
    await store.close();
    appendFileSync(join(dir, 'escalations.log'), '{"op":"put","record":{"escalationId":"torn"');
    const reopened = await createFileStore({ dir });
    expect(await reopened.records.get('whole')).not.toBeNull();
    expect(await reopened.records.get('torn')).toBeNull();
    await reopened.close();
  });

  it('compacts the log without losing records, settings or replies', async () => {
    const dir = tempDir();
    const store = await createFileStore({ dir, compactEvery: 50 });
    await store.records.insert(makeRecord('keep'));
    await store.records.appendReply('keep', {
      id: 'r1',
      text: 'hi',
      at: '2026-11-24T10:00:00.000Z',
      author: null,
    });
    for (let i = 0; i < 120; i += 1) await store.records.update('keep', { attempts: i });
    await store.records.insert(makeRecord('gone', { state: 'dead' }));
    await store.records.purgeDead();
    const size = statSync(join(dir, 'escalations.log')).size;
    const oneRecord = JSON.stringify(await store.records.get('keep')).length;
    expect(size).toBeLessThan(oneRecord * 60);
    await store.close();
    const reopened = await createFileStore({ dir });
    expect(await reopened.records.get('keep')).toMatchObject({
      attempts: 119,
      replies: [{ id: 'r1' }],
    });
    expect(await reopened.records.get('gone')).toBeNull();
    await reopened.close();
  });

  it('keeps server values, the last one put, across a restart and a compaction', async () => {
    const dir = tempDir();
    const store = await createFileStore({ dir, compactEvery: 20 });
    for (let i = 0; i < 60; i += 1)
      await store.serverValues.put('kustomer-webhook-delivery', { at: `t${i}`, verified: true });
    await store.serverValues.put('kustomer-webhook', { id: 'w1', token: 'secret-token' });
    await store.close();
    const reopened = await createFileStore({ dir });
    expect(await reopened.serverValues.get('kustomer-webhook-delivery')).toEqual({
      at: 't59',
      verified: true,
    });
    expect(await reopened.serverValues.get('kustomer-webhook')).toEqual({
      id: 'w1',
      token: 'secret-token',
    });
    await reopened.close();
  });

  it('keeps purged escalations gone after a restart', async () => {
    const dir = tempDir();
    const store = await createFileStore({ dir, clock: () => Date.parse('2026-12-31T00:00:00Z') });
    await store.records.insert(makeRecord('finished', { state: 'done' }));
    await store.records.insert(makeRecord('waiting', { state: 'dead' }));
    expect(await store.records.purgeFinished(new Date('2026-12-01T00:00:00Z'), 10)).toBe(1);
    await store.close();
    const reopened = await createFileStore({ dir });
    expect(await reopened.records.get('finished')).toBeNull();
    expect(await reopened.records.get('waiting')).toMatchObject({ state: 'dead' });
    await reopened.close();
  });

  it('refuses a second process on the same folder while the first is alive', async () => {
    const dir = tempDir();
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
      stdio: 'ignore',
    });
    appendFileSync(join(dir, 'store.lock'), String(holder.pid));
    await expect(createFileStore({ dir })).rejects.toThrow(/in use by process/);
    holder.kill('SIGKILL');
    await new Promise((resolve) => holder.once('exit', resolve));
    const store = await createFileStore({ dir });
    await store.records.insert(makeRecord('after'));
    await store.close();
  });
});
