/**
 * Side by side: two scenarios run headless under the same load, seed and failures, for the comparison
 * view. Which scenario is the other side (its original, a saved file, a share link, another
 * deployment), what differs between the two, and the failures both sides get: the scheduled events of
 * this scenario and the kills, outages and spikes given during the live run, at the same seconds.
 * Pure: no React, no DOM, no clock.
 */
import { type DeploymentMode, PROCESS_KINDS } from '../model/catalog';
import { type Load, type Scenario, switchDeployment } from '../model/scenario';
import {
  createSimulation,
  inject,
  runFor,
  type SimAction,
  type SimEvent,
  type Summary,
  summarize,
  views,
} from '../sim';
import { formatBytes, formatCount, formatSeconds } from '../sim/format';
import { toTempo30 } from './migration';

/** Seconds between two chart points of a side-by-side run. */
export const SAMPLE_S = 10;

/** A failure given during the live run, at the simulated second it was given. */
export interface TimedAction {
  t: number;
  action: SimAction;
}

export interface Run {
  title: string;
  t: number[];
  written: number[];
  lost: number[];
  refused: number[];
  summary: Summary;
  /** The run's event log, oldest first. */
  events: SimEvent[];
  /** Failures that could not apply on this side (an instance it does not have), in words. */
  skipped: string[];
}

/**
 * Run `s` for `seconds` from its start, applying `failures` at their seconds (its own scheduled events
 * apply as the engine schedules them). A kill of an instance this side does not run is skipped and
 * said so.
 */
export function run(s: Scenario, seconds: number, title: string, failures: readonly TimedAction[] = []): Run {
  let state = createSimulation(s);
  const out: Run = {
    title,
    t: [],
    written: [],
    lost: [],
    refused: [],
    summary: summarize(state),
    events: [],
    skipped: [],
  };
  const pending = [...failures].filter((f) => f.t < seconds).sort((a, b) => a.t - b.t);
  for (const f of pending)
    if (f.action.kind === 'kill' && !state.cfg.index.has(f.action.instance))
      out.skipped.push(`${f.action.instance} is not in this deployment: not killed at ${formatSeconds(f.t)}`);
  let next = 0;
  let prev = views(state).totals;
  for (let t = 0; t < seconds; t += SAMPLE_S) {
    // Step to each failure's second inside this sample, apply it, then on to the sample's end.
    while (next < pending.length && (pending[next]?.t ?? Infinity) < t + SAMPLE_S) {
      const f = pending[next++]!;
      if (f.t > state.t) state = runFor(state, f.t - state.t);
      state = inject(state, f.action);
    }
    state = runFor(state, t + SAMPLE_S - state.t);
    const v = views(state);
    out.t.push(v.t);
    out.written.push((v.totals.written - prev.written) / SAMPLE_S);
    out.lost.push((v.totals.lost - prev.lost) / SAMPLE_S);
    out.refused.push((v.totals.refused - prev.refused) / SAMPLE_S);
    prev = v.totals;
  }
  out.summary = summarize(state);
  out.events = [...views(state).events];
  return out;
}

/** The highest rate either run reaches: both charts share it as their y-scale. */
export function sharedMax(runs: readonly Run[]): number {
  let m = 0;
  for (const r of runs) for (const a of [r.written, r.refused, r.lost]) for (const v of a) m = Math.max(m, v);
  return m > 0 ? m * 1.05 : 1;
}

/** Another deployment of the same scenario: a mode of its version, or its Tempo 3.0 equivalent. */
export type Alternative = DeploymentMode | 'tempo-3.0';

/** The deployments to compare with: never the scenario's own. */
export function alternatives(s: Scenario): Alternative[] {
  const modes: DeploymentMode[] =
    s.tempoVersion === '2.10'
      ? ['monolithic', 'scalable-single-binary', 'microservices']
      : ['monolithic', 'microservices'];
  return [
    ...modes.filter((m) => m !== s.mode),
    ...(s.tempoVersion === '2.10' ? (['tempo-3.0'] as const) : []),
  ];
}

export function alternative(s: Scenario, alt: Alternative): Scenario {
  return alt === 'tempo-3.0' ? toTempo30(s) : switchDeployment(s, s.tempoVersion, alt);
}

/**
 * The other side as it runs: its deployment, with this scenario's failures (scheduled events) and,
 * with `sameLoad`, this scenario's load and seed.
 */
export function otherSide(base: Scenario, other: Scenario, sameLoad: boolean): Scenario {
  return {
    ...other,
    events: base.events,
    ...(sameLoad ? { load: base.load, seed: base.seed } : {}),
  };
}

const LOAD_WORDS: Record<keyof Load, [string, (v: number) => string]> = {
  spansPerSecond: ['spans/s', formatCount],
  spanSizeBytes: ['span size', (v) => `${formatCount(v)} B`],
  spansPerTrace: ['spans per trace', formatCount],
  traceSizeSigma: ['trace size spread', String],
  queriesPerSecond: ['queries/s', String],
  queryRangeMinutes: ['query range', (v) => `${formatCount(v)} min`],
};

