/**
 * Scenario tests: each asserts a figure the model produces for a deployment the reference describes.
 */
import { describe, expect, it } from 'vitest';
import type { DeploymentMode, TempoVersion } from '../model/catalog';
import { withRaisedLimits, withRaisedMaxTraces } from '../model/limits';
import { createScenario, type Load, type Scenario, type ScheduledEvent } from '../model/scenario';
import { deriveTopology } from '../model/topology';
import { benchScenario } from './bench';
import { createSimulation, inject, runFor, type SimState, stepMut } from './engine';
import { summarize, totals, views } from './views';

const GiB = 1024 ** 3;

function scenario(
  version: TempoVersion,
  mode: DeploymentMode,
  load: Partial<Load>,
  extra: { rf?: number; rateLimit?: number; events?: ScheduledEvent[] } = {},
): Scenario {
  const s = createScenario(version, mode);
  const settings = { ...s.settings };
  if (extra.rf !== undefined) settings.replicationFactor = extra.rf;
  if (extra.rateLimit !== undefined) {
    settings.rateLimitBytes = extra.rateLimit;
    settings.burstSizeBytes = extra.rateLimit;
  }
  const out = { ...s, settings, load: { ...s.load, ...load }, events: extra.events ?? [] };
  // A raised rate limit comes with max_traces_per_user raised for what it lets in, as an operator sets both.
  return extra.rateLimit === undefined ? out : withRaisedLimits(out, extra.rateLimit);
}

const memoryOf = (s: SimState, name: string) =>
  views(s).instances.find((i) => i.name === name)?.memoryBytes ?? -1;
const run = (sc: Scenario, seconds: number) => runFor(createSimulation(sc), seconds);

describe('2.10 monolithic, 4 GiB', () => {
  it('at 50 MB/s (100,000 spans/s x 500 B, rate limit raised) is OOM-killed and loses spans', () => {
    const sc = scenario(
      '2.10',
      'monolithic',
      { spansPerSecond: 100_000, spanSizeBytes: 500 },
      { rateLimit: 100e6 },
    );
    expect(sc.components.tempo?.memoryBytes).toBe(4 * GiB);
    const out = summarize(run(sc, 600));
    expect(out.instances['tempo-0']?.oomKills).toBeGreaterThanOrEqual(1);
    expect(out.instances['tempo-0']?.peakMemoryBytes).toBeGreaterThan(4 * GiB);
    expect(out.spans.lost).toBeGreaterThan(0);
    expect(out.traces.lost).toBeGreaterThan(0);
    const oom = out.events.find((e) => e.kind === 'oom-kill');
    expect(oom?.instance).toBe('tempo-0');
    expect(oom?.message).toMatch(/^tempo-0 OOM-killed at [\d.]+ GiB of 4 GiB; [\d,]+ traces lost/);
    expect(out.events.some((e) => e.kind === 'restart' && /replaying .* of WAL/.test(e.message))).toBe(true);
  });

  it('at 2 MB/s (4,000 spans/s x 500 B) runs an hour with no OOM kill and nothing lost', () => {
    const sc = scenario('2.10', 'monolithic', { spansPerSecond: 4_000, spanSizeBytes: 500 });
    const end = run(sc, 3600);
    const out = summarize(end);
    expect(out.durationSeconds).toBe(3600);
    expect(out.instances['tempo-0']?.oomKills).toBe(0);
    expect(out.spans.lost).toBe(0);
    expect(out.spans.refused).toBe(0);
    expect(out.spans.written).toBeGreaterThan(0.99 * out.spans.sent);
    expect(out.instances['tempo-0']?.peakMemoryBytes).toBeLessThan(2 * GiB);
    expect(out.queries.failed).toBe(0);
  });

  it('with the default 15 MB/s rate limit, 50 MB/s is refused rather than accepted', () => {
    const out = summarize(
      run(scenario('2.10', 'monolithic', { spansPerSecond: 100_000, spanSizeBytes: 500 }), 300),
    );
    expect(out.spans.refused).toBeGreaterThan(0);
    expect(out.events.some((e) => e.kind === 'rate-limited' && e.instance === 'tempo-0')).toBe(true);
    // What the clients cannot queue is lost, though the process itself survives.
    expect(out.spans.lost).toBeGreaterThan(0);
    expect(out.instances['tempo-0']?.oomKills).toBe(0);
  });

  it('a query load raises its CPU and memory: queries compete with ingest', () => {
    const base = { spansPerSecond: 20_000, spanSizeBytes: 500, queryRangeMinutes: 60 };
    const measure = (queriesPerSecond: number) => {
      const s = createSimulation(scenario('2.10', 'monolithic', { ...base, queriesPerSecond }));
      let cpu = 0;
      for (let k = 0; k < 1500; k++) {
        stepMut(s);
        cpu += views(s).instances[0]?.cpuCores ?? 0;
      }
      return { meanCpu: cpu / 1500, out: summarize(s) };
    };
    const quiet = measure(0);
    const busy = measure(20);
    expect(busy.meanCpu).toBeGreaterThan(quiet.meanCpu + 0.3);
    const mem = (r: typeof quiet) => r.out.instances['tempo-0']?.peakMemoryBytes ?? 0;
    expect(mem(busy)).toBeGreaterThan(mem(quiet) + 100 * 1024 ** 2);
    // With the CPU taken by queries, ingest gets refused where it was not.
    expect(quiet.out.spans.refused).toBe(0);
    expect(busy.out.spans.refused).toBeGreaterThan(0);
  });
});

