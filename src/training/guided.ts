/**
 * Guided training scenarios: short stories a presenter plays in front of a room. Each is data: a
 * starting scenario and steps at exact simulated seconds, with the load to set, the actions to
 * inject and where to look. Nothing here is random and nothing reads a clock, so a replay shows the
 * same figures to everyone. Stories come from story files (storyFile.ts); the built-in six are in
 * ./stories and load through the same parser (builtinStories.ts).
 *
 * What the text claims is an outcome of the simulation engine, not a script: guided.test.ts runs
 * every story through src/sim and checks each claim with a figure.
 *
 * Time: `at` is story time in simulated seconds, counted from the start of the story. A step with
 * `switchTo` replaces the running simulation with a fresh one of that scenario at that moment; its
 * own clock starts at 0 while story time goes on (see play.ts).
 */
import type { Load, Scenario } from '../model/scenario';
import type { SimAction } from '../sim/engine';
import type { SimEventKind } from '../sim/types';

export type GuidedChart = 'spans' | 'memory' | 'latency';

export interface GuidedLookAt {
  /** A node id of deriveTopology(step's scenario), or an instance name. */
  nodeId?: string;
  /** An edge id of deriveTopology(step's scenario) (`write:distributor-0->ingester-1`): both its ends. */
  edgeId?: string;
  chart?: GuidedChart;
  /** An event of this kind has happened by the time the next step begins. */
  eventKind?: SimEventKind;
}

export interface GuidedStep {
  title: string;
  /** What to notice, in plain words for the presenter. */
  text: string;
  /** Story time, simulated seconds, at which the step begins (whole seconds). */
  at: number;
  /** Load changes applied at `at`, on top of the current load. */
  load?: Partial<Load>;
  /** Injected at `at`. */
  action?: SimAction;
  /** More actions injected at `at`, after `action`, in order. */
  actions?: SimAction[];
  /** A question for the room, answered when the story reaches a second or an event. */
  question?: StoryQuestion;
  lookAt?: GuidedLookAt;
  /** Replace the running scenario at `at` (the migration story). */
  switchTo?: Scenario;
}

export interface StoryQuestion {
  ask: string;
  choices: string[];
  /** The right choice, counted from 1. */
  answer: number;
  /** Why, shown with the answer. */
  explain?: string;
  /** Reveal the answer when story time reaches this second. */
  revealAt?: number;
  /** Reveal the answer when an event of this kind happens after the step starts. */
  revealOn?: SimEventKind;
}

export interface GuidedScenario {
  id: string;
  title: string;
  summary: string;
  scenario: Scenario;
  steps: GuidedStep[];
  /** Story time at which the story ends. */
  durationSeconds: number;
}

/** One moment at which the driver changes the simulation. */
export interface TimelineEntry {
  at: number;
  /** Index of the step in `steps`. */
  step: number;
  /** Start a new simulation of this scenario first. */
  switchTo?: Scenario;
  /** The full load to set (the step's partial load resolved against what ran before). */
  load?: Load;
  action?: SimAction;
  /** Applied after `action`, in order. */
  actions?: SimAction[];
}

/** Steps flattened into what the UI driver applies at step boundaries, sorted by time. */
export function guidedTimeline(g: GuidedScenario): TimelineEntry[] {
  const steps = g.steps.map((s, i) => ({ s, i })).sort((a, b) => a.s.at - b.s.at || a.i - b.i);
  let load: Load = { ...g.scenario.load };
  const out: TimelineEntry[] = [];
  for (const { s, i } of steps) {
    const more = s.actions ?? [];
    if (!s.switchTo && !s.load && !s.action && more.length === 0) continue;
    const entry: TimelineEntry = { at: s.at, step: i };
    if (s.switchTo) {
      entry.switchTo = s.switchTo;
      load = { ...s.switchTo.load };
    }
    if (s.load) {
      load = { ...load, ...s.load };
      entry.load = { ...load };
    }
    if (s.action) entry.action = { ...s.action };
    if (more.length > 0) entry.actions = more.map((a) => ({ ...a }));
    out.push(entry);
  }
  return out;
}

/** The scenario running during step `index` (the last switchTo at or before it). */
export function scenarioAtStep(g: GuidedScenario, index: number): Scenario {
  let s = g.scenario;
  for (let k = 0; k <= index && k < g.steps.length; k++) {
    const sw = g.steps[k]?.switchTo;
    if (sw) s = sw;
  }
  return s;
}
