/**
 * A story recorded from a live run: the run's log (its scenario, then every load change and action at
 * the second it came) and the steps the presenter added at chosen seconds. Every second at which the
 * log holds an input becomes a step start (the presenter's step at that second, or one named after
 * what happened), so the story replays the run exactly. Pure.
 */
import type { Load } from '../model/scenario';
import type { SimAction } from '../sim/engine';
import type { RunLog } from '../sim/replay';
import type { GuidedScenario, GuidedStep } from './guided';
import { DEFAULT_TAIL_SECONDS, MAX_TITLE } from './storyFile';

export interface RecordedStep {
  at: number;
  title: string;
  text: string;
  /** A node id or instance name to highlight. */
  highlight?: string;
}

function describeAction(a: SimAction): string {
  switch (a.kind) {
    case 'kill':
      return `${a.instance} killed`;
    case 'storage-outage':
      return `Object storage down for ${a.durationSeconds} s`;
    case 'kafka-outage':
      return `Kafka down for ${a.durationSeconds} s`;
    case 'zone-outage':
      return `Zone ${a.zone + 1} down for ${a.durationSeconds} s`;
    case 'spike':
      return `Traffic x${a.factor} for ${a.durationSeconds} s`;
  }
}

const LOAD_WORDS: Record<keyof Load, string> = {
  spansPerSecond: 'spans/s',
  spanSizeBytes: 'bytes a span',
  spansPerTrace: 'spans a trace',
  traceSizeSigma: 'trace size spread',
  queriesPerSecond: 'queries/s',
  queryRangeMinutes: 'query range (min)',
};

/** The fields of `next` that differ from `prev`. */
function loadChange(prev: Load, next: Load): Partial<Load> {
  const out: Partial<Load> = {};
  for (const k of Object.keys(next) as (keyof Load)[]) if (next[k] !== prev[k]) out[k] = next[k];
  return out;
}

export function storyFromRecording(
  log: RunLog,
  recorded: readonly RecordedStep[],
  endSecond: number,
  title: string,
): GuidedScenario {
  const byAt = new Map<number, GuidedStep>();
  for (const r of [...recorded].sort((a, b) => a.at - b.at)) {
    // Two steps added at one second: the later one's words follow the first's.
    const had = byAt.get(r.at);
    if (had) {
      had.text = [had.text, r.title, r.text].filter(Boolean).join('\n\n');
      continue;
    }
    const step: GuidedStep = { at: r.at, title: r.title.slice(0, MAX_TITLE) || `At ${r.at} s`, text: r.text };
    if (r.highlight) step.lookAt = { nodeId: r.highlight };
    byAt.set(r.at, step);
  }
  if (!byAt.has(0))
    byAt.set(0, {
      at: 0,
      title: 'The start',
      text: `${log.scenario.name}: Tempo ${log.scenario.tempoVersion} ${log.scenario.mode}.`,
    });
  // Inputs at the seconds they came, in the order they came.
  const inputsAt = new Map<number, RunLog['inputs']>();
  for (const x of log.inputs) {
    if (x.t > endSecond) continue;
    inputsAt.set(x.t, [...(inputsAt.get(x.t) ?? []), x]);
  }
  for (const t of inputsAt.keys()) if (!byAt.has(t)) byAt.set(t, { at: t, title: '', text: '' });
  const steps = [...byAt.values()].sort((a, b) => a.at - b.at);
  let load = { ...log.scenario.load };
  for (const step of steps) {
    const inputs = inputsAt.get(step.at) ?? [];
    const actions: SimAction[] = [];
    const said: string[] = [];
    let next = load;
    for (const x of inputs) {
      if (x.load) next = { ...x.load };
      if (x.action) {
        actions.push(x.action);
        said.push(describeAction(x.action));
      }
    }
    const change = loadChange(load, next);
    if (Object.keys(change).length) {
      step.load = change;
      said.unshift(
        `Load: ${Object.entries(change)
          .map(([k, v]) => `${v} ${LOAD_WORDS[k as keyof Load]}`)
          .join(', ')}`,
      );
      load = next;
    }
    if (actions.length) step.actions = actions;
    if (!step.title) step.title = (said.join('; ') || `At ${step.at} s`).slice(0, MAX_TITLE);
  }
  const last = steps[steps.length - 1]?.at ?? 0;
  return {
    id: 'recorded-story',
    title: title.slice(0, MAX_TITLE) || 'Recorded story',
    summary: `Recorded from a run of ${log.scenario.name}.`,
    scenario: log.scenario,
    steps,
    durationSeconds: endSecond > last ? endSecond : last + DEFAULT_TAIL_SECONDS,
  };
}
