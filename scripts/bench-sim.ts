/** npm run bench:sim: simulated seconds per wall second for the 300-process 3.0 cluster at 2M spans/s. */
import { performance } from 'node:perf_hooks';
import { benchScenario } from '../src/sim/bench';
import { createSimulation, runFor, step, stepMut } from '../src/sim/engine';
import { summarize } from '../src/sim/views';

const scenario = benchScenario();
const processes = Object.values(scenario.components).reduce((a, c) => a + (c?.replicas ?? 0), 0);
let state = runFor(createSimulation(scenario), 600); // warm up (JIT) past the first block-builder cycle
const seconds = Number(process.argv[2] ?? 60_000);
const t0 = performance.now();
for (let k = 0; k < seconds; k++) stepMut(state);
const wall = (performance.now() - t0) / 1000;
const rate = seconds / wall;
const pure = performance.now();
const pureSteps = 2000;
for (let k = 0; k < pureSteps; k++) state = step(state);
const pureRate = pureSteps / ((performance.now() - pure) / 1000);
const sum = summarize(state);
console.log(
  JSON.stringify(
    {
      scenario: scenario.name,
      processes,
      spansPerSecond: scenario.load.spansPerSecond,
      simulatedSeconds: seconds,
      wallSeconds: Math.round(wall * 1000) / 1000,
      simulatedSecondsPerWallSecond: Math.round(rate),
      pureStepPerWallSecond: Math.round(pureRate),
      target: 20_000,
      pass: rate >= 20_000,
      lost: sum.spans.lost,
      oomKills: Object.values(sum.instances).reduce((a, i) => a + i.oomKills, 0),
    },
    null,
    2,
  ),
);
