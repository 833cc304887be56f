/**
 * Queries degrade gradually (issue 17, item 5): latency rises with the queriers' utilisation (a job's
 * CPU part stretches as 1 / (1 - utilisation), processor sharing) and with the number of blocks a search
 * covers (the frontend merges job responses one at a time: modules/frontend/combiner/common.go at
 * v2.10.8), well before anything fails.
 */
import { describe, expect, it } from 'vitest';
import { createScenario, type Scenario } from '../model/scenario';
import { createSimulation, runFor } from './engine';
import { summarize, views } from './views';

const GiB = 1024 ** 3;

function cluster(qps: number, settings: Partial<Scenario['settings']> = {}, queriers = 2): Scenario {
  const s = createScenario('2.10', 'microservices');
  return {
    ...s,
    settings: { ...s.settings, ...settings },
    components: { ...s.components, querier: { replicas: queriers, cpu: 1, memoryBytes: 4 * GiB } },
    load: { ...s.load, spansPerSecond: 10_000, queriesPerSecond: qps, queryRangeMinutes: 60 },
  };
}

const querierCpu = (s: ReturnType<typeof createSimulation>) =>
  Math.max(
    ...views(s)
      .instances.filter((i) => i.kind === 'querier')
      .map((i) => i.cpuCores),
  );

describe('query latency rises before it fails', () => {
  it('with querier utilisation: p50 at about 70% CPU is well above p50 at about 20%, nothing fails', () => {
    const light = runFor(createSimulation(cluster(1)), 600);
    const busy = runFor(createSimulation(cluster(4)), 600);
    expect(querierCpu(light)).toBeLessThan(0.35);
    expect(querierCpu(busy)).toBeGreaterThan(0.55);
    expect(querierCpu(busy)).toBeLessThan(0.95);
    const a = summarize(light).queries;
    const b = summarize(busy).queries;
    expect(b.failed).toBe(0);
    expect(b.p50Ms).toBeGreaterThan(1.5 * a.p50Ms);
  });

  it('with the blocks to scan: compaction off (blocks pile up) makes the same searches slower', () => {
    // A fresh cluster: what is in range is what this run wrote (RF 3 copies until they are compacted).
    // Six queriers (120 slots) run every job of either search at once: no extra wave, only more jobs.
    const kept = summarize(runFor(createSimulation(cluster(1, { start: 'fresh' }, 6)), 5400));
    const piled = summarize(
      runFor(createSimulation(cluster(1, { start: 'fresh', compactionDisabled: true }, 6)), 5400),
    );
    expect(piled.storage.uncompactedBlocks).toBeGreaterThan(kept.storage.uncompactedBlocks);
    expect(piled.queries.failed).toBe(0);
    // 3x the jobs (RF copies left uncompacted): about +20% today, where the old model moved 3%.
    expect(piled.queries.p50Ms).toBeGreaterThan(1.15 * kept.queries.p50Ms);
  });
});
