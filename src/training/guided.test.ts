import { describe, expect, it } from 'vitest';
import { parseScenario, type Scenario, scenarioInstances } from '../model/scenario';
import { deriveTopology } from '../model/topology';
import { validateScenario } from '../model/validate';
import { type SimState, summarize, totals, views } from '../sim';
import { GUIDED_SCENARIOS, guidedById } from './builtinStories';
import { type GuidedScenario, guidedTimeline, scenarioAtStep } from './guided';
import { advanceGuided, playGuided, startGuided, storyTime } from './play';

const story = (id: string): GuidedScenario => {
  const g = guidedById(id);
  if (!g) throw new Error(`no story ${id}`);
  return g;
};

interface Sample {
  t: number;
  lost: number;
  refused: number;
  written: number;
  p99: number;
  queriesFailed: number;
  uncompacted: number;
  lag: Record<string, number>;
  oomKills: number;
}

interface Trace {
  samples: Sample[];
  events: { t: number; instance: string; kind: string; message: string }[];
  /** Story time at which each simulation segment began. */
  segments: number[];
  end: SimState;
}

/** Run a story through the engine, sampling every second in story time. */
function trace(g: GuidedScenario): Trace {
  const samples: Sample[] = [];
  const events: Trace['events'] = [];
  const segments: number[] = [];
  let cfg: SimState['cfg'] | null = null;
  let seen = 0;
  const p = playGuided(g, g.durationSeconds, (t, s) => {
    const offset = t - s.t;
    if (s.cfg !== cfg) {
      cfg = s.cfg;
      seen = 0;
      segments.push(offset);
    }
    for (; seen < s.events.length; seen++) {
      const e = s.events[seen];
      if (e) events.push({ ...e, t: offset + e.t });
    }
    const v = views(s);
    const tt = totals(s);
    const lag: Record<string, number> = {};
    for (const i of v.instances) if (i.lagSeconds > 0) lag[i.name] = i.lagSeconds;
    samples.push({
      t,
      lost: tt.lost,
      refused: tt.refused,
      written: tt.written,
      p99: v.queries.p99Ms,
      queriesFailed: v.queries.failed,
      uncompacted: v.storage.uncompactedBlocks,
      lag,
      oomKills: v.instances.reduce((a, i) => a + i.oomKills, 0),
    });
  });
  return { samples, events, segments, end: p.state };
}

const at = (tr: Trace, t: number): Sample => {
  const s = tr.samples.find((x) => x.t === t);
  if (!s) throw new Error(`no sample at ${t}`);
  return s;
};

const traces = new Map<string, Trace>();
const traced = (id: string): Trace => {
  let tr = traces.get(id);
  if (!tr) {
    tr = trace(story(id));
    traces.set(id, tr);
  }
  return tr;
};

