import { describe, expect, it } from 'vitest';
import { LIMITS, liveStoreZones, parseScenario } from '../model/scenario';
import { validateScenario } from '../model/validate';
import { createSimulation, runFor, summarize } from '../sim';
import { answeredThroughput, type RecommenderAnswers, recommend, SIZING } from './recommender';

const base: RecommenderAnswers = {
  throughputMBps: 5,
  highAvailability: false,
  opsMaturity: 'low',
  tempoVersion: 'either',
};

const replicas = (r: ReturnType<typeof recommend>, kind: string) =>
  r.sizing.find((row) => row.component === kind)?.replicas;

describe('recommend: mode', () => {
  it('small and no HA -> monolithic, on the asked version (3.0 when either)', () => {
    for (const v of ['2.10', '3.0', 'either'] as const) {
      const r = recommend({ ...base, tempoVersion: v });
      expect(r.mode).toBe('monolithic');
      expect(r.tempoVersion).toBe(v === 'either' ? '3.0' : v);
      expect(r.scenario.components.tempo?.replicas).toBe(1);
    }
  });

  it('explains why, and why not each other mode', () => {
    const r = recommend({ ...base, tempoVersion: '2.10' });
    const text = r.reasons.join('\n');
    expect(text).toMatch(/^Monolithic/m);
    expect(text).toMatch(/Not scalable single binary/);
    expect(text).toMatch(/Not microservices/);
    const ms = recommend({ ...base, throughputMBps: 200, tempoVersion: '3.0' });
    expect(ms.reasons.join('\n')).toMatch(/Not monolithic[\s\S]*Not scalable single binary/);
  });

  it('2.10, 40 MB/s, HA, medium ops -> scalable single binary with RF=3', () => {
    const r = recommend({
      throughputMBps: 40,
      highAvailability: true,
      opsMaturity: 'medium',
      tempoVersion: '2.10',
    });
    expect(r.mode).toBe('scalable-single-binary');
    expect(r.scenario.settings.replicationFactor).toBe(3);
    // Each replica runs an ingester: 40 / 4 MB/s = 10 replicas.
    expect(r.scenario.components.tempo?.replicas).toBe(10);
    expect(r.notes.join(' ')).toMatch(/gone in Tempo 3\.0/);
  });

  it('2.10, 80 MB/s, HA, medium ops -> microservices (past the SSB ceiling for medium ops)', () => {
    const r = recommend({
      throughputMBps: 80,
      highAvailability: true,
      opsMaturity: 'medium',
      tempoVersion: '2.10',
    });
    expect(r.mode).toBe('microservices');
    expect(r.scenario.settings.replicationFactor).toBe(3);
  });

  it('2.10 with high ops and HA -> microservices even when small', () => {
    const r = recommend({
      throughputMBps: 5,
      highAvailability: true,
      opsMaturity: 'high',
      tempoVersion: '2.10',
    });
    expect(r.mode).toBe('microservices');
  });

  it('3.0 with HA -> microservices (3.0 runs one `all` process only), Kafka noted when not run yet', () => {
    const r = recommend({
      throughputMBps: 5,
      highAvailability: true,
      opsMaturity: 'low',
      tempoVersion: '3.0',
    });
    expect(r.mode).toBe('microservices');
    expect(r.notes.join(' ')).toMatch(/run Kafka/);
  });

  it('either: scale-out goes to 3.0 when Kafka is run, else to 2.10 with a migration note', () => {
    const withKafka = recommend({ ...base, throughputMBps: 60, hasKafka: true });
    expect([withKafka.tempoVersion, withKafka.mode]).toEqual(['3.0', 'microservices']);
    const without = recommend({ ...base, throughputMBps: 60, hasKafka: false });
    expect(without.tempoVersion).toBe('2.10');
    expect(without.notes.join(' ')).toMatch(/Plan the move to 3\.0/);
  });

  it('3.0 + 200 MB/s -> microservices with block-builders == partitions', () => {
    const r = recommend({
      throughputMBps: 200,
      highAvailability: true,
      opsMaturity: 'high',
      tempoVersion: '3.0',
    });
    expect(r.mode).toBe('microservices');
    const p = r.scenario.settings.kafkaPartitions;
    expect(p).toBe(25); // 200 / 8 MB/s per live-store
    expect(r.scenario.components['block-builder']?.replicas).toBe(p);
    expect(r.scenario.components['live-store']?.replicas).toBe(2 * p); // two zones for HA
    expect(r.scenario.components.distributor?.replicas).toBe(20);
    expect(r.scenario.components.querier?.replicas).toBe(134); // 200 / 1.5
    expect(r.scenario.components['query-frontend']?.replicas).toBe(2);
    expect(r.scenario.components['backend-scheduler']?.replicas).toBe(1);
    expect(r.scenario.components['backend-worker']?.replicas).toBe(17); // 200 / 12
    expect(replicas(r, 'kafka-partitions')).toBe(p);
  });
});

