import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEPLOYMENT_MODES, TEMPO_VERSIONS } from '../model/catalog';
import { createScenario, LIMITS, type Load, type Scenario, scenarioSchema } from '../model/scenario';
import {
  allFields,
  createSimulation,
  inject,
  type SimAction,
  type SimState,
  setLoad,
  step,
  stepMut,
} from './engine';
import { summarize, totals, views } from './views';

const extreme = (l: { min: number; max: number }) =>
  fc.oneof(fc.constant(l.min), fc.constant(l.max), fc.double({ min: l.min, max: l.max, noNaN: true }));

const loadArb: fc.Arbitrary<Load> = fc.record({
  spansPerSecond: extreme(LIMITS.spansPerSecond),
  spanSizeBytes: extreme(LIMITS.spanSizeBytes),
  spansPerTrace: extreme(LIMITS.spansPerTrace),
  queriesPerSecond: extreme(LIMITS.queriesPerSecond),
  queryRangeMinutes: extreme(LIMITS.queryRangeMinutes),
});

const actionArb: fc.Arbitrary<SimAction> = fc.oneof(
  fc.record({
    kind: fc.constant('kill' as const),
    instance: fc.constantFrom(
      'tempo-0',
      'ingester-1',
      'live-store-0',
      'distributor-0',
      'block-builder-1',
      'querier-0',
      'nope',
    ),
  }),
  fc.record({
    kind: fc.constant('storage-outage' as const),
    durationSeconds: fc.integer({ min: 0, max: 120 }),
  }),
  fc.record({
    kind: fc.constant('kafka-outage' as const),
    durationSeconds: fc.integer({ min: 0, max: 120 }),
  }),
  fc.record({
    kind: fc.constant('spike' as const),
    factor: fc.double({ min: 1, max: 1000, noNaN: true }),
    durationSeconds: fc.integer({ min: 0, max: 60 }),
  }),
);

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    version: fc.constantFrom(...TEMPO_VERSIONS),
    mode: fc.constantFrom(...DEPLOYMENT_MODES),
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    rf: fc.integer({ min: 1, max: 5 }),
    partitions: fc.integer({ min: 1, max: 6 }),
    replicas: fc.integer({ min: 1, max: 6 }),
    cpu: extreme(LIMITS.cpu),
    memory: fc.oneof(
      fc.constant(LIMITS.memoryBytes.min),
      fc.constant(2 * 1024 ** 3),
      fc.constant(LIMITS.memoryBytes.max),
    ),
    load: loadArb,
    rateLimit: fc.option(fc.double({ min: 1, max: 1e12, noNaN: true }), { nil: undefined }),
  })
  .map(({ version, mode, seed, rf, partitions, replicas, cpu, memory, load, rateLimit }) => {
    const base = createScenario(version, mode);
    const settings = {
      ...base.settings,
      replicationFactor: rf,
      kafkaPartitions: partitions,
      rateLimitBytes: rateLimit,
    };
    const s = createScenario(version, mode);
    const components = { ...s.components };
    // Vary one component's size per scenario, the rest stays at defaults.
    const kinds = Object.keys(components) as (keyof typeof components)[];
    const k = kinds[seed % kinds.length];
    if (k) components[k] = { replicas, cpu, memoryBytes: memory };
    return { ...s, seed, settings, components, load };
  });

function check(s: SimState): void {
  const { discarded, ...tt } = totals(s);
  // Discarded spans per reason: whole, never negative, and what is lost for good within what was lost.
  for (const [k, v] of Object.entries(discarded))
    if (!Number.isInteger(v) || v < 0) throw new Error(`discarded ${k} = ${v} at t=${s.t}`);
  if (s.cfg.version === '2.10' && discarded.live_traces_exceeded + discarded.trace_too_large > tt.lost + 1)
    throw new Error(`discarded ${JSON.stringify(discarded)} past lost ${tt.lost} at t=${s.t}`);
  for (const [k, v] of Object.entries(tt)) {
    if (!Number.isFinite(v) || v < -1e-6) throw new Error(`${k} = ${v} at t=${s.t}`);
  }
  for (const [k, v] of Object.entries(tt))
    if (!Number.isInteger(v)) throw new Error(`${k} = ${v} is not a whole number at t=${s.t}`);
  if (tt.sent !== tt.written + tt.lost + tt.inFlight)
    throw new Error(`sent ${tt.sent} != written+lost+inFlight at t=${s.t}`);
  if (tt.refused > tt.sent || tt.refused > tt.refusedAttempts)
    throw new Error(
      `refused ${tt.refused} spans of ${tt.sent} sent, ${tt.refusedAttempts} attempts at t=${s.t}`,
    );
  for (const field of allFields(s))
    for (const x of field)
      if (!Number.isFinite(x) && x !== Number.NEGATIVE_INFINITY) throw new Error(`instance figure ${x}`);
  const v = views(s);
  for (const i of v.instances) {
    for (const n of [i.cpuCores, i.memoryBytes, i.lagSeconds])
      if (!Number.isFinite(n) || n < 0) throw new Error(`${i.name}: ${n}`);
    if (i.cpuCores > i.cpuLimit + 1e-9)
      throw new Error(`${i.name} CPU ${i.cpuCores} over limit ${i.cpuLimit}`);
  }
  for (const f of v.flows)
    if (!Number.isFinite(f.rate) || f.rate < 0 || !Number.isFinite(f.refused) || f.refused < 0)
      throw new Error(`flow ${f.from}->${f.to}`);
  for (const n of [v.queries.p50Ms, v.queries.p99Ms, v.queries.issued, v.queries.failed])
    if (!Number.isFinite(n) || n < 0) throw new Error(`query figure ${n}`);
  if (v.queries.failed > v.queries.issued + 1e-6) throw new Error('more queries failed than issued');
}

describe('simulation properties', () => {
  it('generated scenarios are valid scenarios', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => scenarioSchema.safeParse(s).success),
      { numRuns: 50 },
    );
  });

  it('sent = written + lost + inFlight at every step, nothing negative or NaN, at any slider extreme', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.array(
          fc.tuple(
            fc.integer({ min: 0, max: 120 }),
            fc.oneof(
              actionArb.map((a) => ({ a })),
              loadArb.map((l) => ({ l })),
            ),
          ),
          { maxLength: 4 },
        ),
        (scenario, changes) => {
          let s = createSimulation(scenario);
          check(s);
          for (let k = 0; k < 150; k++) {
            for (const [at, c] of changes) {
              if (at !== k) continue;
              s = 'a' in c ? inject(s, c.a) : setLoad(s, c.l);
            }
            stepMut(s);
            check(s);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the same seed gives the same summary JSON; step leaves its input untouched', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const run = () => {
          let s = createSimulation(scenario);
          for (let k = 0; k < 80; k++) s = step(s);
          return JSON.stringify(summarize(s));
        };
        const a = run();
        expect(run()).toBe(a);
        const s0 = createSimulation(scenario);
        const before = JSON.stringify(summarize(s0));
        const figures = () => allFields(s0).map((f) => Array.from(f));
        const inst = figures();
        const s1 = step(s0);
        expect(JSON.stringify(summarize(s0))).toBe(before);
        expect(figures()).toEqual(inst);
        expect(s1.t).toBe(s0.t + 1);
      }),
      { numRuns: 20 },
    );
  });
});
