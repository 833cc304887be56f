/**
 * The simulation's public API. Pure and deterministic: no clock, no Math.random, no DOM.
 *
 *   let s = createSimulation(scenario);
 *   s = step(s);                 // one DT; the old state is untouched
 *   s = runFor(s, 60);           // many steps, copying once
 *   advanceMut(s, 60);           // many steps in place (a state you own)
 *   s = setLoad(s, load);        // sliders
 *   s = inject(s, { kind: 'kill', instance: 'ingester-1' });
 *   const v = views(s);          // what to draw
 *   const json = summarize(s);   // what the CLI prints
 */
export {
  advanceMut,
  cloneState,
  createSimulation,
  DT,
  inject,
  runFor,
  type SimAction,
  type SimConfig,
  type SimState,
  setLoad,
  step,
  stepMut,
} from './engine';
export * from './types';
export {
  flowViews,
  instanceViews,
  type SimViews,
  type StorageView,
  type Summary,
  statusOf,
  summarize,
  totals,
  type ViewOptions,
  views,
} from './views';
