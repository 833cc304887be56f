/** What an answer costs: cores, memory, pods, object storage, Kafka disk, and the monthly bill. */
import { GiB } from '../model/catalog';
import { KAFKA_MBPS_PER_PARTITION } from './rules';
import { type ComponentPlan, MB, type PlanInput, type Totals } from './types';

export function totalsOf(
  input: PlanInput,
  mbps: number,
  components: ComponentPlan[],
  partitions: number,
  /** The answer's Kafka retention (its outage run's), else the input's. */
  kafkaRetentionHours = input.kafkaRetentionHours,
): Totals {
  let cores = 0;
  let memoryBytes = 0;
  let pods = 0;
  let volumeBytes = 0;
  for (const c of components) {
    cores += c.replicas * c.cpu;
    memoryBytes += c.replicas * c.memoryBytes;
    pods += c.replicas;
    volumeBytes += c.replicas * (c.volume?.bytes ?? 0);
  }
  const objectStorageBytes = (mbps * MB * input.retentionHours * 3600) / input.compressionRatio;
  const kafkaRetention = Math.max(40 / 60, kafkaRetentionHours);
  // Kafka keeps what it receives uncompressed-as-sent, replicated 3 times by the brokers.
  const kafka =
    partitions > 0
      ? {
          partitions: Math.max(partitions, Math.ceil(mbps / KAFKA_MBPS_PER_PARTITION)),
          retentionHours: kafkaRetention,
          diskBytes: mbps * MB * kafkaRetention * 3600 * 3,
        }
      : null;
  const p = input.prices;
  const costBreakdown = {
    compute: cores * p.corePerMonth,
    memory: (memoryBytes / GiB) * p.memoryGiBPerMonth,
    objectStorage: (objectStorageBytes / 1e9) * p.objectStorageGBPerMonth,
    kafka: kafka ? (kafka.diskBytes / 1e9) * p.kafkaDiskGBPerMonth : 0,
  };
  return {
    cores,
    memoryBytes,
    pods,
    volumeBytes,
    objectStorageBytes,
    kafka,
    monthlyCost:
      costBreakdown.compute + costBreakdown.memory + costBreakdown.objectStorage + costBreakdown.kafka,
    costBreakdown,
  };
}
