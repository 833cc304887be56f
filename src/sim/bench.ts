/**
 * The benchmark scenarios: Tempo 3.0 microservices clusters sized by the published guide (live-stores
 * per 6-10 MB/s, one block-builder per partition, queriers...). `benchScenario()` is the 300-process
 * cluster at 2,000,000 spans/s; `benchScenarioOf(size)` gives about 30, 300 or 3,000 processes for the
 * cost-per-process figure.
 */

import { withRaisedMaxTraces } from '../model/limits';
import { createScenario, type Scenario } from '../model/scenario';

const comp = (replicas: number, cpu: number, memoryGiB: number) => ({
  replicas,
  cpu,
  memoryBytes: memoryGiB * 1024 ** 3,
});

export function benchScenario(): Scenario {
  const s = createScenario('3.0', 'microservices');
  const partitions = 40;
  return withRaisedMaxTraces(
    {
      ...s,
      name: 'bench: 300 processes, 2M spans/s',
      // Each distributor takes 5 MB/s, under 3.0's default rate limit (30 MB/s); max_traces_per_user is
      // raised for the load (50,000 live traces per live-store), as an operator would.
      settings: { ...s.settings, kafkaPartitions: partitions },
      components: {
        distributor: comp(100, 2, 2),
        'live-store': comp(2 * partitions, 1, 8),
        'block-builder': comp(partitions, 0.5, 8),
        'query-frontend': comp(2, 1, 2),
        querier: comp(57, 1, 4),
        'backend-scheduler': comp(1, 0.5, 2),
        'backend-worker': comp(20, 0.5, 2),
      },
      load: {
        spansPerSecond: 2_000_000,
        spanSizeBytes: 250,
        spansPerTrace: 20,
        queriesPerSecond: 5,
        queryRangeMinutes: 60,
      },
    },
    1.5,
  );
}

/** About 30 or 3,000 processes at 10 MB/s per partition (300 is `benchScenario`). */
export function benchScenarioOf(size: 30 | 300 | 3000): Scenario {
  if (size === 300) return benchScenario();
  const s = createScenario('3.0', 'microservices');
  const big = size === 3000;
  const partitions = big ? 500 : 4;
  const each = big ? 500 : 4;
  return withRaisedMaxTraces(
    {
      ...s,
      name: `bench: ${size} processes`,
      settings: {
        ...s.settings,
        kafkaPartitions: partitions,
        metricsGenerator: true,
      },
      components: {
        distributor: comp(each, 2, 2),
        'live-store': comp(partitions, 1, 8),
        'block-builder': comp(partitions, 0.5, 8),
        'query-frontend': comp(2, 1, 2),
        querier: comp(big ? 500 : 6, 1, 4),
        'backend-scheduler': comp(1, 0.5, 2),
        'backend-worker': comp(big ? 500 : 3, 0.5, 2),
        'metrics-generator': comp(big ? 500 : 6, 1, 4),
      },
      load: {
        spansPerSecond: partitions * 40_000,
        spanSizeBytes: 250,
        spansPerTrace: 20,
        queriesPerSecond: 5,
        queryRangeMinutes: 60,
      },
    },
    1.5,
  );
}
