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
  /** The run's state at second `t`: a state the caller owns. */
  at(t: number): SimState;
}

export function createReplayer(scenario: Scenario): Replayer {
  const log: RunLog = { scenario, inputs: [] };
  let latest: SimState | null = null;
  const checkpoints = new Map<number, SimState>();
  return {
    log,
    record(input) {
      log.inputs.push(input);
      // Replays past this second were made without it.
      if (latest && latest.t > input.t) latest = null;
      for (const at of [...checkpoints.keys()]) if (at > input.t) checkpoints.delete(at);
    },
    at(t) {
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
        advanceMut(s, Math.round((next - s.t) / DT));
        if (s.t % CHECKPOINT_EVERY_S === 0 && !checkpoints.has(s.t) && checkpoints.size < MAX_CHECKPOINTS)
          checkpoints.set(s.t, cloneState(s));
      }
      latest = s;
      return cloneState(s);
    },
  };
}
