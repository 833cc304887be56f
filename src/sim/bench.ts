/**
 * The benchmark scenario: a 300-process Tempo 3.0 microservices cluster at 2,000,000 spans/s, sized
 * by the published guide (live-stores per 6-10 MB/s, one block-builder per partition, queriers...).
 */
import { createScenario, type Scenario } from '../model/scenario';

export function benchScenario(): Scenario {
  const s = createScenario('3.0', 'microservices');
  const partitions = 40;
  const comp = (replicas: number, cpu: number, memoryGiB: number) => ({
    replicas,
    cpu,
    memoryBytes: memoryGiB * 1024 ** 3,
  });
  return {
    ...s,
    name: 'bench: 300 processes, 2M spans/s',
    settings: { ...s.settings, kafkaPartitions: partitions, rateLimitBytes: 1e12, burstSizeBytes: 1e12 },
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
  };
}
