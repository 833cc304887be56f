/**
 * Bounded recovery, volumes and Kafka retention (Tempo's own limits after an outage), each test from a
 * line of Tempo's source or a default of its manifests.
 */
import { describe, expect, it } from 'vitest';
import { withRaisedMaxTraces } from '../model/limits';
import { createScenario, type Scenario } from '../model/scenario';
import * as C from './calibration';
import { createSimulation, inject, runFor, setLoad } from './engine';
import { summarize, totals, views } from './views';

const GiB = 1024 ** 3;
const run = (sc: Scenario, seconds: number) => summarize(runFor(createSimulation(sc), seconds));

describe('3.0 block-builders catch up in bounded sections', () => {
  it('after a 4 h storage outage the backlog drains: no OOM kill, every block-builder catches up', () => {
    // block_builder.consume_cycle_duration 5m, max_consuming_bytes 5 GB (manifest v3.0.3;
    // blockbuilder.go consumePartition): a section is one cycle of records, written before the next.
    const sc = createScenario('3.0', 'microservices');
    sc.events = [{ at: 600, kind: 'storage-outage', durationSeconds: 4 * 3600 }];
    const out = run(sc, 6 * 3600);
    const builders = Object.entries(out.instances).filter(([n]) => n.startsWith('block-builder'));
    expect(builders).toHaveLength(3);
    for (const [name, b] of builders) {
      expect(b.oomKills, name).toBe(0);
      // A 5-minute section of a 1.7 MB/s partition is about 0.5 GB: far below the 6 GiB limit.
      expect(b.peakMemoryBytes, name).toBeLessThan(2 * GiB);
      const back = out.events.find((e) => e.kind === 'storage-restored')?.t ?? Infinity;
      const caught = out.events.find((e) => e.instance === name && e.kind === 'caught-up');
      expect(caught?.t, name).toBeGreaterThan(back);
      // 4 h of a partition (about 24 GB) drains within an hour of the outage's end.
      expect(caught?.t, name).toBeLessThan(back + 3600);
    }
    expect(out.spans.lost).toBe(0);
  });

  it('a section never holds more than max_consuming_bytes, even when a cycle of records is larger', () => {
    // 37 MB/s per partition: a 5-minute cycle is 11 GB, so sections stop at 5 GB.
    const sc = createScenario('3.0', 'microservices');
    sc.load = { ...sc.load, spansPerSecond: 222_000, spanSizeBytes: 500 };
    sc.settings = { ...sc.settings, rateLimitBytes: 200e6, burstSizeBytes: 200e6 };
    for (const kind of ['distributor', 'live-store', 'block-builder'] as const) {
      const c = sc.components[kind];
      if (c) sc.components[kind] = { ...c, cpu: 8, memoryBytes: 16 * GiB };
    }
    sc.events = [{ at: 300, kind: 'storage-outage', durationSeconds: 1800 }];
    const out = run(sc, 3600);
    for (const [name, b] of Object.entries(out.instances).filter(([n]) => n.startsWith('block-builder'))) {
      expect(b.oomKills, name).toBe(0);
      const base = C.BASE_MEMORY['block-builder'] ?? 0;
      expect(b.peakMemoryBytes, name).toBeLessThanOrEqual(
        base + C.BLOCK_BUILDER_MAX_CONSUMING_BYTES * C.BLOCK_BUILDER_MEMORY_FACTOR + 0.5 * GiB,
      );
    }
  });
});

describe('3.0 live-stores resume from their committed offset, bounded by backpressure', () => {
  it('a 2 h zone outage at 15 MB/s ends with its live-stores caught up, not crash-looping', () => {
    // live_store.go at v3.0.3: lookback = 2 x complete_block_timeout (20m); instance.go backpressure():
    // no consuming past max_live_traces_bytes (250 MB) or with more than 4 WAL blocks to complete.
    const sc = createScenario('3.0', 'microservices');
    const ls = sc.components['live-store'];
    if (!ls) throw new Error('3.0 microservices runs live-stores');
    sc.components['live-store'] = { ...ls, replicas: 6 };
    sc.load = { ...sc.load, spansPerSecond: 30_000 };
    sc.events = [{ at: 600, kind: 'zone-outage', zone: 0, durationSeconds: 2 * 3600 }];
    const out = run(sc, 4 * 3600);
    const end = 600 + 2 * 3600;
    for (const name of ['live-store-0', 'live-store-1', 'live-store-2']) {
      expect(out.instances[name]?.oomKills, name).toBe(0);
      expect(out.instances[name]?.restarts, name).toBe(1);
      const caught = out.events.find((e) => e.instance === name && e.kind === 'caught-up' && e.t > end);
      expect(caught?.t, name).toBeLessThan(end + 1800);
    }
    const restart = out.events.find((e) => e.instance === 'live-store-0' && e.kind === 'restart');
    expect(restart?.message).toMatch(
      /catching up the last 40 min .* skips .* older than 2 x complete_block_timeout/,
    );
    expect(out.spans.lost).toBe(0);
  });
});

