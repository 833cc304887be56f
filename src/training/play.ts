/**
 * Playing a guided story on the simulation engine: the reference driver for the UI and the tests.
 * Pure: every call returns a new playback and leaves the one handed in untouched.
 *
 * Timeline entries apply when story time reaches their `at`, before the step from `at` to `at + 1`:
 * first `switchTo` (a fresh simulation whose own clock starts at 0), then the load, then the actions.
 */
import type { Scenario } from '../model/scenario';
import { cloneState, createSimulation, DT, inject, type SimState, setLoad, stepMut } from '../sim/engine';
import { type GuidedScenario, guidedTimeline, type TimelineEntry } from './guided';

export interface GuidedPlayback {
  story: GuidedScenario;
  timeline: TimelineEntry[];
  /** Index of the next timeline entry to apply. */
  next: number;
  /** The simulation now running. */
  state: SimState;
  /** The scenario it runs. */
  scenario: Scenario;
  /** Story time at which `state` started (its t = 0). */
  offset: number;
}

/** Story time of a playback, simulated seconds. */
export function storyTime(p: GuidedPlayback): number {
  return p.offset + p.state.t;
}

export function startGuided(story: GuidedScenario): GuidedPlayback {
  return applyDue({
    story,
    timeline: guidedTimeline(story),
    next: 0,
    state: createSimulation(story.scenario),
    scenario: story.scenario,
    offset: 0,
  });
}

/** Apply every entry due at the current story time. */
function applyDue(p: GuidedPlayback): GuidedPlayback {
  let out = p;
  while (out.next < out.timeline.length) {
    const e = out.timeline[out.next];
    if (!e || e.at > storyTime(out)) break;
    let state = out.state;
    let scenario = out.scenario;
    let offset = out.offset;
    if (e.switchTo) {
      offset = e.at;
      scenario = e.switchTo;
      state = createSimulation(e.switchTo);
    }
    if (e.load) state = setLoad(state, e.load);
    if (e.action) state = inject(state, e.action);
    for (const a of e.actions ?? []) state = inject(state, a);
    out = { ...out, state, scenario, offset, next: out.next + 1 };
  }
  return out;
}

/**
 * Advance the story by `seconds` (whole steps), applying the timeline at its exact seconds.
 * `observe` is called after every step with the story time and the state (do not keep the state:
 * it is reused by the next step).
 */
export function advanceGuided(
  p: GuidedPlayback,
  seconds: number,
  observe?: (t: number, state: SimState, scenario: Scenario) => void,
): GuidedPlayback {
  const steps = Math.max(0, Math.round(seconds / DT));
  let cur: GuidedPlayback = { ...p, state: cloneState(p.state) };
  for (let k = 0; k < steps; k++) {
    // Every state in `cur` is owned here: a clone, or fresh from setLoad / inject / createSimulation.
    cur = applyDue(cur);
    stepMut(cur.state);
    observe?.(storyTime(cur), cur.state, cur.scenario);
  }
  return applyDue(cur);
}

/** Play a story from the start to `until` (default: its end). */
export function playGuided(
  story: GuidedScenario,
  until: number = story.durationSeconds,
  observe?: (t: number, state: SimState, scenario: Scenario) => void,
): GuidedPlayback {
  return advanceGuided(startGuided(story), until, observe);
}
