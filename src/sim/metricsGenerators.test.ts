/**
 * 3.0 metrics-generators consume Kafka (cmd/tempo/app/modules.go at v3.0.3: ConsumeFromKafka unless
 * single binary) and lag when starved of CPU; past metrics_ingestion_time_range_slack (30 s, manifest
 * v3.0.3; modules/generator/instance.go) the spans they read are left out of their metrics. Traces
 * are not affected: live-stores and block-builders read the same records on their own.
 */
import { describe, expect, it } from 'vitest';
import { GiB } from '../model/catalog';
import { createScenario, normalizeScenario, type Scenario } from '../model/scenario';
import { createSimulation, runFor, setLoad } from './engine';
import { summarize, views } from './views';

function cluster(generatorCpu: number): Scenario {
  const base = createScenario('3.0', 'microservices');
  const s = normalizeScenario({
    ...base,
    settings: { ...base.settings, metricsGenerator: true, rateLimitBytes: 1e12, burstSizeBytes: 1e12 },
    components: {},
    // 30 MB/s over the default partitions.
    load: { ...base.load, spansPerSecond: 60_000, spanSizeBytes: 500, queriesPerSecond: 0 },
  });
  return {
    ...s,
    components: {
      ...s.components,
      'metrics-generator': { replicas: 1, cpu: generatorCpu, memoryBytes: 4 * GiB },
    },
  };
}

describe('3.0 metrics-generators read Kafka', () => {
  it('one starved of CPU lags past the 30 s slack and logs it; traces are written as with a fed one', () => {
    // 0.1 CPU reads about 27,000 spans/s at 3 µs a span: less than half the 60,000 produced.
    const starved = runFor(createSimulation(cluster(0.1)), 600);
    const fed = runFor(createSimulation(cluster(2)), 600);
    const lag = starved.events.filter((e) => e.instance === 'metrics-generator-0' && e.kind === 'lag');
    expect(lag.length).toBe(1);
    expect(lag[0]!.message).toMatch(/metrics_ingestion_time_range_slack \(30 s\).*traces are not affected/);
    const gen = views(starved).instances.find((i) => i.name === 'metrics-generator-0')!;
    expect(gen.status).toBe('lagging');
    expect(gen.lagSeconds).toBeGreaterThan(60);
    expect(starved.g.metricsSpansLate).toBeGreaterThan(0);
    // The fed one keeps up; the traces do not notice either way.
    expect(fed.events.some((e) => e.instance === 'metrics-generator-0' && e.kind === 'lag')).toBe(false);
    expect(fed.g.metricsSpansLate).toBe(0);
    const a = summarize(starved).spans;
    const b = summarize(fed).spans;
    expect(a.lost).toBe(0);
    expect(a.written).toBe(b.written);
    expect(starved.events.some((e) => e.kind === 'lag' && e.instance.startsWith('live-store'))).toBe(false);
  });

  it('it catches up once the load falls within its CPU, and says how many spans its metrics missed', () => {
    let s = runFor(createSimulation(cluster(0.1)), 300);
    s = setLoad(s, { ...s.load, spansPerSecond: 10_000 });
    s = runFor(s, 900);
    const caught = s.events.filter((e) => e.instance === 'metrics-generator-0' && e.kind === 'caught-up');
    expect(caught.length).toBe(1);
    expect(caught[0]!.message).toMatch(/spans were left out of metrics so far/);
    expect(views(s).instances.find((i) => i.name === 'metrics-generator-0')!.status).not.toBe('lagging');
  });
});