describe('2.10 ingesters keep complete blocks on their volume until the flush succeeds', () => {
  it('a 4 h storage outage fills the 10 GiB volume, not the heap: no OOM kill, the loss is counted and logged', () => {
    // flush.go at v2.10.8 retries a failed flush forever from the block on local disk; the chart's
    // ingester persistence.size is 10Gi; instance.go CutCompleteTraces drops what it cannot append.
    const sc = createScenario('2.10', 'microservices');
    sc.events = [{ at: 600, kind: 'storage-outage', durationSeconds: 4 * 3600 }];
    const out = run(sc, 5 * 3600);
    for (const name of ['ingester-0', 'ingester-1', 'ingester-2']) {
      expect(out.instances[name]?.oomKills, name).toBe(0);
      // Each ingester receives 5 MB/s (RF 3), 1.25 MB/s on disk: 10 GiB hold about 2 h 15 min of it.
      const full = out.events.find((e) => e.instance === name && e.kind === 'volume-full');
      expect(full?.message).toMatch(/volume is full \(10 GiB\)/);
      expect(full?.t).toBeGreaterThan(600 + 110 * 60);
      expect(full?.t).toBeLessThan(600 + 160 * 60);
      const ok = out.events.find((e) => e.instance === name && e.kind === 'volume-ok');
      expect(ok?.message).toMatch(/[\d,]+ spans lost while it was full/);
    }
    // About 100 of the 240 minutes could not be written: a third of the 5 h run's spans.
    const share = out.spans.lost / out.spans.sent;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.45);
    expect(out.spans.sent).toBe(out.spans.written + out.spans.lost + out.spans.inFlight);
  });

  it('a bigger volume rides the same outage out: nothing lost, the blocks flush when storage is back', () => {
    const sc = createScenario('2.10', 'microservices');
    const ing = sc.components.ingester;
    if (!ing) throw new Error('2.10 microservices runs ingesters');
    sc.components.ingester = { ...ing, volumeBytes: 50 * GiB };
    sc.events = [{ at: 600, kind: 'storage-outage', durationSeconds: 4 * 3600 }];
    const out = run(sc, 5 * 3600);
    expect(out.events.some((e) => e.kind === 'volume-full')).toBe(false);
    expect(out.spans.lost).toBe(0);
    for (const name of ['ingester-0', 'ingester-1', 'ingester-2'])
      expect(out.instances[name]?.oomKills, name).toBe(0);
  });
});

describe('Kafka retention bounds how far a 3.0 consumer may lag', () => {
  it('with 1 h of retention, a 2 h storage outage loses about the hour block-builders could not read', () => {
    const sc = createScenario('3.0', 'microservices');
    sc.settings = { ...sc.settings, kafkaRetentionHours: 1 };
    sc.events = [{ at: 600, kind: 'storage-outage', durationSeconds: 2 * 3600 }];
    const out = run(sc, 4 * 3600);
    // 2 h behind, 1 h kept: about an hour of 10,000 spans/s is gone.
    expect(out.spans.lost / 36e6).toBeGreaterThan(0.85);
    expect(out.spans.lost / 36e6).toBeLessThan(1.15);
    const expired = out.events.filter((e) => e.kind === 'records-expired');
    expect(expired.map((e) => e.instance).sort()).toEqual([
      'block-builder-0',
      'block-builder-1',
      'block-builder-2',
    ]);
    expect(expired[0]?.message).toMatch(/retention \(60 min\).*never reach object storage/);
    expect(out.spans.sent).toBe(out.spans.written + out.spans.lost + out.spans.inFlight);
  });

  it('with the default 24 h of retention the same outage loses nothing', () => {
    const sc = createScenario('3.0', 'microservices');
    sc.events = [{ at: 600, kind: 'storage-outage', durationSeconds: 2 * 3600 }];
    const out = run(sc, 4 * 3600);
    expect(out.spans.lost).toBe(0);
    expect(out.events.some((e) => e.kind === 'records-expired')).toBe(false);
  });
  it('a load cut after a steady start expires nothing: the backlog is minutes old, not days', () => {
    // A block-builder starts part-way through a 5-minute cycle of the old load. Read at the new load's
    // produce rate, that backlog looked 100 times older, past an hour of retention (CI's property test
    // found a cut that made Kafka "expire" more spans than had been written).
    const sc = createScenario('3.0', 'microservices');
    sc.settings = { ...sc.settings, kafkaRetentionHours: 1 };
    const s = setLoad(createSimulation(sc), { ...sc.load, spansPerSecond: sc.load.spansPerSecond / 100 });
    const end = runFor(s, 900);
    const out = summarize(end);
    expect(out.events.filter((e) => e.kind === 'records-expired')).toEqual([]);
    expect(out.spans.lost).toBe(0);
    const builders = views(end).instances.filter((i) => i.name.startsWith('block-builder'));
    expect(builders).toHaveLength(3);
    for (const b of builders) expect(b.lagSeconds, b.name).toBeLessThan(600);
  });
});