const shown = (v: unknown) => (v === undefined ? 'unset' : typeof v === 'string' ? v : JSON.stringify(v));

/**
 * What differs between two scenarios as they would run (names, node positions and measurements do
 * not run): one line each, "ingester: 3 → 5 replicas". Empty when the two would run the same.
 */
export function differences(a: Scenario, b: Scenario): string[] {
  const out: string[] = [];
  if (a.tempoVersion !== b.tempoVersion || a.mode !== b.mode)
    out.push(`deployment: Tempo ${a.tempoVersion} ${a.mode} → Tempo ${b.tempoVersion} ${b.mode}`);
  const reps = (n: number) => `${n} replica${n === 1 ? '' : 's'}`;
  const onlyA: string[] = [];
  const onlyB: string[] = [];
  for (const kind of PROCESS_KINDS) {
    const x = a.components[kind];
    const y = b.components[kind];
    if (!x && !y) continue;
    if (!x || !y) {
      if (x) onlyA.push(`${kind} x${x.replicas}`);
      if (y) onlyB.push(`${kind} x${y.replicas}`);
      continue;
    }
    const parts: string[] = [];
    if (x.replicas !== y.replicas) parts.push(`${x.replicas} → ${reps(y.replicas)}`);
    if (x.cpu !== y.cpu) parts.push(`${x.cpu} → ${y.cpu} CPU`);
    if (x.memoryBytes !== y.memoryBytes)
      parts.push(`${formatBytes(x.memoryBytes)} → ${formatBytes(y.memoryBytes)} memory`);
    if (x.volumeBytes !== y.volumeBytes)
      parts.push(
        `volume ${x.volumeBytes === undefined ? 'default' : formatBytes(x.volumeBytes)} → ${y.volumeBytes === undefined ? 'default' : formatBytes(y.volumeBytes)}`,
      );
    if (parts.length) out.push(`${kind}: ${parts.join(', ')}`);
  }
  if (onlyA.length) out.push(`only this scenario runs: ${onlyA.join(', ')}`);
  if (onlyB.length) out.push(`only the other runs: ${onlyB.join(', ')}`);
  const keys = [...new Set([...Object.keys(a.settings), ...Object.keys(b.settings)])].sort();
  for (const k of keys) {
    const x = (a.settings as Record<string, unknown>)[k];
    const y = (b.settings as Record<string, unknown>)[k];
    if (JSON.stringify(x) !== JSON.stringify(y)) out.push(`setting ${k}: ${shown(x)} → ${shown(y)}`);
  }
  for (const k of Object.keys(LOAD_WORDS) as (keyof Load)[]) {
    const x = a.load[k];
    const y = b.load[k];
    if (x !== y) {
      const [word, f] = LOAD_WORDS[k];
      out.push(`load ${word}: ${x === undefined ? 'unset' : f(x)} → ${y === undefined ? 'unset' : f(y)}`);
    }
  }
  if (a.seed !== b.seed) out.push(`seed: ${a.seed} → ${b.seed}`);
  if (JSON.stringify(a.events) !== JSON.stringify(b.events))
    out.push(`scheduled events: ${a.events.length} → ${b.events.length}`);
  return out;
}

/** A failure in words: "kill ingester-1", "object storage out for 5 min", "2x spike for 1 min". */
export function actionText(a: SimAction | { kind: string; [k: string]: unknown }): string {
  const d = (x: unknown) => formatSeconds(typeof x === 'number' ? x : 0);
  switch (a.kind) {
    case 'kill':
      return `kill ${String(a.instance)}`;
    case 'storage-outage':
      return `object storage out for ${d(a.durationSeconds)}`;
    case 'kafka-outage':
      return `Kafka out for ${d(a.durationSeconds)}`;
    case 'zone-outage':
      return `live-store zone ${typeof a.zone === 'number' ? a.zone : 0} out for ${d(a.durationSeconds)}`;
    case 'spike':
      return `${String(a.factor)}x spike for ${d(a.durationSeconds)}`;
    default:
      return a.kind;
  }
}

/** Every failure both sides get, in time order: "0:42 kill ingester-1 (given in this run)". */
export function failureLines(s: Scenario, live: readonly TimedAction[], seconds: number): string[] {
  const lines: { t: number; text: string }[] = [
    ...s.events.map((e) => ({ t: e.at, text: `${actionText(e)} (scheduled in the scenario)` })),
    ...live.map((f) => ({ t: f.t, text: `${actionText(f.action)} (given in this run)` })),
  ];
  return lines
    .filter((l) => l.t < seconds)
    .sort((x, y) => x.t - y.t)
    .map((l) => `at ${formatSeconds(l.t)}: ${l.text}`);
}
