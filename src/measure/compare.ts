/**
 * A team's measurements beside the model: what the series say per process and about the load, the
 * load they give the sliders, and the steady simulation of the same cluster under that load.
 */
import type { ProcessKind } from '../model/catalog';
import type { Measured } from '../model/measured';
import { MAX_MEASURED_PROCESSES, MAX_MEASURED_UNMATCHED } from '../model/measured';
import { LIMITS, type Scenario, scenarioInstances } from '../model/scenario';
import { createSimulation, instanceViews, runFor } from '../sim';
import { formatCount } from '../sim/format';
import { matchIdentities, seriesByProcess, seriesIdentity } from './match';
import type { Series } from './parse';
import { knownMetric, type MeasureRole } from './queries';
import {
  histogramQuantile,
  maxTimelines,
  type Stat,
  stat,
  sumTimelines,
  type Timeline,
  timelineOf,
} from './series';

export interface SummaryResult {
  measured: Measured;
  /** Series that matched no process or metric, with the reason, for the user to read. */
  unmatched: { identity: string; reason: string }[];
  warnings: string[];
}

function byRole(series: readonly Series[]): Map<MeasureRole, Series[]> {
  const out = new Map<MeasureRole, Series[]>();
  for (const s of series) {
    const m = knownMetric(s.metric);
    if (m) out.set(m.role, [...(out.get(m.role) ?? []), s]);
  }
  return out;
}

function total(series: readonly Series[] | undefined, type: 'counter' | 'gauge'): Timeline | null {
  if (!series?.length) return null;
  const t = sumTimelines(series.map((s) => timelineOf(s, type)));
  return t.t.length ? t : null;
}

const median = (t: Timeline | null) => (t ? stat(t.v)?.median : undefined);

/** cAdvisor's per-container series without the pod-level ("" and POD) ones it also exports. */
function containers(series: readonly Series[]): Series[] {
  return series.filter(
    (s) => s.labels.container === undefined || (s.labels.container !== '' && s.labels.container !== 'POD'),
  );
}

function round(x: number, digits = 4): number {
  if (x === 0 || !Number.isFinite(x)) return 0;
  const p = 10 ** Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(x))));
  return Math.round(x * p) / p;
}
const roundStat = (s: Stat): Stat => ({ median: round(s.median), peak: round(s.peak) });

/** Live-stores that each hold a copy of a partition's traces (its zones); 2.10: the replication factor. */
function copiesPerTrace(s: Scenario): number {
  if (s.mode !== 'microservices')
    return s.mode === 'scalable-single-binary' ? s.settings.replicationFactor : 1;
  if (s.tempoVersion === '2.10') return s.settings.replicationFactor;
  const stores = s.components['live-store']?.replicas ?? 1;
  return Math.max(1, Math.floor(stores / Math.max(1, s.settings.kafkaPartitions)));
}

