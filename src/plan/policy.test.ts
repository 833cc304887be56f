/**
 * The planner's policy as an operator reads it: published floors hold by default, every figure names
 * its source, each part is sized by what limits it and the answer survives the outage it was sized for.
 * Every check here replays the answer's own scenario in the engine, apart from the planner's code.
 */
import { describe, expect, it } from 'vitest';
import { NOTABLE_DIFF, simulateProcesses } from '../measure/compare';
import { GiB, type ProcessKind } from '../model/catalog';
import type { Scenario } from '../model/scenario';
import { createSimulation, stepMut } from '../sim/engine';
import { heldMemoryBytes } from '../sim/resources';
import { instanceViews, totals } from '../sim/views';
import { DEFAULT_PLAN_INPUT, type ModePlan, type PlanInput, planMode } from './planner';
import { PRODUCER_BUFFER_BYTES } from './rules';

const at = (mbps: number, patch: Partial<PlanInput> = {}): PlanInput => ({
  ...DEFAULT_PLAN_INPUT,
  spansPerSecond: Math.round((mbps * 1e6) / DEFAULT_PLAN_INPUT.spanSizeBytes),
  ...patch,
});

const cache = new Map<string, ModePlan>();
function answer(
  version: '2.10' | '3.0',
  mode: ModePlan['mode'],
  mbps: number,
  patch: Partial<PlanInput> = {},
) {
  const key = JSON.stringify([version, mode, mbps, patch]);
  let p = cache.get(key);
  if (!p) {
    p = planMode(at(mbps, { version, ...patch }), mode);
    cache.set(key, p);
  }
  expect(p.ok, p.problem).toBe(true);
  if (!p.scenario) throw new Error(p.problem);
  return { plan: p, scenario: p.scenario };
}

const CASES: ['2.10' | '3.0', ModePlan['mode'], number][] = [
  ['2.10', 'monolithic', 10],
  ['2.10', 'scalable-single-binary', 20],
  ['2.10', 'microservices', 10],
  ['2.10', 'microservices', 100],
  ['3.0', 'monolithic', 10],
  ['3.0', 'microservices', 10],
  ['3.0', 'microservices', 100],
];

