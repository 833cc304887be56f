/**
 * npm run bench:sim: simulated seconds per wall second for Tempo 3.0 clusters of about 30, 300 and
 * 3,000 processes (the 300-process one at 2 M spans/s is the reference; target 100,000), the cost per
 * process, and for comparison: `stepMut` one step at a time (every replica brought up to date after
 * each step, as the capacity planner reads it) and the pure `step` (which copies the state).
 */
import { performance } from 'node:perf_hooks';
import { benchScenarioOf } from '../src/sim/bench';
import { advanceMut, createSimulation, runFor, type SimState, step, stepMut } from '../src/sim/engine';
import { summarize } from '../src/sim/views';

const TARGET = 100_000;
const ROUNDS = 5;
const argSeconds = Number(process.argv[2] ?? 60_000);
const seconds = Number.isInteger(argSeconds) && argSeconds > 0 ? argSeconds : 60_000;

function measure(size: 30 | 300 | 3000) {
  const scenario = benchScenarioOf(size);
  const processes = Object.values(scenario.components).reduce((a, c) => a + (c?.replicas ?? 0), 0);
  // Warm up (JIT) past the first block-builder cycle.
  let state: SimState = runFor(createSimulation(scenario), 600);
  const steps = Math.max(1000, Math.round((seconds * 300) / processes / 10) * 10);
  // Five rounds: the median is the figure, the spread says how much the machine moved under it.
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const t0 = performance.now();
    advanceMut(state, steps);
    rates.push(steps / ((performance.now() - t0) / 1000));
  }
  rates.sort((a, b) => a - b);
  const rate = rates[Math.floor(ROUNDS / 2)]!;
  const each = performance.now();
  const eachSteps = Math.max(100, Math.round(steps / 5));
  for (let k = 0; k < eachSteps; k++) stepMut(state);
  const eachRate = eachSteps / ((performance.now() - each) / 1000);
  const pure = performance.now();
  const pureSteps = Math.max(100, Math.round(steps / 30));
  for (let k = 0; k < pureSteps; k++) state = step(state);
  const pureRate = pureSteps / ((performance.now() - pure) / 1000);
  const sum = summarize(state);
  return {
    processes,
    /** Processes the step computes: identical replicas run as one (src/sim/cohorts.ts). */
    walked: state.co.active.length,
    spansPerSecond: scenario.load.spansPerSecond,
    simulatedSeconds: steps * ROUNDS,
    simulatedSecondsPerWallSecond: Math.round(rate),
    slowestAndFastestRound: [Math.round(rates[0]!), Math.round(rates[ROUNDS - 1]!)],
    nanosecondsPerProcessStep: Math.round((1e9 / rate / processes) * 10) / 10,
    stepMutPerWallSecond: Math.round(eachRate),
    pureStepPerWallSecond: Math.round(pureRate),
    lost: sum.spans.lost,
    oomKills: Object.values(sum.instances).reduce((a, i) => a + i.oomKills, 0),
  };
}

const runs = ([30, 300, 3000] as const).map(measure);
const reference = runs[1]!;
console.log(
  JSON.stringify({ runs, target: TARGET, pass: reference.simulatedSecondsPerWallSecond >= TARGET }, null, 2),
);