describe('2.10 microservices', () => {
  const kill: ScheduledEvent = { at: 120, kind: 'kill', instance: 'ingester-1' };

  it('RF=3 loses nothing when ingester-1 is killed', () => {
    const out = summarize(run(scenario('2.10', 'microservices', {}, { rf: 3, events: [kill] }), 600));
    expect(out.events.some((e) => e.kind === 'killed' && e.instance === 'ingester-1')).toBe(true);
    expect(out.instances['ingester-1']?.restarts).toBe(1);
    expect(out.spans.lost).toBe(0);
    expect(out.spans.refused).toBe(0);
    expect(out.spans.sent).toBeGreaterThan(5_000_000);
  });

  it('RF=1 loses spans when ingester-1 is killed: its live traces and the writes it owns', () => {
    const out = summarize(run(scenario('2.10', 'microservices', {}, { rf: 1, events: [kill] }), 600));
    expect(out.spans.lost).toBeGreaterThan(0);
    expect(out.traces.lost).toBeGreaterThan(0);
    expect(out.spans.refused).toBeGreaterThan(0);
    expect(out.events.some((e) => e.kind === 'quorum-lost')).toBe(true);
  });

  it('an object-storage outage grows what ingesters hold on their volume, not their heap, until flushes resume', () => {
    // 1,000 traces/s on every ingester (RF 3 over 3) hold about 15,000 live traces: past the default
    // max_traces_per_user (10,000) they would be discarded, so the limit is raised as an operator would.
    const sc = withRaisedMaxTraces(
      scenario(
        '2.10',
        'microservices',
        { spansPerSecond: 20_000, spanSizeBytes: 500 },
        { events: [{ at: 600, kind: 'storage-outage', durationSeconds: 1800 }] },
      ),
      1.5,
    );
    const before = runFor(createSimulation(sc), 600);
    const atEnd = runFor(before, 1800);
    // Flushed blocks stay on the volume for complete_block_timeout (15 min) before they are removed.
    const after = runFor(atEnd, 2700);
    // Complete blocks wait on local disk until the flush succeeds (flush.go at v2.10.8 retries them).
    const disk = (s: SimState) => views(s).instances.find((i) => i.name === 'ingester-0')?.diskBytes ?? -1;
    expect(disk(atEnd)).toBeGreaterThan(disk(before) + 2 * GiB);
    expect(disk(after)).toBeLessThan(disk(atEnd) - 2 * GiB);
    expect(memoryOf(atEnd, 'ingester-0')).toBeLessThan(memoryOf(before, 'ingester-0') + 0.5 * GiB);
    const out = summarize(after);
    expect(out.instances['ingester-0']?.oomKills).toBe(0);
    expect(out.spans.lost).toBe(0);
    expect(out.events.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['storage-outage', 'storage-restored']),
    );
  });

  it("a long object-storage outage fills the ingesters' volumes: spans lost and logged, no OOM kill or crash loop", () => {
    const sc = scenario(
      '2.10',
      'microservices',
      { spansPerSecond: 20_000, spanSizeBytes: 500 },
      { events: [{ at: 60, kind: 'storage-outage', durationSeconds: 6 * 3600 }] },
    );
    const out = summarize(run(sc, 4 * 3600));
    const ingesters = Object.entries(out.instances).filter(([n]) => n.startsWith('ingester'));
    // Complete blocks that cannot be flushed wait on the volume (not the heap, not the WAL replayed at
    // start-up); once it is full, traces cut from memory cannot be appended and are lost.
    expect(ingesters.reduce((a, [, v]) => a + v.oomKills, 0)).toBe(0);
    const full = out.events.filter((e) => e.kind === 'volume-full').map((e) => e.instance);
    expect(full.sort()).toEqual(['ingester-0', 'ingester-1', 'ingester-2']);
    expect(out.spans.lost).toBeGreaterThan(0);
  });

  it('queries over the default hour need backend blocks: they fail while object storage is down', () => {
    const sc = scenario(
      '2.10',
      'microservices',
      { spansPerSecond: 10_000, queriesPerSecond: 1 },
      { events: [{ at: 120, kind: 'storage-outage', durationSeconds: 300 }] },
    );
    const before = summarize(run(sc, 119)).queries.failed;
    const during = summarize(run(sc, 400));
    const after = summarize(run(sc, 900));
    expect(before).toBe(0);
    expect(during.queries.failed).toBeGreaterThan(0.9 * 280);
    expect(during.events.find((e) => e.kind === 'queries-failing')?.message).toMatch(
      /object storage is unavailable/,
    );
    // Back at 420 s: queries succeed again.
    expect(after.queries.failed - during.queries.failed).toBeLessThan(25);
  });

  it('the distributor rate limit (local strategy, 15 MB/s per distributor) refuses above the limit', () => {
    // 2 distributors x 15 MB/s = 30 MB/s accepted of 40 MB/s offered.
    const end = run(scenario('2.10', 'microservices', { spansPerSecond: 80_000, spanSizeBytes: 500 }), 120);
    const v = views(end);
    const accepted = v.flows
      .filter((f) => f.from === 'client' && f.path === 'write')
      .reduce((a, f) => a + f.rate, 0);
    expect(accepted * 500).toBeGreaterThan(0.97 * 30e6);
    expect(accepted * 500).toBeLessThan(1.03 * 30e6);
    expect(totals(end).refused).toBeGreaterThan(0);
    expect(v.events.some((e) => e.kind === 'rate-limited' && e.instance === 'distributor-0')).toBe(true);
  });

  it('at the published sizing (4 MB/s per ingester, RF=3) the cluster is healthy; at 8x it is not', () => {
    const sized = scenario(
      '2.10',
      'microservices',
      { spansPerSecond: 24_000, spanSizeBytes: 500 },
      { rateLimit: 100e6 },
    );
    const ok = summarize(run(sized, 1800));
    expect(Object.values(ok.instances).every((i) => i.oomKills === 0)).toBe(true);
    expect(ok.spans.lost).toBe(0);
    expect(ok.instances['ingester-0']?.peakMemoryBytes).toBeLessThan(0.5 * 8 * GiB);
    const hot = scenario(
      '2.10',
      'microservices',
      { spansPerSecond: 8 * 24_000, spanSizeBytes: 500 },
      { rateLimit: 100e6 },
    );
    const bad = summarize(run(hot, 1800));
    // Each ingester gets all 96 MB/s (RF 3 of 3): its heap or its 10 GiB volume gives out, and spans are lost.
    expect(bad.spans.lost).toBeGreaterThan(0.1 * bad.spans.sent);
    expect(bad.events.some((e) => e.kind === 'oom-kill' || e.kind === 'volume-full')).toBe(true);
  });
});

