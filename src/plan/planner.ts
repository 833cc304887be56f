/**
 * The capacity planner: the smallest valid cluster per deployment mode that holds a load with no span
 * lost and every process within a headroom, checked in the simulation from a steady start through a
 * load spike and the loss of the busiest instance.
 *
 * Its parts, each readable alone: types.ts (input, answer, the check's timings), rules.ts (the
 * published sizing), checks.ts (the simulated check), search.ts (grow and shrink one mode),
 * totals.ts (cores, memory, storage, cost). Pure and deterministic: no DOM, no clock. The browser
 * runs it in a Web Worker.
 */
import { parseScenario, type Scenario } from '../model/scenario';
import { validateScenario } from '../model/validate';
import { planMode } from './search';
import { modesOf, type PlanHooks, type PlanInput, type PlanResult, throughputMBps } from './types';

export { planMode } from './search';
export { totalsOf } from './totals';
export * from './types';

/** Plan every requested mode of the version. */
export function plan(input: PlanInput, hooks: PlanHooks = {}): PlanResult {
  const modes = (input.modes && input.modes.length > 0 ? input.modes : modesOf(input.version)).filter((m) =>
    modesOf(input.version).includes(m),
  );
  return { input, mbps: throughputMBps(input), plans: modes.map((m) => planMode(input, m, hooks)) };
}

/** Errors of a planned scenario (schema and Tempo's rules); empty for every answer the planner gives. */
export function scenarioErrors(s: Scenario): string[] {
  const parsed = parseScenario(JSON.parse(JSON.stringify(s)));
  if (!parsed.ok) return parsed.errors;
  return validateScenario(parsed.value)
    .filter((i) => i.severity === 'error')
    .map((i) => i.message);
}
