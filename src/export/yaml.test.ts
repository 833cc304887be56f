import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { SUPPORTED_PAIRS } from '../model/modes';
import { createScenario, type Scenario, STORAGE_BACKENDS } from '../model/scenario';
import { helmValues } from './helm';
import { tempoConfig } from './tempoConfig';
import { commentText, needsQuotes } from './yaml';

/**
 * Two readers: the `yaml` library as YAML 1.2 (core schema), and the same library in its YAML 1.1
 * mode, which resolves what Go's YAML libraries resolve and 1.2 does not: yes/no/on/off/y/n
 * booleans, sexagesimal numbers, underscores in numbers, timestamps, `<<` merge keys. (js-yaml,
 * the other common JS parser, follows 1.2 and would read `yes` as a string, hiding the bug.)
 * Both strict: duplicate keys and any error or warning fail.
 */
function readBoth(text: string): { v12: unknown; v11: unknown } {
  const out: unknown[] = [];
  for (const version of ['1.2', '1.1'] as const) {
    const doc = parseDocument(text, { version, strict: true, uniqueKeys: true });
    expect(doc.errors.map((e) => e.message)).toEqual([]);
    expect(doc.warnings.map((e) => e.message)).toEqual([]);
    out.push(doc.toJS());
  }
  return { v12: out[0], v11: out[1] };
}

const HOSTILE = [
  'yes',
  'Yes',
  'NO',
  'on',
  'Off',
  'y',
  'N',
  'true',
  'null',
  'Null',
  '~',
  '',
  '1_000',
  '1:20',
  '190:20:30.15',
  '2001-12-14',
  '2001-12-14t21:59:43.10-05:00',
  '<<',
  '=',
  '0x10',
  '0o17',
  '017',
  '0b101',
  '.inf',
  '-.Inf',
  '.NaN',
  '1e3',
  '3.0.3',
  '+12',
  ' lead',
  'trail ',
  '- item',
  ': x',
  'a: b',
  'a # b',
  '#x',
  '&anchor',
  '*alias',
  '!tag',
  '|',
  '>',
  '"q"',
  "'",
  '\\',
  '%YAML',
  '---',
  '...',
  'prod\u0085multitenancy_enabled: true',
  'x\u2028auth_enabled: true',
  'x\u2029y',
  'a\rb',
  'a\nb: c',
  '\u001b[31mred\u001b[0m',
  '\u0000nul',
  '\t tab',
  '\u202eevil',
  '\ufeffbom',
  'é-ü',
  'emoji 😀',
  '\ud800 lone',
];

function scenarios(value: string): Scenario[] {
  const out: Scenario[] = [];
  for (const [v, m] of SUPPORTED_PAIRS) {
    for (const backend of STORAGE_BACKENDS) {
      const s = createScenario(v, m);
      s.name = `name ${value}`;
      s.settings = { ...s.settings, storageBackend: backend, bucket: value };
      out.push(s);
    }
  }
  return out;
}

/** Any control or line-breaking character other than the newlines between lines (NEL, CR, NUL, ESC...). */
const hasRawBreak = (text: string) => /[\p{Cc}\u2028\u2029]/u.test(text.replaceAll('\n', ''));

describe('exported YAML reads back the same in YAML 1.1 and 1.2 parsers', () => {
  it('tempo.yaml and Helm values with hostile names and buckets', () => {
    for (const value of HOSTILE) {
      for (const s of scenarios(value)) {
        const t = tempoConfig(s);
        const h = helmValues(s);
        // Where no chart deploys the pair, the Helm export is plain text saying so, not YAML.
        if (!h.support.ok) expect(hasRawBreak(h.yaml)).toBe(false);
        const pairs: [string, unknown][] = [[t.yaml, t.config]];
        if (h.support.ok) pairs.push([h.yaml, h.values]);
        for (const [text, expected] of pairs) {
          const { v12, v11 } = readBoth(text);
          const plain = JSON.parse(JSON.stringify(expected));
          expect(v12, `${JSON.stringify(value)} in\n${text}`).toEqual(plain);
          expect(v11, `${JSON.stringify(value)} (YAML 1.1) in\n${text}`).toEqual(plain);
          expect(hasRawBreak(text)).toBe(false);
        }
      }
    }
  }, 60_000);

  it('the NEL reproducer: a name cannot add a top-level key through the header comment', () => {
    const s = createScenario('2.10', 'monolithic');
    s.name = 'prod\u0085multitenancy_enabled: true';
    const yaml = tempoConfig(s).yaml;
    expect(yaml).toContain('# Scenario: prod multitenancy_enabled: true\n');
    const { v11 } = readBoth(yaml);
    expect(v11).not.toHaveProperty('multitenancy_enabled');
  });

  it('buckets that YAML 1.1 reads as bool, number, date or merge key are quoted', () => {
    const s = createScenario('2.10', 'microservices');
    for (const [bucket, line] of [
      ['yes', 'bucket: "yes"'],
      ['on', 'bucket: "on"'],
      ['1_000', 'bucket: "1_000"'],
      ['2001-12-14', 'bucket: "2001-12-14"'],
      ['1:20', 'bucket: "1:20"'],
      ['<<', 'bucket: "<<"'],
    ]) {
      s.settings = { ...s.settings, storageBackend: 's3', bucket: bucket as string };
      expect(tempoConfig(s).yaml).toContain(line);
      expect(helmValues(s).yaml).toContain(line);
    }
  });

  it('ordinary values stay plain', () => {
    const yaml = tempoConfig(createScenario('3.0', 'microservices')).yaml;
    expect(yaml).toContain('endpoint: 0.0.0.0:4317');
    expect(yaml).toContain('bucket: tempo-traces');
    expect(yaml).toContain('topic: tempo-traces');
  });

  it('generated names and buckets (2,000 cases, every backend)', () => {
    const unit = fc.oneof(
      fc.constantFrom(
        '\u0085',
        '\u2028',
        '\u2029',
        '\r',
        '\n',
        '\u001b',
        '\t',
        ':',
        '#',
        '-',
        ' ',
        '"',
        "'",
        '<<',
      ),
      fc.constantFrom('y', 'e', 'o', 'n', '0', '1', '_', '.', 'x', '+'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    );
    fc.assert(
      fc.property(
        fc.string({ unit, maxLength: 30 }),
        fc.string({ unit, maxLength: 30 }),
        fc.constantFrom(...SUPPORTED_PAIRS),
        fc.constantFrom(...STORAGE_BACKENDS),
        (name, bucket, [v, m], backend) => {
          const s = createScenario(v, m);
          s.name = name;
          s.settings = { ...s.settings, storageBackend: backend, bucket };
          const h = helmValues(s);
          const t = tempoConfig(s);
          const pairs: [string, unknown][] = [[t.yaml, t.config]];
          if (h.support.ok) pairs.push([h.yaml, h.values]);
          for (const [text, expected] of pairs) {
            const { v12, v11 } = readBoth(text);
            const plain = JSON.parse(JSON.stringify(expected));
            expect(v12).toEqual(plain);
            expect(v11).toEqual(plain);
            expect(hasRawBreak(text)).toBe(false);
          }
        },
      ),
      { numRuns: 2000 },
    );
  }, 120_000);

  it('comment text keeps no control or line-breaking character', () => {
    expect(commentText('a\u0085b\u2028c\u2029d\re\nf\u000bg\u000ch\u001bi\u202ej')).toBe(
      'a b c d e f g h i j',
    );
    expect(needsQuotes('tempo-traces')).toBe(false);
    expect(needsQuotes('Yes')).toBe(true);
  });
});
