/** The recovery knobs (volume sizes, Kafka retention, block timings) reach every export they belong in. */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createScenario } from '../model/scenario';
import { composeExport } from './compose';
import { helmValues } from './helm';
import { unknownKeys } from './keyCheck';
import { tempoConfig } from './tempoConfig';

const GiB = 1024 ** 3;

describe('recovery knobs in the exports', () => {
  it('2.10: ingester max_block_duration / complete_block_timeout in tempo.yaml, the volume in Helm values', () => {
    const s = createScenario('2.10', 'microservices');
    const ing = s.components.ingester;
    if (!ing) throw new Error('2.10 microservices runs ingesters');
    s.components.ingester = { ...ing, volumeBytes: 50 * GiB };
    s.settings = { ...s.settings, maxBlockDurationSeconds: 600, completeBlockTimeoutSeconds: 3600 };
    const doc = parse(tempoConfig(s).yaml);
    expect(doc.ingester.max_block_duration).toBe('10m');
    expect(doc.ingester.complete_block_timeout).toBe('1h');
    expect(doc.ingester.lifecycler.ring.replication_factor).toBe(3);
    expect(unknownKeys('tempo-2.10', doc)).toEqual([]);
    const helm = helmValues(s);
    expect((helm.values.ingester as { persistence: { size: string } }).persistence.size).toBe('50Gi');
  });

  it('3.0: live_store timings, and the Kafka topic created with the retention the simulation assumed', () => {
    const s = createScenario('3.0', 'microservices');
    s.settings = { ...s.settings, maxBlockDurationSeconds: 90, kafkaRetentionHours: 6 };
    const doc = parse(tempoConfig(s).yaml);
    expect(doc.live_store).toEqual({ max_block_duration: '1m30s' });
    expect(unknownKeys('tempo-3.0', doc)).toEqual([]);
    const compose = composeExport(s).compose as { services: Record<string, { command?: string[] }> };
    expect(compose.services['redpanda-init']?.command?.[0]).toContain('--topic-config retention.ms=21600000');
    expect(helmValues(s).yaml).toContain('retention.ms=21600000');
  });

  it('defaults leave tempo.yaml as it was: no timing keys unless the scenario sets them', () => {
    for (const v of ['2.10', '3.0'] as const) {
      const doc = parse(tempoConfig(createScenario(v, 'microservices')).yaml);
      expect(doc.live_store).toBeUndefined();
      expect(doc.ingester?.max_block_duration).toBeUndefined();
    }
  });
});
