/**
 * Writes lib/styles.css, the stylesheet `kustomer-escalation/react/styles.css` exports: the
 * module's nested, scoped source (src/styles/kustomer-escalation.css) plus each component's own
 * stylesheet (a `.css` file beside it in src/chat or src/pages, which tsdown drops from the
 * JavaScript; written nested under `.kustomer-escalation` itself, so the demo, which imports it
 * from the component, gets the same scope), all flattened by Lightning CSS to plain
 * `.kustomer-escalation …` selectors so any host's CSS pipeline and browser take it.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { browserslistToTargets, transform } from 'lightningcss';

export const STYLES_SOURCE = 'src/styles/kustomer-escalation.css';
const COMPONENT_FOLDERS = ['src/chat', 'src/pages'];

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

export function componentStylesheets(): string[] {
  return COMPONENT_FOLDERS.flatMap((folder) =>
    readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.css'))
      .sort()
      .map((file) => join(folder, file)),
  );
}

/** The package's whole stylesheet, every rule under `.kustomer-escalation`. */
export function buildStylesheet(): string {
  const components = componentStylesheets().map(
    (file) => `/* ${file} */\n${readFileSync(file, 'utf8')}`,
  );
  return flattenStyles([readFileSync(STYLES_SOURCE, 'utf8'), ...components].join('\n'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  mkdirSync('lib', { recursive: true });
  writeFileSync('lib/styles.css', buildStylesheet());
}