/** Read parsed series for a scenario: per-process CPU and memory, the load, discards, latency, lag. */
export function summarizeMeasurements(series: readonly Series[], s: Scenario, source: string): SummaryResult {
  const warnings: string[] = [];
  const roles = byRole(series);
  const nameless = series.filter((x) => x.metric === null).length;
  if (nameless)
    warnings.push(
      `${nameless} series carry no metric name: paste that answer into its query's own box, or run the query as listed`,
    );
  const unknown = [
    ...new Set(series.filter((x) => x.metric !== null && !knownMetric(x.metric)).map((x) => x.metric!)),
  ];
  if (unknown.length)
    warnings.push(
      `not read (not a metric the playground uses): ${unknown.slice(0, 5).join(', ')}${unknown.length > 5 ? ', …' : ''}`,
    );
  for (const m of new Set(series.map((x) => knownMetric(x.metric)).filter((m) => m !== undefined)))
    if (!m.versions.includes(s.tempoVersion))
      warnings.push(
        `${m.name} is a Tempo ${m.versions.join(', ')} metric; this scenario runs Tempo ${s.tempoVersion}`,
      );

  // Per process: cAdvisor first, Tempo's own process metrics where cAdvisor is missing.
  const processes = scenarioInstances(s).map((p) => ({ name: p.name, kind: p.kind as ProcessKind }));
  const perPod = [
    ...containers(roles.get('cpu') ?? []),
    ...containers(roles.get('memory') ?? []),
    ...(roles.get('processCpu') ?? []),
    ...(roles.get('processMemory') ?? []),
  ];
  const identities = perPod.map((x) => seriesIdentity(x.labels)).filter((x): x is string => x !== null);
  const noIdentity = perPod.length - identities.length;
  if (noIdentity)
    warnings.push(`${noIdentity} CPU or memory series name no pod, container or instance: left out`);
  const matching = matchIdentities(
    identities,
    processes,
    s.tempoVersion === '3.0' ? s.settings.kafkaPartitions : 0,
  );
  const grouped = seriesByProcess(perPod, matching);
  const measuredProcesses: Measured['processes'] = [];
  for (const p of processes) {
    const list = grouped.get(p.name) ?? [];
    const of = (role: MeasureRole, fallback: MeasureRole, type: 'counter' | 'gauge') => {
      const own = list.filter((x) => knownMetric(x.metric)?.role === role);
      const chosen = own.length ? own : list.filter((x) => knownMetric(x.metric)?.role === fallback);
      const t = total(chosen, type);
      const st = t ? stat(t.v) : null;
      return st ? roundStat(st) : undefined;
    };
    const cpu = of('cpu', 'processCpu', 'counter');
    const mem = of('memory', 'processMemory', 'gauge');
    if (cpu || mem)
      measuredProcesses.push({ name: p.name, ...(cpu ? { cpu } : {}), ...(mem ? { mem } : {}) });
  }

  // The load.
  const spans = total(roles.get('spansReceived'), 'counter');
  const bytes = total(roles.get('bytesReceived'), 'counter');
  const traces = total(roles.get('tracesCreated'), 'counter');
  const queries = total(
    (roles.get('queries') ?? []).filter((x) => x.labels.op === undefined || x.labels.op !== 'metadata'),
    'counter',
  );
  const spansPerSecond = median(spans);
  const load: Measured['load'] = {};
  if (spansPerSecond !== undefined) load.spansPerSecond = round(spansPerSecond);
  const bytesPerSecond = median(bytes);
  if (bytesPerSecond !== undefined && spansPerSecond)
    load.spanSizeBytes = round(bytesPerSecond / spansPerSecond, 3);
  const tracesPerSecond = median(traces);
  if (tracesPerSecond && spansPerSecond)
    load.spansPerTrace = round((spansPerSecond * copiesPerTrace(s)) / tracesPerSecond, 3);
  const qps = median(queries);
  if (qps !== undefined) load.queriesPerSecond = round(qps);

  const discarded: Measured['discarded'] = [];
  const byReason = new Map<string, Series[]>();
  for (const x of roles.get('discarded') ?? [])
    byReason.set(x.labels.reason ?? 'unknown', [...(byReason.get(x.labels.reason ?? 'unknown') ?? []), x]);
  for (const [reason, list] of byReason) {
    const m = median(total(list, 'counter'));
    if (m !== undefined && m > 0) discarded.push({ reason: reason.slice(0, 100), perSecond: round(m) });
  }
  discarded.sort((a, b) => b.perSecond - a.perSecond);

  const buckets = roles.get('latency') ?? [];
  const p50 = histogramQuantile(buckets, 0.5);
  const p99 = histogramQuantile(buckets, 0.99);
  // Lag and live traces: the worst partition or store, not a sum over them.
  const worst = (role: MeasureRole) => stat(maxTimelines(roles.get(role) ?? []).v);
  const worstLag = worst('partitionLag');
  const busiest = worst('liveTraces');

  let from = Number.POSITIVE_INFINITY;
  let to = 0;
  for (const x of series)
    if (x.t.length) {
      from = Math.min(from, x.t[0]!);
      to = Math.max(to, x.t[x.t.length - 1]!);
    }
  const kinds = roles.size;
  const measured: Measured = {
    source: source.slice(0, 200),
    from: Number.isFinite(from) ? Math.max(0, round(from, 12)) : 0,
    to: round(to, 12),
    load,
    processes: measuredProcesses.slice(0, MAX_MEASURED_PROCESSES),
    discarded: discarded.slice(0, 20),
    ...(p50 !== null && p99 !== null ? { latency: { p50Seconds: round(p50), p99Seconds: round(p99) } } : {}),
    ...(worstLag ? { lagSeconds: roundStat(worstLag) } : {}),
    ...(busiest ? { liveTraces: roundStat(busiest) } : {}),
    unmatched: matching.unmatched.slice(0, MAX_MEASURED_UNMATCHED).map((u) => u.identity),
  };
  if (kinds === 0)
    warnings.push('none of the series is a metric the playground reads; see the list of queries');
  return { measured, unmatched: matching.unmatched, warnings };
}

