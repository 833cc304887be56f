import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../model/scenario';
import { parseArgs } from './cli';
import { parsePlanInput, readPlanLoad } from './input';
import { enteredText, formatBytesRate, LOAD_UNITS, loadText, rateOf, resolveLoad, spansOf } from './load';
import { DEFAULT_PLAN_INPUT, type PlanInput, throughputMBps } from './planner';

const at = (spanSizeBytes: number): PlanInput => ({ ...DEFAULT_PLAN_INPUT, spanSizeBytes });

describe('planner load in spans/s, MB/s or GB/s', () => {
  it('converts through the span size, exactly where the figures are exact', () => {
    expect(spansOf({ value: 35, unit: 'MB/s' }, 500)).toBe(70_000);
    expect(spansOf({ value: 1.5, unit: 'GB/s' }, 500)).toBe(3_000_000);
    expect(spansOf({ value: 1, unit: 'MB/s' }, 300)).toBeCloseTo(3333.333333, 5);
    expect(rateOf(70_000, 500, 'MB/s')).toBe(35);
    expect(rateOf(3_000_000, 500, 'GB/s')).toBe(1.5);
    expect(rateOf(70_000, 500, 'spans/s')).toBe(70_000);
    // 1.1 GB/s is 1100 MB/s, not 1100.0000000000002.
    expect(throughputMBps({ ...at(300), loadEntered: { value: 1.1, unit: 'GB/s' } })).toBe(1100);
    expect(rateOf(3_666_666.666667, 300, 'GB/s')).toBe(1.1);
  });

  it('says the load in the unit it was entered in first, scaled, with no float noise', () => {
    expect(loadText({ ...at(500), spansPerSecond: 70_000 })).toBe('70,000 spans/s of 500 B (35 MB/s)');
    expect(loadText({ ...at(300), loadEntered: { value: 35, unit: 'MB/s' } })).toBe(
      '35 MB/s (about 116,667 spans/s of 300 B)',
    );
    expect(loadText({ ...at(500), loadEntered: { value: 1.5, unit: 'GB/s' } })).toBe(
      '1.5 GB/s (3,000,000 spans/s of 500 B)',
    );
    expect(loadText({ ...at(500), spansPerSecond: 3_000_000 })).toBe('3,000,000 spans/s of 500 B (1.5 GB/s)');
    expect(formatBytesRate(0.1 + 0.2)).toBe('0.3 MB/s');
    expect(formatBytesRate(999.5)).toBe('1,000 MB/s');
    expect(formatBytesRate(12_000)).toBe('12 GB/s');
  });

  it('a rate keeps its MB/s when the span size changes; spans/s keep their spans', () => {
    const r = readPlanLoad('35', 'MB/s', at(500));
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.spansPerSecond).toBe(70_000);
    const bigger = parsePlanInput({ ...r.value, spanSizeBytes: 1000 });
    expect(bigger.ok && bigger.value.spansPerSecond).toBe(35_000);
    const spans = readPlanLoad('70000', 'spans/s', r.value);
    expect(spans.ok && spans.value.loadEntered).toBeUndefined();
  });

  it('refuses a rate past 20 M spans/s at this span size, saying the most it takes', () => {
    const r = readPlanLoad('11', 'GB/s', at(500));
    expect(r).toEqual({
      ok: false,
      reason:
        '11 GB/s of 500 B spans is 22,000,000 spans/s; the planner takes 1 to 20,000,000 spans/s (at most 10 GB/s at this span size)',
    });
    expect(readPlanLoad('0', 'MB/s', at(500)).ok).toBe(false);
    expect(readPlanLoad('1e3', 'MB/s', at(500))).toMatchObject({ ok: false });
  });

  it('the CLI takes --mb-per-second and --gb-per-second, once', () => {
    const base = ['--span-size', '500', '--retention', '14d'];
    const mb = parseArgs([...base, '--mb-per-second', '35']);
    expect(mb.ok && mb.input.spansPerSecond).toBe(70_000);
    expect(mb.ok && mb.input.loadEntered).toEqual({ value: 35, unit: 'MB/s' });
    const gb = parseArgs([...base, '--gb-per-second=1.5']);
    expect(gb.ok && gb.input.spansPerSecond).toBe(3_000_000);
    expect(parseArgs([...base, '--gb-per-second', '1', '--spans-per-second', '5'])).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^give the load once/),
    });
    expect(parseArgs([...base, '--mb-per-second', '-3'])).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^--mb-per-second: load in MB\/s must be a number/),
    });
  });
});

describe('the load parser (property)', () => {
  const units = fc.constantFrom(...LOAD_UNITS);
  const sizes = fc.integer({ min: LIMITS.spanSizeBytes.min, max: LIMITS.spanSizeBytes.max });

  it('never throws; what it accepts is within the planner’s range and passes its schema', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.stringMatching(/^[0-9]{1,9}(\.[0-9]{1,9})?$/)),
        units,
        sizes,
        (t, u, size) => {
          const r = readPlanLoad(t, u, at(size));
          if (!r.ok) return typeof r.reason === 'string' && r.reason.length > 0;
          const sps = r.value.spansPerSecond;
          expect(sps).toBeGreaterThanOrEqual(1);
          expect(sps).toBeLessThanOrEqual(LIMITS.spansPerSecond.max);
          expect(parsePlanInput(r.value).ok).toBe(true);
          return true;
        },
      ),
      { numRuns: 10_000 },
    );
  });

  it('a rate read back through spans/s is the rate typed, and is shown without float noise', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9_999_999 }),
        fc.integer({ min: 0, max: 3 }),
        fc.constantFrom('MB/s' as const, 'GB/s' as const),
        sizes,
        (digits, decimals, unit, size) => {
          const text = decimals === 0 ? String(digits) : (digits / 10 ** decimals).toFixed(decimals);
          const r = readPlanLoad(text, unit, at(size));
          if (!r.ok) return true;
          const back = rateOf(resolveLoad(r.value).spansPerSecond, size, unit);
          expect(Math.abs(back - Number(text)) / Number(text)).toBeLessThan(1e-9);
          // What the plan says is what was typed, grouped: no 0.30000000000000004.
          expect(enteredText(r.value)).toBe(
            `${Number(text).toLocaleString('en-US', { maximumFractionDigits: 9 })} ${unit}`,
          );
          expect(loadText(r.value)).not.toMatch(/\d\.\d{7,}|e[+-]\d/);
          return true;
        },
      ),
      { numRuns: 10_000 },
    );
  });
});
