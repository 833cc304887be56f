/**
 * Deterministic replay of a run: its scenario, then every load change and live action at the simulated
 * second it came. The engine has no clock and no Math.random, so replaying the log gives the very
 * state the run had at any second (the timeline's canvas, a training room's shared replay).
 *
 * Inputs recorded at second t were given after the state reached t: they apply before the step from t.
 */
import type { Load, Scenario } from '../model/scenario';
import { DT } from './calibration';
import {
  advanceMut,
  cloneState,
  createSimulation,
  inject,
  type SimAction,
  type SimState,
  setLoad,
} from './engine';

export interface RunInput {
  t: number;
  load?: Load;
  action?: SimAction;
}

export interface RunLog {
  scenario: Scenario;
  inputs: RunInput[];
}

/** Checkpoints every this many simulated seconds, so scrubbing back does not replay from the start. */
const CHECKPOINT_EVERY_S = 300;
const MAX_CHECKPOINTS = 48;

export interface Replayer {
  readonly log: RunLog;
  /** Record an input given at second `t` (the live state's time when it was applied). */
  record(input: RunInput): void;
  /** The live run has reached second `t`: replays go up to here. */
  reached(t: number): void;
  /** The last second of the run: the latest reached, or of an input. */
  readonly end: number;
  /**
   * The run's state at second `t`, a state the caller owns; it returns for any number: a time
   * between steps gives the step before it, before 0 or NaN gives the start, past the end (or
   * Infinity) gives the end.
   */
  at(t: number): SimState;
}

/** The second a replay goes to for a question about second `t`: on the step grid, within [0, end]. */
export function replayTime(t: number, end: number): number {
  const last = Math.floor(Math.max(0, Number.isFinite(end) ? end : 0) / DT) * DT;
  if (Number.isNaN(t) || t <= 0) return 0;
  if (t >= last) return last;
  return Math.floor(t / DT) * DT;
}

export function createReplayer(scenario: Scenario): Replayer {
  const log: RunLog = { scenario, inputs: [] };
  let latest: SimState | null = null;
  let end = 0;
  const checkpoints = new Map<number, SimState>();
  return {
    log,
    get end() {
      return end;
    },
    reached(t) {
      if (Number.isFinite(t) && t > end) end = t;
    },
    record(given) {
      // Inputs are given between steps: one off the grid applies at the step it falls in.
      if (!Number.isFinite(given.t)) return;
      const input = { ...given, t: Math.max(0, Math.floor(given.t / DT) * DT) };
      log.inputs.push(input);
      if (input.t > end) end = input.t;
      // Replays past this second were made without it.
      if (latest && latest.t > input.t) latest = null;
      for (const at of [...checkpoints.keys()]) if (at > input.t) checkpoints.delete(at);
    },
    at(asked) {
      const t = replayTime(asked, end);
      let from: SimState | null = latest && latest.t <= t ? latest : null;
      for (const [at, c] of checkpoints) if (at <= t && (!from || at > from.t)) from = c;
      let s = from ? cloneState(from) : createSimulation(scenario);
      while (s.t < t) {
        for (const x of log.inputs)
          if (x.t === s.t) {
            if (x.load) s = setLoad(s, x.load);
            if (x.action) s = inject(s, x.action);
          }
        let next = t;
        for (const x of log.inputs) if (x.t > s.t && x.t < next) next = x.t;
        const boundary = (Math.floor(s.t / CHECKPOINT_EVERY_S) + 1) * CHECKPOINT_EVERY_S;
        if (boundary < next) next = boundary;
        // At least one step: an input off the step grid can never stall the loop.
        advanceMut(s, Math.max(1, Math.round((next - s.t) / DT)));
        if (s.t % CHECKPOINT_EVERY_S === 0 && !checkpoints.has(s.t) && checkpoints.size < MAX_CHECKPOINTS)
          checkpoints.set(s.t, cloneState(s));
      }
      latest = s;
      return cloneState(s);
    },
  };
}
