/** The running simulation as the UI sees it. Filled by the simulation driver each frame. */
import { create } from 'zustand';
import type { Load } from '../../model/scenario';
import type { FlowView, InstanceView, QueryTotals, SimEvent, Totals } from '../../sim/types';

export interface History {
  t: number[];
  /** Spans per second in each sample. */
  sent: number[];
  written: number[];
  refused: number[];
  lost: number[];
  p50: number[];
  p99: number[];
  /** Memory in bytes summed per component kind. */
  memory: Record<string, number[]>;
}

interface SimUiState {
  running: boolean;
  speed: number;
  t: number;
  instanceViews: Map<string, InstanceView> | null;
  flows: FlowView[];
  totals: Totals | null;
  queries: (QueryTotals & { p50Ms: number; p99Ms: number }) | null;
  events: SimEvent[];
  history: History;
  /** The guided story being played, if any. */
  story: { id: string; t: number; stepIndex: number; done: boolean } | null;
  /** The load the story is running now (it owns the traffic while it plays). */
  storyLoad: Load | null;
  /** The past second the canvas shows (the timeline scrubbed back, replayed), null while live. */
  viewingAt: number | null;
}

export const useSimStore = create<SimUiState>(() => ({
  running: false,
  speed: 10,
  t: 0,
  instanceViews: null,
  flows: [],
  totals: null,
  queries: null,
  events: [],
  history: { t: [], sent: [], written: [], refused: [], lost: [], p50: [], p99: [], memory: {} },
  story: null,
  storyLoad: null,
  viewingAt: null,
}));