/** The scenario with the measured load on its sliders (within the app's limits) and the measurements kept. */
export function applyMeasured(s: Scenario, m: Measured): { scenario: Scenario; clamped: string[] } {
  const clamped: string[] = [];
  const load = { ...s.load };
  for (const key of ['spansPerSecond', 'spanSizeBytes', 'spansPerTrace', 'queriesPerSecond'] as const) {
    const v = m.load[key];
    if (v === undefined) continue;
    const l = LIMITS[key];
    const c = Math.min(l.max, Math.max(l.min, v));
    if (c !== v) clamped.push(`${key} ${v} is outside ${l.min}–${l.max}; set to ${c}`);
    load[key] = c;
  }
  return { scenario: { ...s, load, measured: m }, clamped };
}

export interface ProcessComparison {
  name: string;
  kind: ProcessKind;
  measured: { cpu?: Stat; mem?: Stat };
  simulated: { cpu: Stat; mem: Stat };
  /** (measured median - simulated median) / simulated median, when both exist. */
  diff: { cpu?: number; mem?: number };
}

export interface ComponentComparison {
  kind: ProcessKind;
  replicas: number;
  measuredReplicas: number;
  measured: { cpu?: Stat; mem?: Stat };
  simulated: { cpu: Stat; mem: Stat };
  diff: { cpu?: number; mem?: number };
}

export interface Comparison {
  processes: ProcessComparison[];
  components: ComponentComparison[];
  /** Which differences matter and what they likely mean. */
  findings: string[];
}

/** Past this relative difference a figure is coloured and explained. */
export const NOTABLE_DIFF = 0.25;
/** How long the steady simulation runs, and how often it is sampled, for the simulated side. */
export const COMPARE_SECONDS = 600;
const SAMPLE_EVERY = 10;

/** Median and peak CPU and memory per process over a steady run of the scenario at its load. */
export function simulateProcesses(s: Scenario): Map<string, { kind: ProcessKind; cpu: Stat; mem: Stat }> {
  const steady: Scenario = { ...s, events: [], settings: { ...s.settings, start: 'steady' } };
  let state = createSimulation(steady);
  const cpu = new Map<string, number[]>();
  const mem = new Map<string, number[]>();
  const kinds = new Map<string, ProcessKind>();
  for (let t = 0; t < COMPARE_SECONDS; t += SAMPLE_EVERY) {
    state = runFor(state, SAMPLE_EVERY);
    for (const v of instanceViews(state)) {
      kinds.set(v.name, v.kind as ProcessKind);
      cpu.set(v.name, [...(cpu.get(v.name) ?? []), v.cpuCores]);
      mem.set(v.name, [...(mem.get(v.name) ?? []), v.memoryBytes]);
    }
  }
  const out = new Map<string, { kind: ProcessKind; cpu: Stat; mem: Stat }>();
  for (const [name, kind] of kinds)
    out.set(name, { kind, cpu: roundStat(stat(cpu.get(name)!)!), mem: roundStat(stat(mem.get(name)!)!) });
  return out;
}

const rel = (measured: number | undefined, simulated: number) =>
  measured === undefined
    ? undefined
    : simulated > 0
      ? round((measured - simulated) / simulated, 3)
      : undefined;

/** Hints for a difference, by component and direction: questions to ask, not verdicts. */
const HINTS: Partial<Record<ProcessKind | 'any', { cpu?: [string, string]; mem?: [string, string] }>> = {
  ingester: {
    mem: [
      'traces larger or more spread than the load says (raise the trace size spread), or blocks kept longer (complete_block_timeout)?',
      'fewer live traces than the model holds: shorter traces, or a lighter load than the median?',
    ],
    cpu: [
      'more, smaller pushes than the model assumes, or WAL and flush work on slow disks?',
      'a lighter load than the median in the measured range?',
    ],
  },
  'live-store': {
    mem: [
      'traces larger or more spread than the load says, or a longer complete_block_timeout?',
      'fewer live traces than the model holds: shorter traces, or lighter partitions?',
    ],
  },
  querier: {
    mem: [
      'searches over long ranges or large traces hold more per job than the model (a bigger target_bytes_per_job?)',
      'the queries are lighter than the model’s searches (trace lookups rather than searches?)',
    ],
    cpu: [
      'searches read more of each block than the model assumes (rare attributes, long ranges)?',
      'queries that stop early, or mostly cached results?',
    ],
  },
  compactor: {
    mem: [
      'large traces or blocks in compaction (grafana/tempo #2690 reports compactors at 5–6 GB)?',
      'compaction is idle or behind: check outstanding blocks',
    ],
  },
  'backend-worker': {
    mem: [
      'large traces or blocks in compaction jobs?',
      'compaction is idle or behind: check the scheduler’s outstanding jobs',
    ],
  },
  distributor: {
    cpu: [
      'many small batches, or receivers (Jaeger, Zipkin) that decode more per span than OTLP?',
      'larger batches than the model assumes?',
    ],
    mem: [
      'large batches held while they are pushed, or a Kafka producer buffer filling (3.0)?',
      'requests set below the model’s steady state',
    ],
  },
  any: {
    cpu: [
      'the model counts less work than this process does',
      'the model counts more work than this process does',
    ],
    mem: [
      'the process holds more than the model (caches, runtime): set its memory from the measurement',
      'the model holds more than this process',
    ],
  },
};