describe('scalable single binary', () => {
  const load = { spansPerSecond: 70_000, spanSizeBytes: 500 };
  it('3 replicas with RF=1 stay up at a load (35 MB/s) that OOM-kills a monolith', () => {
    const mono = summarize(run(scenario('2.10', 'monolithic', load, { rateLimit: 100e6 }), 1800));
    expect(mono.instances['tempo-0']?.oomKills).toBeGreaterThanOrEqual(1);
    const ssb = summarize(
      run(scenario('2.10', 'scalable-single-binary', load, { rf: 1, rateLimit: 100e6 }), 1800),
    );
    for (const name of ['tempo-0', 'tempo-1', 'tempo-2']) expect(ssb.instances[name]?.oomKills).toBe(0);
    expect(ssb.spans.lost).toBe(0);
  });

  it('with RF=3 every replica holds every trace, so memory is not spread', () => {
    const ssb1 = summarize(
      run(scenario('2.10', 'scalable-single-binary', load, { rf: 1, rateLimit: 100e6 }), 600),
    );
    const ssb3 = summarize(
      run(scenario('2.10', 'scalable-single-binary', load, { rf: 3, rateLimit: 100e6 }), 600),
    );
    expect(ssb3.instances['tempo-0']?.peakMemoryBytes ?? 0).toBeGreaterThan(
      1.5 * (ssb1.instances['tempo-0']?.peakMemoryBytes ?? 0),
    );
  });

  it('RF=3 survives a killed replica without loss', () => {
    const sc = scenario(
      '2.10',
      'scalable-single-binary',
      {},
      { rf: 3, events: [{ at: 100, kind: 'kill', instance: 'tempo-2' }] },
    );
    const out = summarize(run(sc, 400));
    expect(out.instances['tempo-2']?.restarts).toBe(1);
    expect(out.spans.lost).toBe(0);
  });
});

