import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createScenario, DEFAULT_LOAD, LIMITS } from '../model/scenario';
import { createSimulation, inject, runFor, setLoad } from './engine';
import { checkAction, checkLoad, sanitizeLoad } from './input';
import { summarize } from './views';

const finiteTotals = (spans: Record<string, number>) => Object.values(spans).every(Number.isFinite);

describe('engine inputs', () => {
  it('a NaN spike factor and a NaN outage are refused, with what was wrong', () => {
    expect(checkAction({ kind: 'spike', factor: Number.NaN, durationSeconds: 60 })).toEqual({
      ok: false,
      errors: ['factor must be a finite number, got NaN'],
    });
    expect(checkAction({ kind: 'storage-outage', durationSeconds: Number.NaN })).toEqual({
      ok: false,
      errors: ['durationSeconds must be a finite number, got NaN'],
    });
    expect(checkAction({ kind: 'kafka-outage', durationSeconds: Number.POSITIVE_INFINITY })).toMatchObject({
      ok: false,
    });
    expect(checkAction({ kind: 'spike', factor: 1e9, durationSeconds: -1 })).toEqual({
      ok: false,
      errors: [
        'factor must be from 1 to 1000, got 1000000000',
        'durationSeconds must be from 0 to 86400, got -1',
      ],
    });
    expect(checkAction({ kind: 'reboot' })).toMatchObject({ ok: false });
    const names = new Set(['tempo-0']);
    expect(checkAction({ kind: 'kill', instance: 'tempo-0' }, names)).toMatchObject({ ok: true });
    for (const name of ['constructor', '__proto__', 'toString'])
      expect(checkAction({ kind: 'kill', instance: name }, names)).toEqual({
        ok: false,
        errors: [`no instance named "${name}"`],
      });
  });

  it('checked actions keep every total finite and every outage ends', () => {
    let s = createSimulation(createScenario('2.10', 'monolithic'));
    for (const a of [
      { kind: 'spike', factor: Number.NaN, durationSeconds: 60 },
      { kind: 'storage-outage', durationSeconds: Number.NaN },
      { kind: 'spike', factor: 3, durationSeconds: 20 },
      { kind: 'storage-outage', durationSeconds: 10 },
    ]) {
      const c = checkAction(a);
      if (c.ok) s = inject(s, c.value);
    }
    s = runFor(s, 60);
    expect(finiteTotals(summarize(s).spans)).toBe(true);
    const kinds = s.events.map((e) => e.kind);
    expect(kinds).toContain('storage-restored');
    expect(s.events.some((e) => e.message.includes('NaN'))).toBe(false);
  });

  it('a load with NaN or Infinity in any field is refused; sanitizeLoad falls back per field', () => {
    for (const k of Object.keys(DEFAULT_LOAD) as (keyof typeof DEFAULT_LOAD)[]) {
      for (const v of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
        const r = checkLoad({ ...DEFAULT_LOAD, [k]: v });
        expect(r).toEqual({ ok: false, errors: [`load.${k} must be a finite number, got ${v}`] });
        expect(sanitizeLoad({ ...DEFAULT_LOAD, [k]: v }, DEFAULT_LOAD)).toEqual(DEFAULT_LOAD);
      }
    }
    expect(checkLoad({ ...DEFAULT_LOAD, spansPerSecond: 3e7 })).toMatchObject({ ok: false });
    expect(sanitizeLoad({ ...DEFAULT_LOAD, spansPerSecond: 3e7 }, DEFAULT_LOAD).spansPerSecond).toBe(
      LIMITS.spansPerSecond.max,
    );
    expect(checkLoad(DEFAULT_LOAD)).toEqual({ ok: true, value: DEFAULT_LOAD });
  });

  it('whatever passes the checks runs with finite totals (generated actions and loads)', () => {
    const num = fc.oneof(
      fc.double(),
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -0, 0, 1, 1000, 86_400),
      fc.integer({ min: -10, max: 2000 }),
    );
    const action = fc.record({
      kind: fc.constantFrom('kill', 'storage-outage', 'kafka-outage', 'spike', 'other'),
      instance: fc.oneof(fc.constantFrom('tempo-0', 'constructor'), fc.string({ maxLength: 120 })),
      factor: num,
      durationSeconds: num,
    });
    const load = fc.record({
      spansPerSecond: num,
      spanSizeBytes: num,
      spansPerTrace: num,
      queriesPerSecond: num,
      queryRangeMinutes: num,
    });
    const base = createSimulation(createScenario('3.0', 'monolithic'));
    fc.assert(
      fc.property(action, load, (a, l) => {
        let s = base;
        const c = checkAction(a);
        if (c.ok) s = inject(s, c.value);
        else expect(c.errors.length).toBeGreaterThan(0);
        const cl = checkLoad(l);
        if (cl.ok) s = setLoad(s, cl.value);
        s = setLoad(s, sanitizeLoad(l, DEFAULT_LOAD));
        s = runFor(s, 2);
        expect(finiteTotals(summarize(s).spans)).toBe(true);
      }),
      { numRuns: 300 },
    );
  }, 120_000);

  // Finding 5 lives in src/sim/engine.ts (SimConfig.index is a plain object: `index[name]` finds
  // Object.prototype members). Marked `fails` until the engine indexes instances with a Map;
  // then this flips and should become a plain `it`.
  it('killing an instance named constructor, __proto__ or toString emits no nameless event', () => {
    for (const name of ['constructor', '__proto__', 'toString']) {
      const s = inject(createSimulation(createScenario('2.10', 'monolithic')), {
        kind: 'kill',
        instance: name,
      });
      expect(s.events).toEqual([]);
    }
  });
});
