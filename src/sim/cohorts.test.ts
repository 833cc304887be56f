/**
 * Replicas that run as one (cohorts.ts) must give what stepping every replica gives: every golden case
 * and random microservices clusters with kills and OOMs, both ways, compared field by field.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createScenario, normalizeScenario, type Scenario } from '../model/scenario';
import { benchScenario } from './bench';
import { BASE_MEMORY } from './calibration';
import { createSimulation, inject, type SimAction, type SimState, setLoad, stepMut } from './engine';
import { GOLDEN_CASES } from './golden/cases';
import { allFields } from './state';

function close(a: number, b: number): boolean {
  if (Object.is(a, b)) return true;
  // Sums in another order differ in the last bits, and a residue of 1e-16 is zero.
  return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1);
}

/** The first difference between two states of the same scenario, or '' when they agree. */
function difference(a: SimState, b: SimState): string {
  const fa = allFields(a);
  const fb = allFields(b);
  for (let f = 0; f < fa.length; f++)
    for (let i = 0; i < a.cfg.n; i++)
      if (!close(fa[f]![i]!, fb[f]![i]!))
        return `t=${a.t} field ${f} of ${a.cfg.names[i]}: ${fa[f]![i]} != ${fb[f]![i]}`;
  for (const k of Object.keys(a.g) as (keyof SimState['g'])[]) {
    const x = a.g[k];
    const y = b.g[k];
    if (typeof x === 'number' && typeof y === 'number' ? !close(x, y) : x !== y)
      return `t=${a.t} g.${k}: ${x} != ${y}`;
  }
  const ea = a.events.map((e) => `${e.t} ${e.message}`).join('\n');
  const eb = b.events.map((e) => `${e.t} ${e.message}`).join('\n');
  return ea === eb ? '' : `t=${a.t} events differ:\n${ea}\n---\n${eb}`;
}

/** Run a scenario both ways with live actions; the first difference, checked every `every` steps. */
function bothWays(
  scenario: Scenario,
  seconds: number,
  live: { at: number; action: SimAction }[],
  every = 25,
) {
  let merged = createSimulation(scenario);
  let single = createSimulation(scenario, { cohorts: false });
  let mergedSteps = 0;
  for (let t = 0; t < seconds; t++) {
    for (const l of live)
      if (l.at === t) {
        merged = inject(merged, l.action);
        single = inject(single, l.action);
      }
    stepMut(merged);
    stepMut(single);
    if (merged.co.active.length < merged.cfg.n) mergedSteps++;
    if (t % every === 0 || t === seconds - 1) {
      const d = difference(merged, single);
      if (d) return { difference: d, mergedSteps };
    }
  }
  return { difference: '', mergedSteps };
}