describe('recommend: sizing follows the published figures', () => {
  it('2.10 at 100 MB/s, high ops: 10 distributors, 25 ingesters (RF=3), 67 queriers, 25 compactors', () => {
    const r = recommend({
      throughputMBps: 100,
      highAvailability: true,
      opsMaturity: 'high',
      tempoVersion: '2.10',
    });
    const c = r.scenario.components;
    expect(r.mode).toBe('microservices');
    expect(c.distributor?.replicas).toBe(100 / SIZING.distributorMBps);
    expect(c.ingester?.replicas).toBe(25);
    expect(r.scenario.settings.replicationFactor).toBe(3);
    expect(c.querier?.replicas).toBe(67);
    expect(c.compactor?.replicas).toBe(25);
    expect(c['query-frontend']?.replicas).toBe(2);
    expect(c.distributor).toMatchObject({ cpu: 2, memoryBytes: 2 * 1024 ** 3 });
    // The sizing table lists the same numbers as the scenario.
    for (const row of r.sizing) {
      if (row.component === 'kafka-partitions') continue;
      expect(c[row.component]?.replicas).toBe(row.replicas);
      expect(row.why.length).toBeGreaterThan(10);
    }
  });

  it('small HA clusters keep the minimums: 3 ingesters, 2 distributors, 2 queriers', () => {
    const r = recommend({
      throughputMBps: 1,
      highAvailability: true,
      opsMaturity: 'high',
      tempoVersion: '2.10',
    });
    const c = r.scenario.components;
    expect([c.ingester?.replicas, c.distributor?.replicas, c.querier?.replicas]).toEqual([3, 2, 2]);
  });

  it('a monolith above 10 MB/s gets 4 CPU / 8 GiB and a raised rate limit when 15 MB/s would refuse', () => {
    const r = recommend({ ...base, throughputMBps: 20, tempoVersion: '2.10' });
    expect(r.scenario.components.tempo).toMatchObject({ cpu: 4, memoryBytes: 8 * 1024 ** 3 });
    expect(r.scenario.settings.rateLimitBytes).toBe(30_000_000);
    expect(r.notes.join(' ')).toMatch(/rate_limit_bytes/);
    const small = recommend({ ...base, throughputMBps: 5, tempoVersion: '2.10' });
    expect(small.scenario.settings.rateLimitBytes).toBeUndefined();
  });

  it('spans/s x span size works as the throughput, and the load is set to it', () => {
    const a: RecommenderAnswers = {
      ...base,
      throughputMBps: undefined,
      spansPerSecond: 60_000,
      spanSizeBytes: 1000,
    };
    expect(answeredThroughput(a)).toBe(60);
    const r = recommend(a);
    expect(r.throughputMBps).toBe(60);
    expect(r.scenario.load.spansPerSecond * r.scenario.load.spanSizeBytes).toBe(60_000_000);
  });
});