describe('published floors hold unless the user lowers them', () => {
  it.each(CASES)(
    '%s %s at %d MB/s: no figure below its published floor',
    (version, mode, mbps) => {
      const { plan, scenario } = answer(version, mode, mbps);
      for (const c of plan.components) {
        const f = c.published.floor;
        const cfg = scenario.components[c.kind]!;
        expect(cfg.cpu, `${c.kind} CPU`).toBeGreaterThanOrEqual(f.cpu);
        expect(cfg.memoryBytes, `${c.kind} memory`).toBeGreaterThanOrEqual(f.memoryBytes);
        expect(cfg.replicas, `${c.kind} replicas`).toBeGreaterThanOrEqual(f.replicas);
        // The published range is shown beside every figure, with the page and version it comes from.
        expect(c.published.doc).toMatch(
          /Tempo v(2\.10\.8|3\.0\.3) docs, "(Size the cluster|Deployment modes)"/,
        );
        if (c.published.range.memoryBytes)
          expect(c.published.range.memoryBytes.source).toMatch(/v(2\.10\.8|3\.0\.3)/);
        for (const d of c.deviations) expect(d).toMatch(/(above|below) the published .*: /);
      }
    },
    300_000,
  );

  it('queriers, query-frontends and compactors hold 4 GB; a 3.0 distributor holds its 1 GiB Kafka buffer plus headroom', () => {
    const m210 = answer('2.10', 'microservices', 100).scenario.components;
    for (const k of ['querier', 'query-frontend', 'compactor', 'ingester'] as ProcessKind[])
      expect(m210[k]!.memoryBytes, k).toBeGreaterThanOrEqual(4e9);
    // 1 per 1-2 MB/s and 1 per 3-5 MB/s: at 100 MB/s at least 50 queriers and 20 compactors.
    expect(m210.querier!.replicas).toBeGreaterThanOrEqual(50);
    expect(m210.compactor!.replicas).toBeGreaterThanOrEqual(20);
    const d30 = answer('3.0', 'microservices', 100).scenario.components.distributor!;
    expect(d30.memoryBytes).toBeGreaterThanOrEqual(PRODUCER_BUFFER_BYTES / DEFAULT_PLAN_INPUT.headroom);
    expect(d30.memoryBytes).toBeGreaterThanOrEqual(3 * GiB);
  }, 300_000);

  it('trusting the simulation below published floors lets an idle querier go under 4 GB, and says why', () => {
    const { plan } = answer('2.10', 'microservices', 10, { trustBelowFloors: true });
    const q = plan.components.find((c) => c.kind === 'querier')!;
    expect(q.memoryBytes).toBeLessThan(4e9);
    expect(q.deviations.join(' ')).toMatch(
      /memory .* below the published 4-20 GB .*run [0-9]+: memory .*peak memory only/,
    );
    expect(plan.notes.join(' ')).toMatch(/Trusting the simulation below published floors/);
  }, 300_000);

  it('trusting the simulation never gives a pod less memory than the simulation holds in it: no querier of 0.5 GiB', () => {
    const { plan, scenario } = answer('2.10', 'microservices', 10, { trustBelowFloors: true });
    const c = scenario.components;
    // A querier runs max_concurrent_queries (20) jobs at once in any burst: 512 MiB + 20 x 150 MiB
    // (calibration.ts, from the sizing page's 4-20 GB); a compactor at work holds its jsonnet request, 3Gi.
    expect(c.querier!.memoryBytes).toBeGreaterThanOrEqual(3.4 * GiB);
    expect(c.compactor!.memoryBytes).toBeGreaterThanOrEqual(3 * GiB);
    for (const k of Object.keys(c) as ProcessKind[])
      expect(c[k]!.memoryBytes, k).toBeGreaterThanOrEqual(heldMemoryBytes(k, false));
    const q = plan.components.find((x) => x.kind === 'querier')!;
    expect(q.moves.join(' ')).toMatch(/not below 3\.4 GiB, what the simulation holds in one/);
    // And the comparison with a measured cluster reads the same memory: a querier measured at its
    // jsonnet request (1Gi) at one search a second is within a quarter of the model.
    const sim = simulateProcesses(scenario);
    const querier = [...sim.values()].find((p) => p.kind === 'querier')!;
    expect(Math.abs(querier.mem.median - GiB) / querier.mem.median).toBeLessThan(NOTABLE_DIFF);
  }, 300_000);

  it('the rules that are ours say so: the backend-worker rate and the monolith resources', () => {
    const w = answer('3.0', 'microservices', 10).plan.components.find((c) => c.kind === 'backend-worker')!;
    expect(w.published.ours.join(' ')).toMatch(/1 per 12 MB\/s/);
    expect(w.published.range.replicas).toBeNull();
    const m = answer('3.0', 'monolithic', 10).plan.components[0]!;
    expect(m.published.ours.join(' ')).toMatch(/2 CPU \/ 4 GiB/);
    expect(m.published.floor.source).toMatch(/^ours/);
  }, 300_000);
});

/** Replay an answer through an object-storage outage; what each stateful kind held and Kafka lag. */
function outageReplay(s: Scenario, hours: number) {
  const sim = createSimulation({
    ...s,
    events: [{ at: 60, kind: 'storage-outage', durationSeconds: hours * 3600 }],
  });
  const cfg = sim.cfg;
  const held = new Map<ProcessKind, number>();
  let lag = 0;
  const kafka = s.tempoVersion === '3.0' && s.mode === 'microservices';
  while (sim.t < 60 + hours * 3600 + 3600) {
    stepMut(sim);
    for (const v of instanceViews(sim))
      if (v.volumeBytes > 0)
        held.set(v.kind as ProcessKind, Math.max(held.get(v.kind as ProcessKind) ?? 0, v.diskBytes));
    if (kafka)
      for (const i of [...cfg.stores, ...cfg.blockBuilders]) lag = Math.max(lag, sim.consumer.lagSeconds[i]!);
  }
  const full = sim.events.filter((e) => e.kind === 'volume-full' || e.kind === 'records-expired').length;
  return { held, lag, lost: totals(sim).lost, full };
}

