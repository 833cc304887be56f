/** The running simulation as the UI sees it. Filled by the simulation driver each frame. */
import { create } from 'zustand';
import type { FlowView, InstanceView } from '../../sim/types';

interface SimUiState {
  instanceViews: Map<string, InstanceView> | null;
  flows: FlowView[];
}

export const useSimStore = create<SimUiState>(() => ({ instanceViews: null, flows: [] }));
