/**
 * The simulation's public API: a pure, deterministic model of Tempo's write path, read path,
 * compaction and failures, stepped at a fixed DT. Flows are aggregated per process per step (spans,
 * bytes, jobs), never one object per span. The parts live one module per Tempo component (README.md).
 *
 * Purity: `stepMut` advances a state in place (fast path for `runFor` and the bench). `step` copies
 * first, so the state handed in is never changed.
 */
import type { Load } from '../model/scenario';
import * as C from './calibration';
import { applyAction, type SimAction } from './failures';
import { checkAction, checkLoad } from './input';
import { cloneState, ownLoad, type SimState } from './state';
import { advanceMut, stepMut } from './step';

export { DT } from './calibration';
export { createSimulation } from './create';
export type { SimAction } from './failures';
export { lagSecondsOf } from './kafka';
export { LAT_BUCKETS, LAT_MIN_MS, latencyQuantile } from './latency';
export * from './state';
export { advanceMut, stepMut } from './step';

/** One step of DT seconds; the input state is left untouched. */
export function step(state: SimState): SimState {
  const s = cloneState(state);
  stepMut(s);
  return s;
}

/** Advance `seconds` (rounded to whole steps); the input state is left untouched. */
export function runFor(state: SimState, seconds: number): SimState {
  const s = cloneState(state);
  advanceMut(s, Math.max(0, Math.round(seconds / C.DT)));
  return s;
}

/**
 * Change the load (sliders) without resetting. A load with a field that is not a finite number within
 * the limits (NaN, Infinity) leaves the state as it was: the engine never runs on it.
 */
export function setLoad(state: SimState, load: Load): SimState {
  const checked = checkLoad(load);
  if (!checked.ok) return state;
  const s = cloneState(state);
  s.load = ownLoad(checked.value);
  return s;
}

/** Apply a live action now (kill, outages, spike); one that does not check out changes nothing. */
export function inject(state: SimState, action: SimAction): SimState {
  const checked = checkAction(action, state.cfg.index);
  if (!checked.ok) return state;
  const s = cloneState(state);
  applyAction(s, checked.value);
  return s;
}
