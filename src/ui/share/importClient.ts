/**
 * Import in a Web Worker with a time limit: the page stays responsive, and an input that takes too
 * long is stopped with a message (the current scenario is kept).
 */
import type { ImportResult } from '../../import/messages';
import type { Scenario } from '../../model/scenario';

export interface ImportRequest {
  text: string;
  base: Scenario;
  /** The base is a topology read before whose shared tempo.yaml this text may be. */
  keepTopology?: boolean;
}

export const IMPORT_TIME_LIMIT_MS = 5000;

const refusal = (message: string): ImportResult => ({ ok: false, errors: [{ message }] });

/** Import `text` off the main thread; resolves with the importer's answer or a message. Never rejects. */
export function importInWorker(
  text: string,
  base: Scenario,
  timeLimitMs = IMPORT_TIME_LIMIT_MS,
  keepTopology = false,
): { result: Promise<ImportResult>; cancel: () => void } {
  let worker: Worker | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let settle: (r: ImportResult) => void = () => {};
  const result = new Promise<ImportResult>((resolve) => {
    settle = (r) => {
      clearTimeout(timer);
      worker?.terminate();
      worker = null;
      settle = () => {};
      resolve(r);
    };
  });
  try {
    worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
  } catch (e) {
    settle(refusal(`this browser could not start the importer (${(e as Error).message})`));
    return { result, cancel: () => {} };
  }
  worker.onmessage = (e: MessageEvent<ImportResult>) => settle(e.data);
  worker.onerror = (e) => {
    e.preventDefault();
    settle(refusal(`the importer stopped on this input (${e.message || 'no details'}); nothing was changed`));
  };
  timer = setTimeout(
    () =>
      settle(
        refusal(
          `the import took longer than ${timeLimitMs / 1000} s and was stopped; the current scenario is unchanged`,
        ),
      ),
    timeLimitMs,
  );
  const request: ImportRequest = { text, base, keepTopology };
  worker.postMessage(request);
  return { result, cancel: () => settle(refusal('the import was cancelled')) };
}
