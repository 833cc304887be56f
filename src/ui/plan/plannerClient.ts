/**
 * The capacity planner in a Web Worker (loaded when first used): progress as it simulates, and cancel,
 * which stops the worker at once.
 */
import type { PlanInput, PlanResult } from '../../plan/planner';

export type PlannerMessage =
  | { type: 'progress'; mode: string; modeIndex: number; modes: number; simulations: number }
  | { type: 'result'; result: PlanResult }
  | { type: 'error'; message: string };

export type PlanOutcome =
  | { ok: true; result: PlanResult }
  | { ok: false; message: string; cancelled?: boolean };

export function planInWorker(
  input: PlanInput,
  onProgress: (p: Extract<PlannerMessage, { type: 'progress' }>) => void,
): { result: Promise<PlanOutcome>; cancel: () => void } {
  let worker: Worker | null = null;
  let settle: (r: PlanOutcome) => void = () => {};
  const result = new Promise<PlanOutcome>((resolve) => {
    settle = (r) => {
      worker?.terminate();
      worker = null;
      settle = () => {};
      resolve(r);
    };
  });
  try {
    worker = new Worker(new URL('./planner.worker.ts', import.meta.url), { type: 'module' });
  } catch (e) {
    settle({ ok: false, message: `this browser could not start the planner (${(e as Error).message})` });
    return { result, cancel: () => {} };
  }
  worker.onmessage = (e: MessageEvent<PlannerMessage>) => {
    const m = e.data;
    if (m.type === 'progress') onProgress(m);
    else if (m.type === 'result') settle({ ok: true, result: m.result });
    else settle({ ok: false, message: m.message });
  };
  worker.onerror = (e) => {
    e.preventDefault();
    settle({ ok: false, message: `the planner stopped (${e.message || 'no details'})` });
  };
  worker.postMessage(input);
  return { result, cancel: () => settle({ ok: false, message: 'Planning was cancelled.', cancelled: true }) };
}
