/**
 * The golden runs: the engine reproduces, within a relative 1e-9, what it produced when the
 * golden file was recorded (`npm run golden` re-records it, for a deliberate behaviour change).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GOLDEN_CASES, goldenRecord } from './cases';

const golden: Record<string, unknown> = JSON.parse(
  readFileSync(new URL('./golden.json', import.meta.url), 'utf8'),
);

/** Paths where `actual` differs from `expected` beyond a relative 1e-9 (numbers) or at all (others). */
function differences(expected: unknown, actual: unknown, path: string, out: string[]): void {
  if (out.length > 10) return;
  if (typeof expected === 'number' && typeof actual === 'number') {
    const scale = Math.max(Math.abs(expected), Math.abs(actual), 1e-300);
    if (expected !== actual && !(Math.abs(expected - actual) / scale <= 1e-9))
      out.push(`${path}: expected ${expected}, got ${actual}`);
    return;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) out.push(`${path}: length ${expected.length} != ${actual.length}`);
    for (let k = 0; k < Math.min(expected.length, actual.length); k++)
      differences(expected[k], actual[k], `${path}[${k}]`, out);
    return;
  }
  if (expected && actual && typeof expected === 'object' && typeof actual === 'object') {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    for (const key of new Set([...Object.keys(e), ...Object.keys(a)]))
      differences(e[key], a[key], `${path}.${key}`, out);
    return;
  }
  if (expected !== actual)
    out.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

describe('golden runs', () => {
  it('cover every recorded case', () => {
    expect(Object.keys(golden).sort()).toEqual(GOLDEN_CASES.map((c) => c.name).sort());
  });
  for (const c of GOLDEN_CASES)
    it(c.name, () => {
      const actual = JSON.parse(JSON.stringify(goldenRecord(c)));
      const out: string[] = [];
      differences(golden[c.name], actual, '', out);
      expect(out).toEqual([]);
    }, 60_000);
});