describe('replicas that run as one', () => {
  it('merge the bench cluster to its distinct processes', () => {
    const s = createSimulation(benchScenario());
    // 100 distributors, 57 queriers, 2 frontends and 20 workers run as one each: 300 - 175 walked.
    expect(s.cfg.n).toBe(300);
    expect(s.co.active.length).toBe(125);
    expect(createSimulation(benchScenario(), { cohorts: false }).co.active.length).toBe(300);
  });

  for (const c of GOLDEN_CASES)
    it(`give the same run as single replicas: ${c.name}`, () => {
      const r = bothWays(c.scenario, Math.min(c.seconds, 900), c.live ?? []);
      expect(r.difference).toBe('');
    }, 60_000);

  it('split when one replica is killed, and merge again once all are the same', () => {
    const s0 = createScenario('2.10', 'microservices');
    const scenario = normalizeScenario({
      ...s0,
      components: { ...s0.components, querier: { replicas: 4, cpu: 1, memoryBytes: 4 * 1024 ** 3 } },
    });
    let s = createSimulation(scenario);
    const querier0 = s.cfg.index.get('querier-0')!;
    expect(s.co.weight[querier0]).toBe(4);
    s = inject(s, { kind: 'kill', instance: 'querier-1' });
    expect(s.co.weight[querier0]).toBe(1);
    for (let k = 0; k < 600; k++) stepMut(s);
    // querier-1 counts a kill the others do not: they stay single replicas.
    expect(s.co.weight[querier0]).toBe(1);
    expect(s.proc.kills[s.cfg.index.get('querier-1')!]).toBe(1);
  });

  it('an OOM kills every replica of a merged cohort, each with its own event; they merge again', () => {
    const s0 = createScenario('3.0', 'microservices');
    // Three distributors at about 65 MiB over their base each under this load, with a limit 50 MiB
    // over it. The rate limit is raised to 100 MB/s per distributor (a real value) so none of the
    // 67 MB/s each takes is refused.
    const limit = (BASE_MEMORY.distributor ?? 0) + 50 * 1024 ** 2;
    const scenario = normalizeScenario({
      ...s0,
      settings: { ...s0.settings, rateLimitBytes: 100e6, burstSizeBytes: 100e6 },
      components: { ...s0.components, distributor: { replicas: 3, cpu: 4, memoryBytes: limit } },
      load: { ...s0.load, spansPerSecond: 400_000 },
    });
    let merged = createSimulation(scenario);
    let single = createSimulation(scenario, { cohorts: false });
    for (let t = 0; t < 1500; t++) {
      if (t === 200) {
        // The load drops: they restart and stay up.
        merged = setLoad(merged, { ...scenario.load, spansPerSecond: 20_000 });
        single = setLoad(single, { ...scenario.load, spansPerSecond: 20_000 });
      }
      stepMut(merged);
      stepMut(single);
      expect(difference(merged, single)).toBe('');
    }
    const kills = merged.events
      .filter((e) => e.kind === 'oom-kill' && e.instance.startsWith('distributor'))
      .map((e) => e.instance);
    expect(new Set(kills)).toEqual(new Set(['distributor-0', 'distributor-1', 'distributor-2']));
    expect(merged.proc.oomKills[0]).toBeGreaterThan(0);
    expect([...merged.proc.oomKills.slice(0, 3)]).toEqual(Array(3).fill(merged.proc.oomKills[0]));
    expect(merged.co.weight[0]).toBe(3);
  });

  it('a merged cohort over the rate limit: one event per distributor, as single replicas give', () => {
    const s0 = createScenario('2.10', 'microservices');
    const scenario = normalizeScenario({
      ...s0,
      settings: { ...s0.settings, rateLimitBytes: 5 * 1024 ** 2, burstSizeBytes: 5 * 1024 ** 2 },
      components: { ...s0.components, distributor: { replicas: 3, cpu: 8, memoryBytes: 4 * 1024 ** 3 } },
      load: { ...s0.load, spansPerSecond: 200_000 },
    });
    expect(bothWays(scenario, 200, [], 1).difference).toBe('');
    const s = createSimulation(scenario);
    expect(s.co.weight[s.cfg.index.get('distributor-0')!]).toBe(3);
    for (let k = 0; k < 30; k++) stepMut(s);
    const limited = s.events.filter((e) => e.kind === 'rate-limited').map((e) => e.instance);
    expect(limited).toEqual(['distributor-0', 'distributor-1', 'distributor-2']);
  });

  it('give the same run as single replicas for any microservices cluster, load and kill', () => {
    fc.assert(
      fc.property(
        fc.record({
          version: fc.constantFrom('2.10' as const, '3.0' as const),
          distributors: fc.integer({ min: 1, max: 6 }),
          queriers: fc.integer({ min: 1, max: 6 }),
          distributorMemMiB: fc.integer({ min: 120, max: 2048 }),
          spansPerSecond: fc.integer({ min: 0, max: 300_000 }),
          queriesPerSecond: fc.integer({ min: 0, max: 40 }),
          killAt: fc.integer({ min: 0, max: 200 }),
          kill: fc.constantFrom('distributor-0', 'distributor-1', 'querier-0', 'querier-2', 'none'),
          fresh: fc.boolean(),
        }),
        (p) => {
          const base = createScenario(p.version, 'microservices');
          const scenario = normalizeScenario({
            ...base,
            settings: { ...base.settings, start: p.fresh ? 'fresh' : 'steady' },
            components: {
              ...base.components,
              distributor: { replicas: p.distributors, cpu: 1, memoryBytes: p.distributorMemMiB * 1024 ** 2 },
              querier: { replicas: p.queriers, cpu: 1, memoryBytes: 2 * 1024 ** 3 },
            },
            load: {
              ...base.load,
              spansPerSecond: p.spansPerSecond,
              queriesPerSecond: p.queriesPerSecond,
            },
          });
          const live =
            p.kill === 'none'
              ? []
              : [{ at: p.killAt, action: { kind: 'kill', instance: p.kill } as SimAction }];
          expect(bothWays(scenario, 300, live).difference).toBe('');
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);
});