describe('volumes and Kafka retention survive the outage they were sized for', () => {
  it.each([
    ['3.0', 'microservices', 100, 2],
    ['3.0', 'microservices', 10, 4],
    ['2.10', 'microservices', 10, 2],
    ['3.0', 'monolithic', 10, 1],
  ] as const)(
    '%s %s at %d MB/s, %d h without object storage',
    (version, mode, mbps, hours) => {
      const { plan, scenario } = answer(version, mode, mbps, { outageHours: hours });
      const r = outageReplay(scenario, hours);
      for (const [kind, bytes] of r.held) {
        const volume = scenario.components[kind]?.volumeBytes;
        expect(volume, kind).toBeDefined();
        expect(bytes, `${kind} held ${bytes} on a ${volume} volume`).toBeLessThanOrEqual(volume ?? 0);
        expect(plan.components.find((c) => c.kind === kind)?.volume?.evidence).toMatch(
          /run [0-9]+ \([0-9]+ h object-storage outage\)/,
        );
      }
      // The engine drops what a full volume cannot take and what Kafka no longer holds: none of that here.
      expect(r.full).toBe(0);
      expect(r.lost).toBe(0);
      if (version === '3.0' && mode === 'microservices') {
        // Records must outlive the longest lag: the block-builders catch up from Kafka after the outage.
        expect(r.lag).toBeGreaterThan(hours * 3600 * 0.9);
        expect(r.lag).toBeLessThanOrEqual((scenario.settings.kafkaRetentionHours ?? 0) * 3600);
      }
    },
    300_000,
  );

  it('a longer outage asks for a bigger 2.10 ingester volume and a longer 3.0 Kafka retention', () => {
    const short = answer('2.10', 'microservices', 10, { outageHours: 1 }).scenario.components.ingester!;
    const long = answer('2.10', 'microservices', 10, { outageHours: 6 }).scenario.components.ingester!;
    expect(long.volumeBytes ?? 0).toBeGreaterThan(short.volumeBytes ?? 0);
    const k = answer('3.0', 'microservices', 10, { outageHours: 30, kafkaRetentionHours: 1 }).scenario
      .settings;
    expect(k.kafkaRetentionHours ?? 0).toBeGreaterThan(30);
  }, 300_000);
});

describe('each part sized by what limits it', () => {
  it('compactors: a long steady replay keeps the level-0 backlog bounded', () => {
    const { plan, scenario } = answer('2.10', 'microservices', 100);
    expect(plan.backlog?.bounded).toBe(true);
    expect(plan.backlog?.hours).toBeGreaterThanOrEqual(2);
    const sim = createSimulation({ ...scenario, events: [] });
    let atOneHour = 0;
    while (sim.t < 2 * 3600) {
      stepMut(sim);
      if (sim.t === 3600) atOneHour = sim.g.l0Bytes;
    }
    // Ten minutes of load of slack: blocks arrive in batches.
    expect(sim.g.l0Bytes).toBeLessThanOrEqual(atOneHour * 1.1 + 100e6 * 600);
    expect(plan.components.find((c) => c.kind === 'compactor')?.sizedBy).toMatch(
      /compaction backlog: run [0-9]+, 2 h/,
    );
  }, 300_000);

  it('queriers: sized by the read load, with the p99 they reach stated', () => {
    const { plan } = answer('2.10', 'microservices', 10);
    const q = plan.components.find((c) => c.kind === 'querier')!;
    expect(plan.check?.p99SteadyMs).toBeGreaterThan(0);
    expect(q.sizedBy).toMatch(/the read load: 1 searches\/s over 60 min; p99 [0-9.]+ (ms|s) at steady load/);
  }, 300_000);

  it('traces over max_bytes_per_trace: the real reason, not "cannot lose its busiest instance" (5 spans/s)', () => {
    // 200 spans of 50 kB: 10 MB traces, past the 5 MB default; Tempo discards them on any cluster.
    const p = planMode(
      {
        ...DEFAULT_PLAN_INPUT,
        version: '2.10',
        spansPerSecond: 5,
        spanSizeBytes: 50_000,
        spansPerTrace: 200,
      },
      'microservices',
    );
    expect(p.problem ?? '').not.toMatch(/busiest instance/);
    expect(p.ok).toBe(true);
    expect(p.caveats.join(' ')).toMatch(/max_bytes_per_trace \(5 MB.*TRACE_TOO_LARGE.* on any cluster/);
    expect(p.check?.discarded).toBeGreaterThan(0);
  }, 300_000);
});
