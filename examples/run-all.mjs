// `npm run test:examples`: packs the repository once (or takes the tarball named by
// KUSTOMER_ESCALATION_TARBALL, as CI does), then runs each example's own test against it, one
// after the other, and prints how long each took.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { EXAMPLES, log, PACKED_ENV, packOnce } from './support/harness.mjs';

const started = Date.now();
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(0)} s`;
process.env[PACKED_ENV] = packOnce();
for (const example of ['express', 'nextjs']) {
  execFileSync(process.execPath, ['test.mjs'], { cwd: join(EXAMPLES, example), stdio: 'inherit' });
}
log(`both examples passed in ${seconds(started)}`);
