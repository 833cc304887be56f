import { create } from 'zustand';

/** The node the inspector shows. */
export const useSelection = create<{ selected: string | null; select: (id: string | null) => void }>(
  (set) => ({
    selected: null,
    select: (id) => set({ selected: id }),
  }),
);
