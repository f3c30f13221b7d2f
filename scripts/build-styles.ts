/**
 * Writes lib/styles.css, the stylesheet `kustomer-escalation/react/styles.css` exports: the
 * module's nested, scoped source (src/styles/kustomer-escalation.css) flattened by Lightning CSS
 * to plain `.kustomer-escalation …` selectors, so any host's CSS pipeline and browser take it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { browserslistToTargets, transform } from 'lightningcss';

export const STYLES_SOURCE = 'src/styles/kustomer-escalation.css';

export function flattenStyles(source: string): string {
  const { code } = transform({
    filename: STYLES_SOURCE,
    code: Buffer.from(source),
    // Browsers without CSS nesting still in use (Safari 16, Chrome 111): nesting is lowered.
    targets: browserslistToTargets(['chrome 105', 'firefox 110', 'safari 15.4']),
    minify: false,
  });
  return code.toString();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync('lib', { recursive: true });
  writeFileSync('lib/styles.css', flattenStyles(readFileSync(STYLES_SOURCE, 'utf8')));
}
