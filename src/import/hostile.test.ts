import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { helmValues } from '../export/helm';
import { tempoConfig } from '../export/tempoConfig';
import { createScenario } from '../model/scenario';
import { importAny, importHelmValues, importTempoConfig } from './index';
import { MAX_YAML_DEPTH, parseYamlMapping } from './messages';

const manyKeys = (n: number) =>
  `target: all\n${Array.from({ length: n }, (_, i) => `key_${i}: ${i}`).join('\n')}\n`;

/** `depth` mappings inside each other, block style: `a:\n  a:\n    a: 1`. */
const deepBlock = (depth: number) =>
  `${Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}a:`).join('\n')} 1\n`;

describe('hostile YAML', () => {
  it('32,000 keys in one mapping import, with a bounded list of warnings (time: npm run bench:export)', () => {
    const text = manyKeys(32_000);
    expect(text.length).toBeLessThan(1_000_000);
    const r = importAny(text);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.scenario.mode).toBe('monolithic');
      expect(r.warnings.length).toBeLessThanOrEqual(12);
      expect(r.warnings.map((w) => w.message).join('\n')).toContain(
        '31990 more top-level keys are not Tempo config blocks; ignored',
      );
    }
  });

  it('a duplicate among 32,000 keys is found and named with its line (time: npm run bench:export)', () => {
    const text = `${manyKeys(32_000)}key_5: again\n`;
    const r = importAny(text);
    expect(r).toEqual({ ok: false, errors: [{ message: 'duplicate key "key_5"', line: 32_002 }] });
  });

  it('32,000 keys of Helm values are read (time: npm run bench:export)', () => {
    const text = `tempo:\n  tag: 3.0.3\n${Array.from({ length: 32_000 }, (_, i) => `  k${i}: v`).join('\n')}\n`;
    const r = importAny(text);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.kind).toContain('tempo chart');
  });

  it('deep nesting is refused by an explicit limit, the same way every time, never as "YAML syntax"', () => {
    const inputs = [
      `a: ${'['.repeat(100_000)}${']'.repeat(100_000)}\n`,
      `a: ${'['.repeat(990_000)}\n`,
      `${'- '.repeat(400_000)}1\n`,
      `a: ${'{b: '.repeat(20_000)}1${'}'.repeat(20_000)}\n`,
      deepBlock(900),
      `a:\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i + 2)}- `).join('\n')}1\n`,
    ];
    for (const text of inputs) {
      // Refused while parsing, as soon as the limit is passed: no million-deep tree is built.
      const results = Array.from({ length: 3 }, () => importAny(text));
      for (const r of results) {
        expect(r.ok).toBe(false);
        if (!r.ok) {
          expect(r.errors[0]?.message).toBe(`nested deeper than ${MAX_YAML_DEPTH} levels`);
          expect(r.errors[0]?.message).not.toMatch(/syntax|stack/i);
        }
      }
      expect(new Set(results.map((r) => JSON.stringify(r))).size).toBe(1);
    }
  });

  it('the limit is exact: 64 levels are read, 65 are refused', () => {
    expect(parseYamlMapping(deepBlock(MAX_YAML_DEPTH)).ok).toBe(true);
    const r = parseYamlMapping(deepBlock(MAX_YAML_DEPTH + 1));
    expect(r).toEqual({
      ok: false,
      errors: [{ message: `nested deeper than ${MAX_YAML_DEPTH} levels`, line: MAX_YAML_DEPTH + 1 }],
    });
  });

  it('every style of nesting meets the same limit at the same depth', () => {
    for (let n = 1; n <= 100; n++) {
      // The top-level mapping is level 1, so n more levels fit while 1 + n <= 64.
      const fits = 1 + n <= MAX_YAML_DEPTH;
      const styles = [
        `x: ${'['.repeat(n)}${']'.repeat(n)}`,
        `x: ${'{a: '.repeat(n)}1${'}'.repeat(n)}`,
        `x:\n${Array.from({ length: n }, (_, i) => `${'  '.repeat(i + 1)}a:`).join('\n')} 1`,
        `x:\n  ${'- '.repeat(n)}1`,
      ];
      for (const text of styles) expect(parseYamlMapping(text).ok, `${n}: ${text.slice(0, 40)}`).toBe(fits);
    }
  });

  it('aliases cannot nest past the limit or refer to themselves', () => {
    const half = deepBlock(40).replace('a:', 'x: &deep\n a:').replace(/^( +)/gm, '$1 ');
    const nested = `${half}y:\n${Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i + 1)}b:`).join('\n')} *deep\n`;
    const r = parseYamlMapping(nested);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.errors[0]?.message).toContain('nested deeper than 64 levels once aliases are expanded');
    const self = parseYamlMapping('a: &x [1, *x]\n');
    expect(self.ok).toBe(false);
    if (!self.ok) expect(self.errors[0]?.message).toMatch(/alias/);
    expect(parseYamlMapping('a: &x [1, 2]\nb: *x\n')).toMatchObject({
      ok: true,
      doc: { data: { b: [1, 2] } },
    });
  });

  it('keys that are lists, mappings or aliases are refused with their line', () => {
    for (const text of ['a: 1\n? [x, y]\n: 2\n', 'a: 1\n{b: 1}: 2\n', 'a: &k x\n*k : 2\n']) {
      const r = parseYamlMapping(text);
      expect(r).toEqual({
        ok: false,
        errors: [{ message: 'a key must be plain text, not a list, a mapping or an alias', line: 2 }],
      });
    }
  });

  it('the playground still reads its own exports', () => {
    const s = createScenario('3.0', 'microservices');
    const t = importTempoConfig(tempoConfig(s).yaml);
    const h = importHelmValues(helmValues(s).yaml);
    expect(t.ok && t.scenario.settings.kafkaPartitions).toBe(s.settings.kafkaPartitions);
    expect(h.ok && h.scenario.tempoVersion).toBe('3.0');
  });
});

/** Generators of YAML a fuzzer would try: many keys, deep nesting, control characters, anchors. */
const hostileChar = fc.constantFrom(
  'a',
  'b',
  ' ',
  ':',
  '-',
  '\n',
  '\t',
  '[',
  ']',
  '{',
  '}',
  '&',
  '*',
  '#',
  '"',
  "'",
  '\u0000',
  '\u001b',
  '\u0085',
  '\u2028',
  '\ufeff',
  '<<',
  '!!',
  '|',
  '>',
  '?',
  '%',
  '---',
);
const EXPORTS = (['2.10', '3.0'] as const).flatMap((v) => {
  const s = createScenario(v, 'microservices');
  return [tempoConfig(s).yaml, helmValues(s).yaml];
});
const hostileYaml = fc.oneof(
  { weight: 5, arbitrary: fc.string({ unit: hostileChar, maxLength: 60 }) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.nat({ max: 100 }), fc.string({ unit: hostileChar, maxLength: 8 }))
      .map(([n, v]) => Array.from({ length: n }, (_, i) => `k${i % 150}: ${v}`).join('\n')),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.nat({ max: 80 }), fc.constantFrom('[', '{a: ', '- ', 'a:\n'))
      .map(([n, open]) => `x: ${open.repeat(n)}1`),
  },
  { weight: 1, arbitrary: fc.nat({ max: 80 }).map((n) => deepBlock(n)) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...EXPORTS), fc.nat(), fc.string({ unit: hostileChar, maxLength: 6 }))
      .map(([y, at, junk]) => {
        const i = at % (y.length + 1);
        return y.slice(0, i) + junk + y.slice(i);
      }),
  },
);

describe('importers never throw (10,000 generated inputs each)', () => {
  for (const [name, run] of [
    ['tempo.yaml', importTempoConfig],
    ['Helm values', importHelmValues],
  ] as const) {
    it(name, () => {
      fc.assert(
        fc.property(hostileYaml, (text) => {
          const r = run(text);
          if (!r.ok) {
            expect(r.errors.length).toBeGreaterThan(0);
            for (const e of r.errors) expect(e.message).toMatch(/\w{3}/);
          } else expect(r.scenario.schemaVersion).toBe(1);
        }),
        { numRuns: 10_000 },
      );
    }, 120_000);
  }
});