describe('guided scenarios: shape', () => {
  it('ships at least the six stories of the issue, with unique ids', () => {
    const ids = GUIDED_SCENARIOS.map((g) => g.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([
      'monolith-runs-hot',
      'ssb-scale-out',
      'rf3-survives-ingester',
      'kafka-absorbs-live-store-crash',
      'compaction-falls-behind',
      'live-traces-limit',
      'migrate-2-10-to-3-0',
      'storage-outage-2-10',
      'storage-outage-3-0',
      'live-store-zone-outage',
    ]);
  });

  for (const g of GUIDED_SCENARIOS) {
    describe(g.id, () => {
      const all: Scenario[] = [g.scenario, ...g.steps.flatMap((s) => (s.switchTo ? [s.switchTo] : []))];

      it('every scenario parses, round-trips through JSON and has no validation error', () => {
        for (const s of all) {
          const parsed = parseScenario(JSON.parse(JSON.stringify(s)));
          expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
          if (parsed.ok) expect(parsed.value).toEqual(s);
          expect(validateScenario(s).filter((i) => i.severity === 'error')).toEqual([]);
        }
      });

      it('steps start at 0, at whole seconds, strictly increasing, before the end', () => {
        expect(g.steps.length).toBeGreaterThanOrEqual(4);
        expect(g.steps[0]?.at).toBe(0);
        g.steps.forEach((s, i) => {
          expect(Number.isInteger(s.at)).toBe(true);
          if (i > 0) expect(s.at).toBeGreaterThan(g.steps[i - 1]?.at ?? Number.POSITIVE_INFINITY);
          expect(s.at).toBeLessThan(g.durationSeconds);
          expect(s.title.length).toBeGreaterThan(3);
          expect(s.text.length).toBeGreaterThan(40);
        });
      });

      it('lookAt nodes exist in the topology of the step’s scenario; actions name existing instances', () => {
        g.steps.forEach((s, i) => {
          const sc = scenarioAtStep(g, i);
          const nodes = new Set(deriveTopology(sc).nodes.map((n) => n.id));
          if (s.lookAt?.nodeId) expect(nodes, `${g.id} step ${i}`).toContain(s.lookAt.nodeId);
          if (s.action?.kind === 'kill') {
            const names = scenarioInstances(sc).map((x) => x.name);
            expect(names, `${g.id} step ${i}`).toContain(s.action.instance);
          }
        });
      });

      it('the timeline is sorted and carries full loads', () => {
        const tl = guidedTimeline(g);
        for (let k = 1; k < tl.length; k++) expect(tl[k]?.at).toBeGreaterThan(tl[k - 1]?.at ?? 0);
        for (const e of tl)
          if (e.load) expect(Object.keys(e.load).sort()).toEqual(Object.keys(g.scenario.load).sort());
        expect(tl.length).toBe(g.steps.filter((s) => s.load || s.action || s.switchTo).length);
      });

      it('every event the text points at has happened by the next step', () => {
        const tr = traced(g.id);
        g.steps.forEach((s, i) => {
          const kind = s.lookAt?.eventKind;
          if (!kind) return;
          const until = g.steps[i + 1]?.at ?? g.durationSeconds;
          const from = Math.max(0, ...tr.segments.filter((x) => x <= s.at));
          const hit = tr.events.find((e) => e.kind === kind && e.t >= from && e.t <= until);
          expect(hit, `${g.id} step ${i} "${s.title}" expects ${kind} by ${until}`).toBeDefined();
        });
      });
    });
  }

  it('the timeline resolves partial loads cumulatively', () => {
    const g = story('monolith-runs-hot');
    const tl = guidedTimeline(g);
    expect(tl.map((e) => [e.at, e.load?.spansPerSecond])).toEqual([
      [60, 40_000],
      [180, 100_000],
    ]);
    expect(tl[1]?.load?.spanSizeBytes).toBe(500);
  });

  it('a replay is identical', () => {
    for (const id of ['monolith-runs-hot', 'migrate-2-10-to-3-0']) {
      const a = summarize(playGuided(story(id)).state);
      const b = summarize(playGuided(story(id)).state);
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    }
  });

  it('playing in pieces gives the same state as playing at once', () => {
    const g = story('rf3-survives-ingester');
    const once = playGuided(g, 200);
    let p = startGuided(g);
    for (const chunk of [1, 59, 1, 9, 130]) p = advanceGuided(p, chunk);
    expect(storyTime(p)).toBe(200);
    expect(JSON.stringify(summarize(p.state))).toBe(JSON.stringify(summarize(once.state)));
  });
});

describe('guided scenarios: what the engine shows', () => {
  it('live traces: at 10 MB/s every ingester hits max_traces_per_user and discards; raised, none do', () => {
    const tr = traced('live-traces-limit');
    // 5 MB/s fits (7,500 live traces per ingester): nothing lost before the traffic doubles.
    expect(at(tr, 120).lost).toBe(0);
    const event = tr.events.find((e) => e.kind === 'live-traces-exceeded');
    expect(event?.t).toBeGreaterThan(120);
    expect(event?.t).toBeLessThan(240);
    expect(event?.message).toMatch(/LIVE_TRACES_EXCEEDED/);
    // About a third of 10 MB/s is discarded until the switch, no OOM.
    expect(at(tr, 359).lost).toBeGreaterThan(0.2 * 20_000 * 200);
    expect(tr.samples.every((x) => x.oomKills === 0)).toBe(true);
    // After the switch to 30,000 the new run loses nothing.
    expect(summarize(tr.end).spans.lost).toBe(0);
    expect(summarize(tr.end).discarded.live_traces_exceeded).toBe(0);
  });

  it('the monolith is OOM-killed under the 50 MB/s it was given and loses spans', () => {
    const tr = traced('monolith-runs-hot');
    const oom = tr.events.filter((e) => e.kind === 'oom-kill');
    expect(oom.length).toBeGreaterThanOrEqual(2);
    expect(oom[0]?.t).toBeGreaterThan(300);
    expect(oom[0]?.t).toBeLessThanOrEqual(370);
    expect(at(tr, 300).lost).toBe(0);
    const end = summarize(tr.end);
    expect(end.spans.lost).toBeGreaterThan(1_000_000);
    expect(end.traces.lost).toBeGreaterThan(0);
    expect(end.instances['tempo-0']?.oomKills).toBe(oom.length);
    // The "Under pressure" step: the node shows it before the kill.
    const atPressure = views(playGuided(story('monolith-runs-hot'), 300).state);
    expect(atPressure.instances.find((i) => i.name === 'tempo-0')?.status).toBe('pressure');
  });

  it('SSB runs the monolith’s load script without an OOM kill; only the RF=1 kill loses spans', () => {
    const mono = guidedTimeline(story('monolith-runs-hot')).map((e) => [e.at, e.load]);
    const ssb = guidedTimeline(story('ssb-scale-out'))
      .filter((e) => e.load)
      .map((e) => [e.at, e.load]);
    expect(ssb).toEqual(mono);
    const tr = traced('ssb-scale-out');
    const monoKills = traced('monolith-runs-hot').samples.at(-1)?.oomKills ?? 0;
    expect(tr.samples.at(-1)?.oomKills).toBe(0);
    expect(monoKills).toBeGreaterThan(0);
    expect(at(tr, 600).lost).toBe(0);
    expect(at(tr, 600).refused).toBe(0);
    expect(tr.samples.at(-1)?.lost).toBeGreaterThan(0);
  });

  it('RF=3 loses 0 spans and refuses none when ingester-1 is killed', () => {
    const tr = traced('rf3-survives-ingester');
    expect(tr.events.some((e) => e.kind === 'killed' && e.instance === 'ingester-1' && e.t === 60)).toBe(
      true,
    );
    const end = summarize(tr.end);
    expect(end.spans.lost).toBe(0);
    expect(end.spans.refused).toBe(0);
    expect(end.instances['ingester-1']?.restarts).toBe(1);
    expect(end.spans.written).toBeGreaterThan(0.95 * end.spans.sent);
  });

  it('Kafka: the killed live-store loses 0 spans, lags more than 10 s, and recent queries fail meanwhile', () => {
    const tr = traced('kafka-absorbs-live-store-crash');
    const maxLag = Math.max(...tr.samples.map((s) => s.lag['live-store-1'] ?? 0));
    expect(maxLag).toBeGreaterThan(10);
    const end = summarize(tr.end);
    expect(end.spans.lost).toBe(0);
    expect(end.spans.refused).toBe(0);
    expect(end.queries.failed).toBeGreaterThan(0);
    expect(at(tr, 119).queriesFailed).toBe(0);
  });

  it('compaction falls behind: blocks pile up and p99 rises more than tenfold', () => {
    const tr = traced('compaction-falls-behind');
    const before = at(tr, 1200);
    const late = at(tr, 3800);
    expect(before.uncompacted).toBeLessThan(5);
    expect(at(tr, 3300).uncompacted).toBeGreaterThan(50);
    expect(late.p99).toBeGreaterThan(10 * before.p99);
    expect(late.p99).toBeGreaterThan(5_000);
    expect(late.queriesFailed).toBeGreaterThan(0);
    expect(late.lost).toBe(0);
  });

  it('compaction story, counterfactual: the same load with 6 compactors stays fast', () => {
    const g = story('compaction-falls-behind');
    const sized: GuidedScenario = {
      ...g,
      scenario: {
        ...g.scenario,
        components: {
          ...g.scenario.components,
          compactor: { replicas: 6, cpu: 1, memoryBytes: 4 * 1024 ** 3 },
          // At 2,500 traces/s compaction keeps about 2.1 of the 3 copies (an hour's copies need several
          // blocks of max_compaction_objects): searches scan twice the bytes, so queriers double too.
          querier: { replicas: 8, cpu: 1, memoryBytes: 4 * 1024 ** 3 },
        },
      },
    };
    const tr = trace(sized);
    expect(at(tr, 3800).uncompacted).toBeLessThan(5);
    // Four queriers at 8 searches a second are busy (latency rises with utilisation), but nothing piles up.
    expect(at(tr, 3800).p99).toBeLessThan(5_000);
    expect(at(tr, 3800).queriesFailed).toBe(0);
    expect(at(traced(g.id), 3800).p99).toBeGreaterThan(3 * at(tr, 3800).p99);
  });

  it('outage stories: 2.10 loses to a full volume without an OOM kill; 3.0 loses nothing and crash-loops nowhere', () => {
    const v2 = traced('storage-outage-2-10');
    expect(at(v2, 9000).oomKills).toBe(0);
    expect(at(v2, 2300).lost).toBe(0);
    expect(at(v2, 9000).lost).toBeGreaterThan(0);
    const v3 = traced('storage-outage-3-0');
    expect(at(v3, 9600).oomKills).toBe(0);
    expect(at(v3, 9600).lost).toBe(0);
    const zone = traced('live-store-zone-outage');
    expect(at(zone, 9000).oomKills).toBe(0);
    expect(at(zone, 9000).lost).toBe(0);
    const restart = zone.events.find((e) => e.kind === 'restart' && e.instance === 'live-store-0');
    expect(restart?.message).toMatch(/catching up the last 40 min/);
  });

  it('migration: 2.10 then 3.0 with Kafka; nothing lost on either side, the live-store kill included', () => {
    const g = story('migrate-2-10-to-3-0');
    const tr = traced(g.id);
    expect(tr.segments).toEqual([0, 180]);
    expect(at(tr, 179).lost).toBe(0);
    const end = summarize(tr.end);
    expect(tr.end.cfg.scenario.tempoVersion).toBe('3.0');
    expect(tr.end.cfg.kafka).toBe(true);
    expect(end.spans.lost).toBe(0);
    expect(tr.events.some((e) => e.kind === 'killed' && e.instance === 'live-store-0' && e.t === 420)).toBe(
      true,
    );
  });
});
