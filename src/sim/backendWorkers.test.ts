/**
 * Backend-workers scaled to 0 (3.0), as Tempo allows: the backend-scheduler still plans compaction and
 * retention jobs, but only backend-workers run them (modules/backendworker/backendworker.go at
 * v3.0.3 handles JOB_TYPE_COMPACTION and JOB_TYPE_RETENTION). Nothing compacts, nothing is deleted.
 */
import { describe, expect, it } from 'vitest';
import { exportAll } from '../export/index';
import { importHelmValues } from '../import/helmValues';
import { createScenario, normalizeScenario, parseScenario, type Scenario } from '../model/scenario';
import { validateScenario } from '../model/validate';
import { createSimulation, runFor } from './engine';
import { summarize } from './views';

function cluster(workers: number): Scenario {
  const base = createScenario('3.0', 'microservices');
  const s = normalizeScenario({ ...base, settings: { ...base.settings, retentionHours: 1 } });
  const w = s.components['backend-worker']!;
  return { ...s, components: { ...s.components, 'backend-worker': { ...w, replicas: workers } } };
}

describe('backend-workers scaled to 0 (3.0)', () => {
  it('the schema takes 0 backend-workers and still refuses 0 of anything else, saying which', () => {
    const zero = parseScenario(cluster(0));
    expect(zero.ok).toBe(true);
    if (zero.ok) expect(zero.value.components['backend-worker']?.replicas).toBe(0);
    const s = cluster(1);
    const noDistributor = parseScenario({
      ...s,
      components: { ...s.components, distributor: { ...s.components.distributor!, replicas: 0 } },
    });
    expect(noDistributor.ok).toBe(false);
    if (!noDistributor.ok)
      expect(noDistributor.errors.join(' ')).toMatch(/only backend-workers can be scaled to 0/);
  });

  it('the Helm values say backendWorker.replicas: 0 and read back as 0', () => {
    const values = exportAll(cluster(0)).find((a) => a.id === 'helm')!.text;
    expect(values).toMatch(/backendWorker:\n {2}replicas: 0\n/);
    const back = importHelmValues(values);
    expect(back.ok).toBe(true);
    if (back.ok) expect(back.scenario.components['backend-worker']?.replicas).toBe(0);
  });

  it('nothing compacts and block_retention deletes nothing: blocks pile up, with a warning and an event', () => {
    // block_retention 1 h; three hours of a fresh cluster at the default load.
    const none = runFor(createSimulation(cluster(0)), 3 * 3600);
    const one = runFor(createSimulation(cluster(1)), 3 * 3600);
    const a = summarize(none).storage;
    const b = summarize(one).storage;
    // With a worker, about an hour is kept, compacted; without, three hours of level-0 blocks.
    expect(a.totalBytes).toBeGreaterThan(2.5 * b.totalBytes);
    expect(a.uncompactedBlocks).toBeGreaterThan(20 * Math.max(1, b.uncompactedBlocks));
    const stopped = none.events.filter((e) => e.kind === 'compaction-stopped');
    expect(stopped.length).toBe(1);
    expect(stopped[0]!.instance).toBe('backend-scheduler-0');
    expect(stopped[0]!.message).toMatch(
      /no backend-worker runs \(backendWorker.replicas is 0\): backend-scheduler-0 hands its compaction and retention jobs to nobody.*block_retention \(60 min\)/,
    );
    expect(one.events.some((e) => e.kind === 'compaction-stopped')).toBe(false);
    expect(validateScenario(cluster(0)).map((i) => i.code)).toContain('no-backend-workers');
    expect(validateScenario(cluster(1)).map((i) => i.code)).not.toContain('no-backend-workers');
    // Traces are still written: only compaction and retention stop.
    expect(summarize(none).spans.lost).toBe(0);
  });
});
