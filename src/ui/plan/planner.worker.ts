/** Runs the capacity planner off the main thread; posts progress, then the result. */
import { parsePlanInput } from '../../plan/input';
import { modesOf, type PlanResult, planMode, throughputMBps } from '../../plan/planner';
import type { PlannerMessage } from './plannerClient';

/** The part of a dedicated worker's global scope used here (the app compiles against the DOM lib). */
interface WorkerScope {
  onmessage: ((e: MessageEvent<unknown>) => void) | null;
  postMessage: (message: PlannerMessage) => void;
}

const scope = self as unknown as WorkerScope;
scope.onmessage = (e) => {
  const parsed = parsePlanInput(e.data);
  if (!parsed.ok) {
    scope.postMessage({
      type: 'error',
      message: `The planner's input is not valid: ${parsed.errors.join('; ')}`,
    });
    return;
  }
  const input = parsed.value;
  const all = modesOf(input.version);
  const modes = input.modes && input.modes.length > 0 ? all.filter((m) => input.modes?.includes(m)) : all;
  const result: PlanResult = { input, mbps: throughputMBps(input), plans: [] };
  modes.forEach((mode, k) => {
    result.plans.push(
      planMode(input, mode, {
        onProgress: (p) =>
          scope.postMessage({
            type: 'progress',
            mode,
            modeIndex: k,
            modes: modes.length,
            simulations: p.simulations,
          }),
      }),
    );
  });
  scope.postMessage({ type: 'result', result });
};