function finding(kind: ProcessKind, res: 'cpu' | 'mem', d: number): string {
  const hint = (HINTS[kind]?.[res] ?? HINTS.any![res]!)[d > 0 ? 0 : 1];
  const ratio = d > 0 ? `${round(1 + d, 2)}x` : `${round(1 + d, 2)}x`;
  return `${kind} ${res === 'cpu' ? 'CPU' : 'memory'} ${ratio} the model: ${hint}`;
}

/** Measured beside simulated, per process and per component, for a scenario that holds measurements. */
export function compareMeasured(s: Scenario, simulated = simulateProcesses(s)): Comparison | null {
  const m = s.measured;
  if (!m) return null;
  const byName = new Map(m.processes.map((p) => [p.name, p]));
  const processes: ProcessComparison[] = [];
  for (const [name, sim] of simulated) {
    const meas = byName.get(name);
    processes.push({
      name,
      kind: sim.kind,
      measured: { ...(meas?.cpu ? { cpu: meas.cpu } : {}), ...(meas?.mem ? { mem: meas.mem } : {}) },
      simulated: { cpu: sim.cpu, mem: sim.mem },
      diff: { cpu: rel(meas?.cpu?.median, sim.cpu.median), mem: rel(meas?.mem?.median, sim.mem.median) },
    });
  }
  const components: ComponentComparison[] = [];
  for (const kind of [...new Set(processes.map((p) => p.kind))]) {
    const list = processes.filter((p) => p.kind === kind);
    const agg = (pick: (p: ProcessComparison) => Stat | undefined) => {
      const stats = list.map(pick).filter((x): x is Stat => x !== undefined);
      if (!stats.length) return undefined;
      return {
        median: stat(stats.map((x) => x.median))!.median,
        peak: Math.max(...stats.map((x) => x.peak)),
      };
    };
    const cpu = agg((p) => p.measured.cpu);
    const mem = agg((p) => p.measured.mem);
    const simCpu = agg((p) => p.simulated.cpu)!;
    const simMem = agg((p) => p.simulated.mem)!;
    components.push({
      kind,
      replicas: list.length,
      measuredReplicas: list.filter((p) => p.measured.cpu || p.measured.mem).length,
      measured: { ...(cpu ? { cpu } : {}), ...(mem ? { mem } : {}) },
      simulated: { cpu: simCpu, mem: simMem },
      diff: { cpu: rel(cpu?.median, simCpu.median), mem: rel(mem?.median, simMem.median) },
    });
  }
  const findings: string[] = [];
  const notable = components
    .flatMap((c) => (['mem', 'cpu'] as const).map((r) => ({ c, r, d: c.diff[r] })))
    .filter(
      (x): x is { c: ComponentComparison; r: 'cpu' | 'mem'; d: number } =>
        x.d !== undefined && Math.abs(x.d) > NOTABLE_DIFF,
    )
    .sort((a, b) => Math.abs(b.d) - Math.abs(a.d));
  for (const x of notable) findings.push(finding(x.c.kind, x.r, x.d));
  for (const d of m.discarded)
    findings.push(
      `Tempo discarded ${round(d.perSecond, 3)} spans/s as ${d.reason}: the spans/s slider holds what the distributors received, discards included`,
    );
  if (m.lagSeconds && m.lagSeconds.peak > 10)
    findings.push(
      `a Kafka partition lagged ${round(m.lagSeconds.peak, 3)} s at its worst: consumers short of CPU, or too few of them?`,
    );
  if (m.liveTraces)
    findings.push(
      `the busiest ${s.tempoVersion === '3.0' ? 'live-store' : 'ingester'} held ${formatCount(m.liveTraces.peak)} live traces at its peak: Tempo discards new traces past max_traces_per_user (live_traces_exceeded)`,
    );
  const missing = components.filter((c) => c.measuredReplicas === 0).map((c) => c.kind);
  if (missing.length)
    findings.push(`no measurements matched ${missing.join(', ')}: check the pod names (listed as unmatched)`);
  return { processes, components, findings };
}