describe('3.0 microservices', () => {
  it('a killed live-store loses nothing, lags, then catches up from Kafka', () => {
    const sc = scenario(
      '3.0',
      'microservices',
      {},
      { events: [{ at: 120, kind: 'kill', instance: 'live-store-1' }] },
    );
    let s = createSimulation(sc);
    let maxLag = 0;
    for (let k = 0; k < 600; k++) {
      stepMut(s);
      const ls = views(s).instances.find((i) => i.name === 'live-store-1');
      maxLag = Math.max(maxLag, ls?.lagSeconds ?? 0);
    }
    s = runFor(s, 0);
    const out = summarize(s);
    expect(out.spans.lost).toBe(0);
    expect(out.spans.refused).toBe(0);
    expect(maxLag).toBeGreaterThan(10);
    const kinds = out.events.filter((e) => e.instance === 'live-store-1').map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['killed', 'lag', 'restart', 'ready', 'caught-up']));
    // Recent-data queries fail while it lags (fail_on_high_lag).
    expect(out.queries.failed).toBeGreaterThan(0);
  });

  it('a Kafka outage makes distributors refuse; nothing is written meanwhile', () => {
    const sc = scenario(
      '3.0',
      'microservices',
      {},
      { events: [{ at: 60, kind: 'kafka-outage', durationSeconds: 120 }] },
    );
    const before = run(sc, 60);
    const during = runFor(before, 100);
    expect(totals(during).written).toBeCloseTo(totals(before).written, 0);
    expect(totals(during).refused).toBeGreaterThan(0);
    const out = summarize(runFor(during, 300));
    expect(out.events.map((e) => e.kind)).toEqual(expect.arrayContaining(['kafka-outage', 'kafka-restored']));
    // 2 minutes of refusals overflow the 30 s client queue.
    expect(out.spans.lost).toBeGreaterThan(0);
  });

  it('a live-store at several times its sized rate lags', () => {
    // 3 live-stores sized at 6-10 MB/s each; offer 4x 8 MB/s each.
    const sc = scenario(
      '3.0',
      'microservices',
      { spansPerSecond: 4 * 48_000, spanSizeBytes: 500 },
      { rateLimit: 100e6 },
    );
    const out = summarize(run(sc, 300));
    expect(out.events.some((e) => e.kind === 'lag' && e.instance.startsWith('live-store'))).toBe(true);
    expect(out.spans.lost).toBe(0);
    const sized = summarize(
      run(
        scenario(
          '3.0',
          'microservices',
          { spansPerSecond: 48_000, spanSizeBytes: 500 },
          { rateLimit: 100e6 },
        ),
        900,
      ),
    );
    expect(sized.events.some((e) => e.kind === 'lag')).toBe(false);
  });
});

