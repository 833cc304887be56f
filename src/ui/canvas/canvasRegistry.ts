/** The canvas registers its xyflow instance here, so exports (loaded later) can read the graph. */
import type { ReactFlowInstance } from '@xyflow/react';

let instance: ReactFlowInstance | null = null;

export function registerCanvas(inst: ReactFlowInstance | null) {
  instance = inst;
}

export function canvasInstance(): ReactFlowInstance | null {
  return instance;
}