describe('recommend: every answer gives a valid, healthy scenario', () => {
  const grid: RecommenderAnswers[] = [];
  for (const tempoVersion of ['2.10', '3.0', 'either'] as const)
    for (const opsMaturity of ['low', 'medium', 'high'] as const)
      for (const highAvailability of [false, true])
        for (const throughputMBps of [0, 0.5, 3, 12, 25, 26, 45, 90, 150, 400])
          grid.push({ throughputMBps, highAvailability, opsMaturity, tempoVersion });

  it(`no validation issue for ${grid.length} answer sets; load equals the throughput`, () => {
    for (const a of grid) {
      const r = recommend(a);
      const issues = validateScenario(r.scenario);
      expect(issues, JSON.stringify(a)).toEqual([]);
      expect(r.scenario.load.spansPerSecond * r.scenario.load.spanSizeBytes).toBeCloseTo(
        (a.throughputMBps ?? 0) * 1e6,
        -3,
      );
      if (a.highAvailability) expect(r.mode).not.toBe('monolithic');
      if ((a.throughputMBps ?? 0) > 25) expect(r.mode).not.toBe('monolithic');
      if (r.tempoVersion === '3.0') expect(r.mode).not.toBe('scalable-single-binary');
    }
  });

  it('sized scenarios run 20 simulated minutes without an OOM kill or a lost span', () => {
    for (const a of grid.filter((x) => [3, 25, 45, 90].includes(x.throughputMBps ?? 0))) {
      const r = recommend(a);
      const out = summarize(runFor(createSimulation(r.scenario), 1200));
      const label = `${JSON.stringify(a)} -> ${r.tempoVersion} ${r.mode}`;
      expect(out.spans.lost, label).toBe(0);
      expect(out.spans.refused, label).toBe(0);
      for (const i of Object.values(out.instances)) expect(i.oomKills, label).toBe(0);
    }
  }, 60_000);
});

describe('recommend: valid by construction (issue #12)', () => {
  it('5,000 MB/s: no replica count past the limit, the scenario parses and validates, and it says it is beyond one cluster', () => {
    for (const tempoVersion of ['2.10', '3.0'] as const) {
      for (const opsMaturity of ['low', 'high'] as const) {
        const r = recommend({
          ...base,
          throughputMBps: 5000,
          highAvailability: true,
          opsMaturity,
          tempoVersion,
        });
        const label = `${tempoVersion} ${opsMaturity} -> ${r.mode}`;
        for (const c of Object.values(r.scenario.components))
          expect(c.replicas, label).toBeLessThanOrEqual(LIMITS.replicas.max);
        const parsed = parseScenario(JSON.parse(JSON.stringify(r.scenario)));
        expect(parsed.ok, label).toBe(true);
        if (parsed.ok)
          expect(
            validateScenario(parsed.value).filter((i) => i.severity === 'error'),
            label,
          ).toEqual([]);
        expect(r.beyondOneCluster, label).toMatch(/more than one cluster/);
      }
    }
  });

  it('3.0 with HA: live-stores are exactly partitions x 2 zones, also where the limit bounds the partitions', () => {
    for (const mbps of [40, 200, 2500, 5000]) {
      const r = recommend({ ...base, throughputMBps: mbps, highAvailability: true, tempoVersion: '3.0' });
      const p = r.scenario.settings.kafkaPartitions;
      expect(r.scenario.components['live-store']?.replicas, `${mbps} MB/s`).toBe(2 * p);
      expect(liveStoreZones(r.scenario), `${mbps} MB/s`).toBe(2);
      expect(r.scenario.components['block-builder']?.replicas).toBe(p);
    }
  });

  it('within one cluster nothing is flagged', () => {
    expect(
      recommend({ ...base, throughputMBps: 200, highAvailability: true }).beyondOneCluster,
    ).toBeUndefined();
  });
});
