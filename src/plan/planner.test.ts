import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DeploymentMode, ProcessKind } from '../model/catalog';
import { LIMITS, liveStoreZones, type Scenario } from '../model/scenario';
import { createSimulation, stepMut } from '../sim/engine';
import { totals } from '../sim/views';
import {
  CHECK,
  DEFAULT_PLAN_INPUT,
  type ModePlan,
  PlanCancelled,
  type PlanInput,
  plan,
  planMode,
  scenarioErrors,
} from './planner';
import { publishedRules, SSB_MAX_MBPS } from './rules';

const at = (mbps: number, patch: Partial<PlanInput> = {}): PlanInput => ({
  ...DEFAULT_PLAN_INPUT,
  spansPerSecond: Math.round((mbps * 1e6) / DEFAULT_PLAN_INPUT.spanSizeBytes),
  ...patch,
});

const BATCH = new Set<ProcessKind>(['block-builder', 'backend-worker', 'compactor']);

/**
 * Replay an answer's scenario as saved (its spike and kill are on the timeline) and measure what the
 * planner promises: spans lost, OOM kills, peak memory share, and CPU share (5 s average for serving
 * processes, the run's mean for batch work; a killed instance's recovery after the kill not counted).
 */
function replay(s: Scenario) {
  const sim = createSimulation(s);
  const killed = s.events.find((e) => e.kind === 'kill');
  const killedAt = killed?.instance ? (sim.cfg.index.get(killed.instance) ?? -1) : -1;
  const n = sim.cfg.n;
  const peak = new Float64Array(n);
  const sum = new Float64Array(n);
  let samples = 0;
  while (sim.t < CHECK.durationS) {
    stepMut(sim);
    if (sim.t < CHECK.settleS) continue;
    samples++;
    for (let i = 0; i < n; i++) {
      sum[i]! += sim.proc.cpu[i]! / sim.cfg.cpuLimit[i]!;
      if (i === killedAt && sim.t >= (killed?.at ?? 0)) continue;
      peak[i] = Math.max(peak[i]!, sim.proc.cpuAvg[i]! / sim.cfg.cpuLimit[i]!);
    }
  }
  let cpu = 0;
  let mem = 0;
  let oom = 0;
  for (let i = 0; i < n; i++) {
    const kind = sim.cfg.kinds[i]!;
    cpu = Math.max(cpu, BATCH.has(kind) ? sum[i]! / samples : peak[i]!);
    mem = Math.max(mem, sim.proc.peakMem[i]! / sim.cfg.memLimit[i]!);
    oom += sim.proc.oomKills[i]!;
  }
  return {
    lost: totals(sim).lost,
    sent: totals(sim).sent,
    cpu,
    mem,
    oom,
    hasSpike: s.events.some((e) => e.kind === 'spike'),
  };
}

const okPlan = (p: ModePlan) => {
  expect(p.ok, p.problem).toBe(true);
  if (!p.scenario || !p.totals) throw new Error(p.problem);
  return { scenario: p.scenario, totals: p.totals };
};

