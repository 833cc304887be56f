/** Runs an import off the main thread, so a hostile or huge config cannot freeze the page. */
import { importAny } from '../../import';
import type { ImportResult } from '../../import/messages';
import type { ImportRequest } from './importClient';

/** The part of a dedicated worker's global scope used here (the app compiles against the DOM lib). */
interface WorkerScope {
  onmessage: ((e: MessageEvent<ImportRequest>) => void) | null;
  postMessage: (message: ImportResult) => void;
}

const scope = self as unknown as WorkerScope;
scope.onmessage = (e) => {
  scope.postMessage(importAny(e.data.text, e.data.base, undefined, { keepTopology: e.data.keepTopology }));
};
