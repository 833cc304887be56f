import { describe, expect, it } from 'vitest';
import { parseArgs } from './cli';
import { PLAN_FIELDS, parsePlanInput, planField, readPlanNumber } from './input';
import { DEFAULT_PLAN_INPUT } from './planner';

describe('planner input from outside', () => {
  it('accepts the defaults and refuses NaN, Infinity and values past the limits with the field named', () => {
    expect(parsePlanInput(DEFAULT_PLAN_INPUT).ok).toBe(true);
    for (const [field, value] of [
      ['spansPerSecond', Number.NaN],
      ['spansPerSecond', 1e9],
      ['headroom', Number.POSITIVE_INFINITY],
      ['zones', 4],
      ['kafkaRetentionHours', 0.5],
    ] as const) {
      const r = parsePlanInput({ ...DEFAULT_PLAN_INPUT, [field]: value });
      expect(r.ok, field).toBe(false);
      if (!r.ok) expect(r.errors[0], field).toMatch(new RegExp(`^${field}:`));
    }
  });
});

describe('the form and the CLI read numbers the same way (issue 22 item 12)', () => {
  it('0x10, 1e5, spaces, signs and empty text are not numbers; ranges are the schema’s', () => {
    const f = planField('qps');
    for (const text of ['0x10', '1e5', ' 7', '7 ', '+1', '-1', 'Infinity', 'NaN', '1,5', '.5', '5.'])
      expect(readPlanNumber(text, f).ok, text).toBe(false);
    expect(readPlanNumber('', f)).toEqual({ ok: false, reason: 'is empty: enter a number from 0 to 10,000' });
    expect(readPlanNumber('0.5', f)).toEqual({ ok: true, value: 0.5 });
    expect(readPlanNumber('10001', f).ok).toBe(false);
  });

  it('every field accepts its limits and refuses just past them, and what it accepts the schema accepts', () => {
    for (const f of PLAN_FIELDS) {
      for (const v of [f.min, f.max, (f.min + f.max) / 2]) {
        const text = String(Math.round(v * 1e6) / 1e6);
        const r = readPlanNumber(text, f);
        if (!r.ok) throw new Error(`${f.key} ${text}: ${r.reason}`);
        const checked = parsePlanInput(f.set(DEFAULT_PLAN_INPUT, r.value));
        expect(checked.ok, `${f.key} = ${text}: ${checked.ok ? '' : checked.errors.join()}`).toBe(true);
      }
      expect(readPlanNumber(String(f.max * 1.01 + 1), f).ok, `${f.key} past max`).toBe(false);
      if (f.min > 0) expect(readPlanNumber(String(f.min / 2), f).ok, `${f.key} below min`).toBe(false);
    }
  });

  it('the CLI accepts exactly the form’s range for each option it shares with the form', () => {
    const base = ['--span-size', '500', '--retention', '14d', '--spans-per-second', '100'];
    for (const [option, key] of [
      ['--spans-per-second', 'sps'],
      ['--span-size', 'size'],
      ['--spans-per-trace', 'spt'],
      ['--queries-per-second', 'qps'],
      ['--query-range-minutes', 'range'],
      ['--headroom-percent', 'head'],
      ['--spike-percent', 'spike'],
      ['--compression-ratio', 'ratio'],
      ['--price-core', 'core'],
      ['--price-kafka-gb', 'kdisk'],
    ] as const) {
      const f = planField(key);
      for (const [text, ok] of [
        [String(f.min), true],
        [String(f.max), true],
        [String(f.max + 1), false],
        ['0x10', false],
      ] as const)
        expect(parseArgs([...base, option, text]).ok, `${option} ${text}`).toBe(ok);
    }
    // Retention in the form is days; the CLI takes a duration: the same range in hours.
    expect(parseArgs([...base, '--retention', '1h']).ok).toBe(true);
    expect(parseArgs([...base, '--retention', '3650d']).ok).toBe(true);
    expect(parseArgs([...base, '--retention', '3651d']).ok).toBe(false);
    expect(readPlanNumber('0.042', planField('ret')).ok).toBe(true); // just over 1 h
    expect(readPlanNumber('0.04', planField('ret')).ok).toBe(false); // 57.6 min
    expect(readPlanNumber('3651', planField('ret')).ok).toBe(false);
  });
});
