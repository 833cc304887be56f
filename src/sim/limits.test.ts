/**
 * Limits that discard (issue 17, item 2), from Tempo's defaults (manifests v2.10.8 and v3.0.3:
 * overrides.defaults) and the code that applies them (limits.ts names the files).
 */
import { describe, expect, it } from 'vitest';
import { tenantLimits } from '../model/limits';
import { createScenario, type Load, type Scenario } from '../model/scenario';
import { createSimulation, runFor } from './engine';
import { summarize } from './views';

const GiB = 1024 ** 3;

function run(s: Scenario, seconds: number) {
  return summarize(runFor(createSimulation(s), seconds));
}

function cluster(version: Scenario['tempoVersion'], load: Partial<Load>, maxTraces?: number): Scenario {
  const s = createScenario(version, 'microservices');
  return {
    ...s,
    settings: {
      ...s.settings,
      limits: maxTraces === undefined ? undefined : { maxTracesPerUser: maxTraces },
    },
    load: { ...s.load, ...load },
  };
}

describe('max_traces_per_user (10,000 live traces per ingester, local)', () => {
  it('is the manifests’ default on both versions', () => {
    expect(tenantLimits(createScenario('2.10')).maxTracesPerUser).toBe(10_000);
    expect(tenantLimits(createScenario('3.0')).maxTracesPerUser).toBe(10_000);
  });

  // 20,000 spans/s of 20-span traces: 1,000 traces/s reach every ingester (RF 3 over 3), which holds
  // them about 15 s (idle 5 s + arrival 5 s + half of flush_check_period 10 s): 15,000 live traces.
  it('2.10: ingesters past it refuse pushes; the spans are discarded (live_traces_exceeded) and lost', () => {
    const out = run(cluster('2.10', { spansPerSecond: 20_000, traceSizeSigma: 0 }), 600);
    const share = out.discarded.live_traces_exceeded / out.spans.sent;
    // 10,000 of about 15,000 live traces fit: about a third is discarded.
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.45);
    expect(out.spans.lost).toBeGreaterThanOrEqual(out.discarded.live_traces_exceeded - 1);
    const event = out.events.find((e) => e.kind === 'live-traces-exceeded');
    expect(event?.message).toMatch(/LIVE_TRACES_EXCEEDED/);
    expect(event?.message).toMatch(/max_traces_per_user \(10,000\)/);
    // No OOM: the limit is what protects the ingesters.
    expect(Object.values(out.instances).every((i) => i.oomKills === 0)).toBe(true);
  });

  it('2.10: raised to 20,000 as an operator would, nothing is discarded', () => {
    const out = run(cluster('2.10', { spansPerSecond: 20_000, traceSizeSigma: 0 }, 20_000), 600);
    expect(out.discarded.live_traces_exceeded).toBe(0);
    expect(out.spans.lost).toBe(0);
  });

  it('3.0: a live-store past it drops its copy; block-builders do not apply it, so nothing is lost', () => {
    // 3 partitions: 1,000 traces/s each over 12.5 s is about 12,500 live traces per live-store.
    const out = run(cluster('3.0', { spansPerSecond: 60_000, traceSizeSigma: 0 }), 600);
    expect(out.discarded.live_traces_exceeded).toBeGreaterThan(0);
    expect(out.spans.lost).toBe(0);
    expect(out.events.find((e) => e.kind === 'live-traces-exceeded')?.message).toMatch(
      /block-builders, which do not apply this limit/,
    );
  });
});

describe('max_bytes_per_trace (5 MB): traces past it are discarded, not OOM-killed', () => {
  for (const version of ['2.10', '3.0'] as const) {
    it(`${version}: 10 MB traces at 5 MB/s lose half their bytes (trace_too_large) and no process dies`, () => {
      const out = run(
        cluster(version, {
          spansPerSecond: 10_000,
          spanSizeBytes: 500,
          spansPerTrace: 20_000,
          traceSizeSigma: 0,
        }),
        900,
      );
      expect(Object.values(out.instances).every((i) => i.oomKills === 0)).toBe(true);
      const share = out.discarded.trace_too_large / out.spans.sent;
      expect(share).toBeGreaterThan(0.45);
      expect(share).toBeLessThan(0.55);
      expect(out.events.find((e) => e.kind === 'trace-too-large')?.message).toMatch(
        /TRACE_TOO_LARGE.*max_bytes_per_trace \(5 MB\)/,
      );
      const peak = Math.max(...Object.values(out.instances).map((i) => i.peakMemoryBytes));
      expect(peak).toBeLessThan(8 * GiB);
    });
  }

  it('set to 0 (no limit), the same traces are kept whole', () => {
    const s = cluster('3.0', { spansPerSecond: 10_000, spansPerTrace: 20_000, traceSizeSigma: 0 });
    const out = run({ ...s, settings: { ...s.settings, limits: { maxBytesPerTrace: 0 } } }, 300);
    expect(out.discarded.trace_too_large).toBe(0);
  });
});

describe('ingestion rate limit (rate_limit_bytes 15 MB/s, burst 20 MB on 2.10): RATE_LIMITED', () => {
  it('a monolith offered 20 MB/s refuses the excess and counts it as rate_limited', () => {
    const s = createScenario('2.10', 'monolithic');
    const out = run({ ...s, load: { ...s.load, spansPerSecond: 40_000, spanSizeBytes: 500 } }, 300);
    // About 5 MB/s of 20 are refused at every attempt (clients retry, so attempts count again).
    expect(out.discarded.rate_limited).toBeGreaterThan(0.2 * out.spans.sent);
    expect(out.events.find((e) => e.kind === 'rate-limited')?.message).toMatch(/RATE_LIMITED/);
  });
});
