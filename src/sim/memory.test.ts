/**
 * Memory outside the hot path: what each process holds at steady state besides live traces, against
 * the published figures (calibration.ts BASE_MEMORY, QUERY_JOB_MEMORY_BYTES, COMPACT_WORKING_SET_BYTES):
 * the sizing page (docs/sources/tempo/set-up-for-tracing/setup-tempo/plan/size.md, v3.0.3 and
 * v2.10.8), the jsonnet's requests and limits (operations/jsonnet/microservices/config.libsonnet) and
 * grafana/tempo #2690.
 */
import { describe, expect, it } from 'vitest';
import { createScenario, type Load, normalizeScenario, type Scenario } from '../model/scenario';
import { createSimulation, runFor } from './engine';
import { summarize, views } from './views';

const GiB = 1024 ** 3;

function steady(
  version: Scenario['tempoVersion'],
  load: Partial<Load> = {},
  components: Scenario['components'] = {},
  metricsGenerator = false,
): Scenario {
  const base = createScenario(version, 'microservices');
  const s = normalizeScenario({
    ...base,
    settings: { ...base.settings, start: 'steady', metricsGenerator },
    components: {},
    load: { ...base.load, ...load },
  });
  return { ...s, components: { ...s.components, ...components } };
}

/** Median and peak resident memory of the first process of `kind` over `seconds`, sampled every 10 s. */
function memoryOf(s: Scenario, kind: string, seconds = 900) {
  let st = createSimulation(s);
  const seen: number[] = [];
  for (let t = 0; t < seconds; t += 10) {
    st = runFor(st, 10);
    const v = views(st).instances.find((i) => i.kind === kind);
    if (v) seen.push(v.memoryBytes);
  }
  const name = views(st).instances.find((i) => i.kind === kind)!.name;
  const sorted = [...seen].sort((a, b) => a - b);
  const out = summarize(st).instances[name]!;
  return { median: sorted[Math.floor(sorted.length / 2)]!, peak: out.peakMemoryBytes, oom: out.oomKills };
}

describe('queriers (sizing page: 4-20 GB "determined by trace composition and queries"; jsonnet 1Gi request)', () => {
  it('a querier at max_concurrent_queries holds about 3.4 GiB, the low end of the page with headroom', () => {
    // 2 queriers, a search load that keeps all 20 slots of each busy.
    const s = steady(
      '2.10',
      { queriesPerSecond: 30, queryRangeMinutes: 180 },
      { querier: { replicas: 2, cpu: 2, memoryBytes: 8 * GiB } },
    );
    const m = memoryOf(s, 'querier', 300);
    expect(m.median).toBeGreaterThan(3 * GiB);
    expect(m.median).toBeLessThan(4 * GiB);
  });

  it('a querier at one query a second holds about the jsonnet request (1Gi), not half a GiB', () => {
    const m = memoryOf(steady('3.0', { queriesPerSecond: 1 }), 'querier');
    expect(m.median).toBeGreaterThan(0.75 * GiB);
    expect(m.median).toBeLessThan(1.5 * GiB);
  });

  it('the memory follows the concurrent jobs: 4 GiB queriers pushed past their slots are not OOM-killed', () => {
    // Jobs past max_concurrent_queries wait in the frontend's queue, not in the querier's heap.
    const s = steady('3.0', { queriesPerSecond: 200, queryRangeMinutes: 360 });
    const m = memoryOf(s, 'querier', 300);
    expect(m.peak).toBeGreaterThan(2.5 * GiB);
    expect(m.oom).toBe(0);
  });
});

describe('compaction (jsonnet v2.10.8 compactor 3Gi / 5Gi; #2690 5-6 GB; sizing page backend-worker 1-2 GB)', () => {
  it('a 2.10 compactor at work holds about its jsonnet request, 3 GiB, and half a GiB between jobs', () => {
    const m = memoryOf(steady('2.10'), 'compactor');
    expect(m.peak).toBeGreaterThan(2.5 * GiB);
    expect(m.peak).toBeLessThan(3.5 * GiB);
    expect(m.median).toBeLessThan(m.peak);
  });

  it('a 3.0 backend-worker at work peaks inside the page’s 1-2 GB', () => {
    const m = memoryOf(steady('3.0'), 'backend-worker');
    expect(m.peak).toBeGreaterThan(1 * GiB);
    expect(m.peak).toBeLessThan(2 * GiB);
  });

  it('small level-0 blocks fill less of the output row group (parquet_row_group_size_bytes 100 MB): less memory', () => {
    // A quiet 2.10 cluster (10 KB/s) cuts 30-minute blocks of about 18 MB: four of them are 72 MB.
    const quiet = memoryOf(steady('2.10', { spansPerSecond: 20 }), 'compactor', 1200);
    const busy = memoryOf(steady('2.10'), 'compactor', 1200);
    expect(quiet.peak).toBeLessThan(busy.peak - 0.5 * GiB);
  });
});

describe('the other processes at the default load hold what their sources give', () => {
  // [kind, version, at least, at most]: at least half the jsonnet request (1Gi) or a quarter of the
  // page's figure, at most the page's low end or the jsonnet limit.
  const rows: [string, Scenario['tempoVersion'], number, number][] = [
    ['distributor', '3.0', 0.4 * GiB, 2 * GiB], // page: 2 GB at 10 MB/s; jsonnet 3Gi / 5Gi
    ['query-frontend', '3.0', 0.4 * GiB, 2 * GiB], // page 4-20 GB; jsonnet 1Gi / 2Gi
    ['backend-scheduler', '3.0', 0.4 * GiB, 2 * GiB], // page 1-2 GB; jsonnet 1Gi / 2Gi
    ['metrics-generator', '2.10', 0.4 * GiB, 2 * GiB], // jsonnet 1Gi / 2Gi
  ];
  for (const [kind, version, min, max] of rows)
    it(`${kind} (${version})`, () => {
      const m = memoryOf(steady(version, {}, {}, kind === 'metrics-generator'), kind, 300);
      expect(m.median).toBeGreaterThan(min);
      expect(m.median).toBeLessThan(max);
    });
});
