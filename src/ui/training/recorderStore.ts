/** Whether a story is being recorded from the live run (the recorder itself loads lazily). */
import { create } from 'zustand';

export const useRecorder = create<{ active: boolean; setActive: (active: boolean) => void }>((set) => ({
  active: false,
  setActive: (active) => set({ active }),
}));