describe('the event log', () => {
  it('queries failing for two reasons in turn are reported once a minute per reason, not every second', () => {
    // The bench cluster: live-stores hover at the fail_on_high_lag threshold and the frontend queue
    // fills, so the reason flips nearly every second.
    const s = createSimulation(benchScenario());
    for (let k = 0; k < 600; k++) stepMut(s);
    const failing = s.events.filter((e) => e.kind === 'queries-failing');
    const reasons = new Set(failing.map((e) => e.message));
    expect(reasons.size).toBe(2);
    expect(failing.length).toBeGreaterThanOrEqual(2);
    for (const r of reasons) {
      const times = failing.filter((e) => e.message === r).map((e) => e.t);
      for (let k = 1; k < times.length; k++) expect(times[k]! - times[k - 1]!).toBeGreaterThanOrEqual(60);
    }
  });
});

describe('live actions', () => {
  it('inject kill, spike and setLoad act on a running simulation without resetting it', () => {
    let s = run(scenario('2.10', 'microservices', {}), 60);
    const t = s.t;
    s = inject(s, { kind: 'spike', factor: 5, durationSeconds: 30 });
    s = inject(s, { kind: 'kill', instance: 'ingester-0' });
    expect(s.t).toBe(t);
    expect(views(s).instances.find((i) => i.name === 'ingester-0')?.status).toBe('down');
    const sent0 = totals(s).sent;
    s = runFor(s, 10);
    expect(totals(s).sent - sent0).toBeGreaterThan(4 * 10 * 10_000);
  });

  it('flows use topology node ids, grouped ones for large components', () => {
    for (const sc of [
      scenario('2.10', 'microservices', {}),
      scenario('3.0', 'microservices', {}),
      scenario('2.10', 'monolithic', {}),
      scenario('2.10', 'scalable-single-binary', {}),
    ]) {
      const big = {
        ...sc,
        components: { ...sc.components, querier: { replicas: 20, cpu: 1, memoryBytes: 4 * GiB } },
      };
      for (const x of [sc, big]) {
        const nodeIds = new Set(deriveTopology(x).nodes.map((n) => n.id));
        const flowIds = new Set(views(run(x, 400)).flows.flatMap((f) => [f.from, f.to]));
        for (const id of flowIds) expect(nodeIds, `${x.name}: ${id}`).toContain(id);
        expect(flowIds.size).toBeGreaterThanOrEqual(3);
      }
      if (sc.mode === 'microservices') {
        const flows = views(run(big, 60)).flows;
        expect(flows.some((f) => f.to === 'group:querier' && f.rate > 0)).toBe(true);
      }
    }
  });
});

describe('whole counts and refusals', () => {
  it('over the rate limit, refused counts each span once and refusedAttempts counts every retry', () => {
    const sc = scenario('2.10', 'monolithic', { spansPerSecond: 100_000, spanSizeBytes: 500 });
    const out = summarize(run(sc, 600));
    const { sent, written, lost, inFlight, refused, refusedAttempts } = out.spans;
    for (const v of [
      sent,
      written,
      lost,
      inFlight,
      refused,
      refusedAttempts,
      out.traces.sent,
      out.traces.lost,
    ])
      expect(Number.isInteger(v)).toBe(true);
    expect(sent).toBe(written + lost + inFlight);
    // 50 MB/s against a 15 MB/s limit: most spans are refused at least once, never more spans than were sent.
    expect(refused).toBeGreaterThan(0.5 * sent);
    expect(refused).toBeLessThanOrEqual(sent);
    // Clients retry every 5 s from a 30 s queue, so each refused span is tried several times.
    expect(refusedAttempts).toBeGreaterThan(3 * refused);
    expect(Number.isInteger(out.queries.issued) && Number.isInteger(out.queries.failed)).toBe(true);
  });
});