describe('planner: answers the simulation holds', () => {
  it('3.0 microservices at 100 MB/s in 2 zones: live-stores = partitions x 2, one scheduler, and it passes a replay', () => {
    const p = planMode(at(100, { version: '3.0', zones: 2 }), 'microservices');
    const { scenario } = okPlan(p);
    expect(scenarioErrors(scenario)).toEqual([]);
    const parts = scenario.settings.kafkaPartitions;
    expect(scenario.components['live-store']?.replicas).toBe(parts * 2);
    expect(liveStoreZones(scenario)).toBe(2);
    expect(scenario.components['block-builder']?.replicas).toBe(parts);
    expect(scenario.components['backend-scheduler']?.replicas).toBe(1);
    expect(scenario.settings.start).toBe('steady');
    const r = replay(scenario);
    expect(r.lost).toBe(0);
    expect(r.sent).toBeGreaterThan(100 * 2000 * 1100);
    expect(r.hasSpike).toBe(true);
    expect(scenario.events.some((e) => e.kind === 'kill')).toBe(true);
    expect(r.cpu).toBeLessThanOrEqual(0.7 + 1e-9);
    expect(r.mem).toBeLessThanOrEqual(0.7 + 1e-9);
  }, 120_000);

  it('says where and why the simulation moved each component from the published rule, with the doc version', () => {
    const p = planMode(at(100, { version: '2.10' }), 'microservices');
    okPlan(p);
    for (const c of p.components) {
      expect(c.published.doc).toMatch(/Tempo v2\.10\.8 docs, "Size the cluster"/);
      expect(c.published.rule.length).toBeGreaterThan(5);
      if (c.replicas !== c.published.replicas)
        expect(
          c.moves.some((m) => /^run [0-9]+: replicas /.test(m)),
          c.kind,
        ).toBe(true);
    }
    // At 1 query/s queriers sized at 1 per 1.5 MB/s idle: the simulation takes some away.
    const q = p.components.find((c) => c.kind === 'querier');
    expect(q?.replicas).toBeLessThan(q?.published.replicas ?? 0);
    expect(q?.moves.join(' ')).toMatch(/peak CPU only/);
  }, 120_000);

  it('a monolith is sized at 10 MB/s (one `all`), with the caveat that it cannot survive losing it', () => {
    for (const version of ['2.10', '3.0'] as const) {
      const p = planMode(at(10, { version }), 'monolithic');
      const { scenario } = okPlan(p);
      expect(scenario.components.tempo?.replicas).toBe(1);
      expect(scenarioErrors(scenario)).toEqual([]);
      // Its check never kills it (that cannot be survived); the caveat says what a loss costs.
      expect(scenario.events.some((e) => e.kind === 'kill')).toBe(false);
      expect(replay(scenario).lost).toBe(0);
      expect(p.caveats.join(' ')).toMatch(
        /cannot survive the loss of its one process: .* it lost [1-9][0-9]* spans/,
      );
      expect(p.components[0]?.published.ours.join(' ')).toMatch(/no page gives a figure/);
    }
    const single = planMode(at(10, { version: '3.0', tolerateLoss: false }), 'monolithic');
    expect(okPlan(single).scenario.components.tempo?.replicas).toBe(1);
  }, 120_000);

  it('3.0 has no scalable single binary; beyond one cluster it says so instead of building it', () => {
    expect(plan(at(10, { version: '3.0' })).plans.map((p) => p.mode)).toEqual([
      'monolithic',
      'microservices',
    ]);
    expect(planMode(at(10, { version: '3.0' }), 'scalable-single-binary').problem).toMatch(/removed/);
    for (const version of ['2.10', '3.0'] as const) {
      const p = planMode(at(5000, { version }), 'microservices');
      expect(p.ok).toBe(false);
      expect(p.scenario).toBeUndefined();
      expect(p.problem).toMatch(/Beyond one cluster.*more than one cluster here holds \(500\)/);
    }
    expect(planMode(at(100, { version: '2.10' }), 'monolithic').problem).toMatch(
      /Not offered at 100 MB\/s: 100 MB\/s is more than one `all` process holds \(about 25-35 MB\/s, Tempo v3\.0\.3 docs, "Deployment modes"/,
    );
    // SSB: offered up to the 35 MB/s the docs give a process running every module, not 250 replicas at 1 GB/s.
    expect(planMode(at(100, { version: '2.10' }), 'scalable-single-binary').problem).toMatch(
      /Not offered at 100 MB\/s: scalable single binary is offered up to 35 MB\/s/,
    );
  });

  it('totals: object storage = rate x retention / compression, Kafka at least 40 minutes, cost from the prices', () => {
    const input = at(100, {
      version: '3.0',
      kafkaRetentionHours: 40 / 60,
      outageHours: 0,
      retentionHours: 24,
      compressionRatio: 5,
    });
    const p = planMode(input, 'microservices');
    const { totals: t } = okPlan(p);
    expect(t.objectStorageBytes).toBeCloseTo((100e6 * 24 * 3600) / 5, -6);
    // No outage to survive: the retention is what the slowest consumer needs, in whole hours (>= 40 min).
    expect(t.kafka?.retentionHours).toBeGreaterThanOrEqual(40 / 60);
    expect(t.kafka?.retentionHours).toBeLessThanOrEqual(1);
    expect(t.kafka?.partitions).toBeGreaterThanOrEqual(10);
    const free = {
      corePerMonth: 0,
      memoryGiBPerMonth: 0,
      objectStorageGBPerMonth: 1,
      kafkaDiskGBPerMonth: 0,
    };
    const { totals: t2 } = okPlan(planMode({ ...input, prices: free }, 'microservices'));
    expect(t2.monthlyCost).toBeCloseTo(t.objectStorageBytes / 1e9);
  }, 120_000);
});

describe('planner: progress and cancel', () => {
  it('reports each simulation and stops when cancelled', () => {
    const seen: number[] = [];
    expect(() =>
      planMode(at(50, { version: '3.0' }), 'microservices', {
        onProgress: (p) => seen.push(p.simulations),
        cancelled: () => seen.length >= 2,
      }),
    ).toThrow(PlanCancelled);
    expect(seen).toEqual([1, 2]);
  });
});

const PROPERTY_RUNS = 6;
/** Scalable single binary is offered up to 35 MB/s (rules.ts SSB_MAX_MBPS); the other modes take any load. */
const offered = (mode: DeploymentMode, mbps: number) =>
  mode === 'scalable-single-binary' ? Math.min(mbps, SSB_MAX_MBPS) : mbps;
const modeArb = fc.constantFrom<[PlanInput['version'], DeploymentMode]>(
  ['2.10', 'microservices'],
  ['2.10', 'scalable-single-binary'],
  ['3.0', 'microservices'],
);

describe('planner: properties (each run is a dozen simulations)', () => {
  it('every answer is a valid scenario that replays with 0 spans lost within the headroom', () => {
    fc.assert(
      fc.property(
        modeArb,
        fc.integer({ min: 1, max: 150 }),
        fc.integer({ min: 1, max: 3 }),
        fc.boolean(),
        fc.constantFrom(0.6, 0.7, 0.8),
        ([version, mode], mbps, zones, tolerateLoss, headroom) => {
          const p = planMode(at(offered(mode, mbps), { version, zones, tolerateLoss, headroom }), mode);
          const { scenario } = okPlan(p);
          expect(scenarioErrors(scenario)).toEqual([]);
          for (const c of Object.values(scenario.components))
            expect(c.replicas).toBeLessThanOrEqual(LIMITS.replicas.max);
          const r = replay(scenario);
          expect(r.lost).toBe(0);
          expect(r.oom).toBe(0);
          expect(r.cpu).toBeLessThanOrEqual(headroom + 1e-9);
          expect(r.mem).toBeLessThanOrEqual(headroom + 1e-9);
        },
      ),
      { numRuns: PROPERTY_RUNS, seed: 12 },
    );
  }, 120_000);

  it('more load never gives a smaller cluster (total cores and pods)', () => {
    fc.assert(
      fc.property(
        modeArb,
        fc.integer({ min: 1, max: 150 }),
        fc.integer({ min: 1, max: 150 }),
        ([version, mode], a, b) => {
          const [lo, hi] =
            a <= b ? [offered(mode, a), offered(mode, b)] : [offered(mode, b), offered(mode, a)];
          const small = okPlan(planMode(at(lo, { version }), mode)).totals;
          const large = okPlan(planMode(at(hi, { version }), mode)).totals;
          expect(large.cores, `${lo} -> ${hi} MB/s`).toBeGreaterThanOrEqual(small.cores);
          expect(large.pods, `${lo} -> ${hi} MB/s`).toBeGreaterThanOrEqual(small.pods);
        },
      ),
      { numRuns: PROPERTY_RUNS, seed: 7 },
    );
  }, 120_000);

  it('mid-range answers (20-200 MB/s) sit within 2x of the published sizing in total cores', () => {
    fc.assert(
      fc.property(modeArb, fc.integer({ min: 20, max: 200 }), ([version, mode], wanted) => {
        const mbps = offered(mode, wanted);
        const input = at(mbps, { version });
        const { totals: t } = okPlan(planMode(input, mode));
        const rules = publishedRules(version, mode, mbps, input.zones, input.tolerateLoss);
        const published = rules.rows.reduce((sum, r) => sum + r.replicas * r.cpu, 0);
        expect(t.cores, `${mbps} MB/s: ${t.cores} vs ${published} published`).toBeLessThanOrEqual(
          2 * published,
        );
        expect(t.cores, `${mbps} MB/s: ${t.cores} vs ${published} published`).toBeGreaterThanOrEqual(
          published / 2,
        );
      }),
      { numRuns: PROPERTY_RUNS, seed: 3 },
    );
  }, 120_000);
});
