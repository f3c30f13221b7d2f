// CI's entry for the examples: packs the repository once, then runs each example's own test
// against that tarball, one after the other, and prints how long each took.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { EXAMPLES, log, packOnce } from './support/harness.mjs';

const started = Date.now();
process.env.REPACK = '1';
packOnce();
delete process.env.REPACK;
log(`packed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
for (const example of ['express', 'nextjs']) {
  const t0 = Date.now();
  execFileSync(process.execPath, ['test.mjs'], { cwd: join(EXAMPLES, example), stdio: 'inherit' });
  log(`${example}: passed in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}
log(`all examples passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
