/**
 * 3.0 partitions as Tempo assigns them (issue 17, item 6): distributors write only to partitions in the
 * live-store partition ring (modules/distributor/distributor.go at v3.0.3, NewActivePartitionBatchRing);
 * block-builder k consumes k x partitions_per_instance onwards, those in the ring
 * (modules/blockbuilder/config.go AssignedPartitions, blockbuilder.go getAssignedPartitions).
 * The engine and the validator read the same assignment (model/limits.ts partitionAssignment).
 */
import { describe, expect, it } from 'vitest';
import { createScenario, type Scenario } from '../model/scenario';
import { validateScenario } from '../model/validate';
import { createSimulation, runFor } from './engine';
import { summarize } from './views';

function cluster(partitions: number, liveStores: number, builders: number): Scenario {
  const s = createScenario('3.0', 'microservices');
  return {
    ...s,
    settings: { ...s.settings, kafkaPartitions: partitions, start: 'fresh' },
    components: {
      ...s.components,
      'live-store': { ...s.components['live-store']!, replicas: liveStores },
      'block-builder': { ...s.components['block-builder']!, replicas: builders },
    },
    load: { ...s.load, spansPerSecond: 10_000, queriesPerSecond: 1, queryRangeMinutes: 5 },
  };
}
const errors = (s: Scenario) => validateScenario(s).filter((i) => i.severity === 'error');

describe('3.0 partitions', () => {
  it('an active partition no block-builder is assigned never reaches object storage', () => {
    // 4 live-stores own partitions 0-3; 3 block-builders x partitions_per_instance 1 consume 0-2.
    const s = cluster(4, 4, 3);
    expect(errors(s).map((i) => i.code)).toEqual(['block-builders-partitions']);
    const out = summarize(runFor(createSimulation(s), 900));
    // A quarter of the spans go to partition 3, and are never stored.
    expect(out.spans.lost / out.spans.sent).toBeGreaterThan(0.24);
    expect(out.spans.lost / out.spans.sent).toBeLessThan(0.26);
    expect(out.events.find((e) => e.kind === 'partition-unowned')?.message).toMatch(
      /partition 3 has no block-builder.*never reach object storage/,
    );
  });

  it('a partition without a live-store is not in the ring: nobody writes to it, nothing is lost', () => {
    // 3 live-stores own partitions 0-2 of a 4-partition topic; 3 block-builders consume them.
    const s = cluster(4, 3, 3);
    expect(errors(s)).toEqual([]);
    const out = summarize(runFor(createSimulation(s), 900));
    expect(out.spans.lost).toBe(0);
    expect(out.queries.failed).toBe(0);
    expect(out.storage.totalBytes).toBeGreaterThan(0);
  });

  it('partitions_per_instance 2: 3 block-builders consume 6 partitions, everything is stored', () => {
    const s = cluster(6, 6, 3);
    expect(errors(s)).toEqual([]);
    const out = summarize(runFor(createSimulation(s), 900));
    expect(out.spans.lost).toBe(0);
    expect(out.events.some((e) => e.kind === 'partition-unowned')).toBe(false);
  });
});
