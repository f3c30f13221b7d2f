/**
 * The module's stylesheet styles only its own pieces: after flattening (as shipped in
 * `kustomer-escalation/react/styles.css`) every selector starts at `.kustomer-escalation`, and
 * every animation name is the module's, so nothing reaches a host's own elements.
 */
import { readFileSync } from 'node:fs';
import { transform, type Selector } from 'lightningcss';
import { describe, expect, it } from 'vitest';
import {
  buildStylesheet,
  componentStylesheets,
  flattenStyles,
} from '../../scripts/build-styles.js';

const ROOT_CLASS = 'kustomer-escalation';

function selectorsAndKeyframes(css: string) {
  const selectors: Selector[] = [];
  const keyframes: string[] = [];
  transform({
    filename: 'styles.css',
    code: Buffer.from(css),
    visitor: {
      Rule: {
        style(rule) {
          selectors.push(...rule.value.selectors);
        },
        keyframes(rule) {
          const name = rule.value.name;
          keyframes.push(typeof name.value === 'string' ? name.value : String(name.value));
        },
      },
    },
  });
  return { selectors, keyframes };
}

const scoped = (selector: Selector) => {
  const [first] = selector;
  return first?.type === 'class' && first.name === ROOT_CLASS;
};

describe('the stylesheet', () => {
  const flat = buildStylesheet();

  it("takes in the components' own stylesheets", () => {
    expect(componentStylesheets().length).toBeGreaterThan(0);
    expect(flat).toContain('.kustomer-escalation .analytics');
  });

  it('starts every selector at .kustomer-escalation', () => {
    const { selectors } = selectorsAndKeyframes(flat);
    expect(selectors.length).toBeGreaterThan(100);
    expect(selectors.filter((s) => !scoped(s)).map((s) => JSON.stringify(s))).toEqual([]);
  });

  it('names its animations for the module', () => {
    const { keyframes } = selectorsAndKeyframes(flat);
    expect(keyframes.length).toBeGreaterThan(0);
    expect(keyframes.filter((k) => !k.startsWith(`${ROOT_CLASS}-`))).toEqual([]);
  });

  it('is themed by --kustomer-escalation-* variables', () => {
    expect(flat).toContain('--primary: var(--kustomer-escalation-primary, #3b4fd8)');
  });

  it("scopes each component's own stylesheet at its source, as the demo imports it", () => {
    for (const file of componentStylesheets()) {
      const { selectors } = selectorsAndKeyframes(flattenStyles(readFileSync(file, 'utf8')));
      expect(selectors.length, file).toBeGreaterThan(0);
      expect(
        selectors.filter((s) => !scoped(s)).map((s) => JSON.stringify(s)),
        file,
      ).toEqual([]);
    }
  });

  it('would catch a global rule', () => {
    const { selectors } = selectorsAndKeyframes(
      flattenStyles('.kustomer-escalation { a { color: red } } button { color: red }'),
    );
    expect(selectors.map(scoped)).toEqual([true, false]);
  });
});