describe('a steady start accounts for what it pre-fills', () => {
  it('spans already in live traces at t = 0 count as sent: a kill loses them without sent jumping', () => {
    // Today's figures a person reads: sent = written + lost + inFlight, inFlight never negative.
    const sc = createScenario('2.10', 'monolithic');
    const start = createSimulation(sc);
    const at0 = totals(start);
    // The monolith holds a few seconds of live traces at this load (10,000 spans/s).
    expect(at0.sent).toBeGreaterThan(10_000);
    expect(at0.inFlight).toBe(at0.sent);
    const before = runFor(start, 5);
    const killed = runFor(inject(before, { kind: 'kill', instance: 'tempo-0' }), 1);
    const a = totals(before);
    const b = totals(killed);
    // One more second of load, nothing more: the kill does not add spans that were never sent.
    expect(b.sent - a.sent).toBeGreaterThan(8_000);
    expect(b.sent - a.sent).toBeLessThan(12_000);
    expect(b.lost).toBeGreaterThan(0);
    expect(b.lost).toBeLessThanOrEqual(a.inFlight + (b.sent - a.sent));
    expect(b.inFlight).toBeGreaterThanOrEqual(0);
    const g = killed.g;
    expect(g.sent - g.written - g.lost).toBeGreaterThanOrEqual(0);
  });

  it('3.0: records waiting in Kafka at t = 0 count as sent and written, so expiring them keeps the books', () => {
    const sc = createScenario('3.0', 'microservices');
    sc.settings = { ...sc.settings, kafkaRetentionHours: 0.25 };
    sc.events = [{ at: 0, kind: 'storage-outage', durationSeconds: 3600 }];
    const s = createSimulation(sc);
    expect(totals(s).written).toBeGreaterThan(0);
    expect(summarize(runFor(s, 4000)).events.some((e) => e.kind === 'records-expired')).toBe(true);
    let end = s;
    for (let k = 0; k < 40; k++) {
      end = runFor(end, 100);
      const g = end.g;
      expect(g.written, `t=${end.t}`).toBeGreaterThanOrEqual(0);
      expect(g.sent - g.written - g.lost, `t=${end.t}`).toBeGreaterThanOrEqual(-1e-6);
    }
  });
});

describe('block_retention applies during a run', () => {
  it('a 2-day run of a fresh cluster with 6 h retention holds about 6 h of blocks, and queries cost the same late as early', () => {
    // compactor.compaction.block_retention (manifest v2.10.8, default 336h): blocks past it are deleted.
    const sc = createScenario('2.10', 'microservices');
    sc.settings = { ...sc.settings, start: 'fresh', retentionHours: 6 };
    sc.load = { ...sc.load, queriesPerSecond: 1, queryRangeMinutes: 24 * 60 };
    const atDay1 = runFor(createSimulation(sc), 24 * 3600);
    const atDay2 = runFor(atDay1, 24 * 3600);
    // 10,000 spans/s x 500 B = 5 MB/s; RF 3 is deduplicated by compaction: about 5 MB/s x 6 h = 108 GB.
    const held = atDay2.g.totalBytes;
    expect(held / 108e9).toBeGreaterThan(0.8);
    expect(held / 108e9).toBeLessThan(1.25);
    expect(atDay2.g.totalBytes / atDay1.g.totalBytes).toBeLessThan(1.05);
    // A query over the last day reads the 6 h that exist, the same on day 2 as on day 1.
    expect(atDay2.g.jobsPerQuery / atDay1.g.jobsPerQuery).toBeGreaterThan(0.9);
    expect(atDay2.g.jobsPerQuery / atDay1.g.jobsPerQuery).toBeLessThan(1.1);
  });
});

describe('RF 3 in object storage: what compaction deduplicates', () => {
  const stored = (spansPerSecond: number) => {
    const sc = createScenario('2.10', 'microservices');
    sc.load = { ...sc.load, spansPerSecond, spanSizeBytes: 500, spansPerTrace: 20 };
    sc.settings = { ...sc.settings, rateLimitBytes: 100e6, burstSizeBytes: 100e6, retentionHours: 24 };
    // max_traces_per_user raised for the load as an operator would (10,000 would discard at 2,500 traces/s).
    const s = createSimulation(withRaisedMaxTraces(sc, 1.5));
    // Stored bytes per received byte, a day of retention after a steady day.
    return views(s).storage.totalBytes / (spansPerSecond * 500 * 24 * 3600);
  };
  it('a quiet cluster compacts its 3 copies into one (every window fits max_compaction_objects)', () => {
    // 500 traces/s: 5.4 M trace copies an hour, under max_compaction_objects 6,000,000 (manifest v2.10.8).
    expect(stored(10_000)).toBeGreaterThan(0.98);
    expect(stored(10_000)).toBeLessThan(1.1);
  });
  it('a busy one keeps 2-2.5x, as the 3.0 release notes put RF 3 (copies land in different final blocks)', () => {
    // 2,500 traces/s: an hour's copies need several blocks of 6 M traces; only blocks merged together dedupe.
    expect(stored(50_000)).toBeGreaterThan(2);
    expect(stored(50_000)).toBeLessThan(2.5);
  });
});
