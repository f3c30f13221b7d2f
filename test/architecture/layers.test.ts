/**
 * The layer rules are lint, so they must catch what they are for: an import up or across the
 * layers of eslint.layers.js, and an import cycle. Each case lints a small fixture with the
 * project's own ESLint configuration through ESLint's Node API.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const eslint = new ESLint({ cwd: root });

async function problems(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, file) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

/** A module in `file` that imports `name` from `from` and uses it. */
function importing(file: string, from: string, name: string): Promise<string[]> {
  return problems(`import { ${name} } from '${from}';\nexport const used = ${name};\n`, file);
}

describe('layer rules', () => {
  it.each([
    ['src/kustomer/x.ts', '../escalation/service.js', 'createEscalationService'],
    ['src/escalation/x.ts', '../server/app.js', 'createApp'],
    ['src/platform/x.ts', '../shared/priority.js', 'prioritySchema'],
    ['src/sandbox/x.ts', '../kustomer/client.js', 'createKustomerClient'],
    ['src/chat/x.ts', '../platform/logger.js', 'silentLogger'],
    ['src/pages/x.ts', '../app/app.js', 'App'],
    ['api/x.ts', '../src/kustomer/client.js', 'createKustomerClient'],
    // The demo is a host: the package's doors only.
    ['src/app/x.ts', '../chat/handoff.js', 'fetchHandoff'],
    ['api/x.ts', '../src/server/vercel-handler.js', 'createVercelHandler'],
  ])('refuses %s importing %s, saying what it may import', async (file, from, name) => {
    const found = await importing(file, from, name);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^import-x\/no-restricted-paths: .* may import only /);
  });

  it('names the allowed folders in the message', async () => {
    const [message] = await importing('src/escalation/x.ts', '../server/app.js', 'createApp');
    expect(message).toContain(
      'src/escalation may import only src/kustomer, src/platform, src/shared',
    );
  });

  it.each([
    ['src/escalation/x.ts', '../kustomer/client.js', 'createKustomerClient'],
    ['src/server/x.ts', '../sandbox/server.js', 'startSandbox'],
    ['src/pages/x.ts', '../lib/api-client.js', 'apiFetch'],
    ['src/entry/x.ts', '../chat/handoff.js', 'fetchHandoff'],
    ['src/app/x.ts', '../entry/react.js', 'EscalationButton'],
    ['api/x.ts', '../src/entry/server.js', 'createVercelHandler'],
  ])('lets %s import %s (a lower layer)', async (file, from, name) => {
    expect(await importing(file, from, name)).toEqual([]);
  });
});

describe('import cycles', () => {
  const tag = `cycle-fixture-${process.pid}`;
  const a = join(root, `src/kustomer/${tag}-a.ts`);
  const b = join(root, `src/kustomer/${tag}-b.ts`);
  afterAll(() => {
    rmSync(a, { force: true });
    rmSync(b, { force: true });
  });

  it('refuses two modules that import each other', async () => {
    writeFileSync(a, `import { b } from './${tag}-b.js';\nexport const a = (): unknown => b;\n`);
    writeFileSync(b, `import { a } from './${tag}-a.js';\nexport const b = (): unknown => a;\n`);
    const results = await eslint.lintFiles([a, b]);
    const rules = results.flatMap((r) => r.messages.map((m) => m.ruleId));
    expect(rules).toEqual(['import-x/no-cycle', 'import-x/no-cycle']);
  });
});
