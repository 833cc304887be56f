/** How the graph is drawn (not part of the scenario): group large components or show every replica. */
import { create } from 'zustand';
import { DEFAULT_GROUP_ABOVE, type Topology } from '../../model/topology';

const KEY = 'tempo-playground:show-every-replica';
/** Above this many replicas a component is grouped even when every replica is asked for. */
export const HARD_GROUP_ABOVE = 100;

function saved(): boolean {
  try {
    return localStorage.getItem(KEY) === 'true';
  } catch {
    return false;
  }
}

const PRESENTER_KEY = 'tempo-playground:presenter';
function savedPresenter(): boolean {
  try {
    return sessionStorage.getItem(PRESENTER_KEY) === 'true';
  } catch {
    return false;
  }
}

/** Narrower than 1400 px (a 1280x720 projector, a laptop) the side panels start collapsed: the canvas gets the room. */
const wide = typeof window === 'undefined' || window.innerWidth >= 1400;

export const useView = create<{
  everyReplica: boolean;
  setEveryReplica: (v: boolean) => void;
  /** Presenter view: side panels hidden, story text large. */
  presenter: boolean;
  setPresenter: (v: boolean) => void;
  /** Side panels: open or collapsed to give the canvas room (both start open from 1400 px wide). */
  configOpen: boolean;
  detailsOpen: boolean;
  toggleConfig: () => void;
  toggleDetails: () => void;
  openDetails: () => void;
  /** Nodes (or instances) a story step names: highlighted and zoomed to. */
  focus: readonly string[];
  setFocus: (ids: readonly string[]) => void;
  /** Presenter view's focus: draw what the step names and count the rest (on unless turned off). */
  lensOn: boolean;
  setLensOn: (on: boolean) => void;
  /** The graph drawn instead of the whole one while the focus is on, and what it leaves out, in words. */
  lens: { topology: Topology; rest: string } | null;
  setLens: (lens: { topology: Topology; rest: string } | null) => void;
}>((set) => ({
  everyReplica: saved(),
  presenter: savedPresenter(),
  configOpen: wide,
  detailsOpen: wide,
  toggleConfig: () => set((v) => ({ configOpen: !v.configOpen })),
  toggleDetails: () => set((v) => ({ detailsOpen: !v.detailsOpen })),
  openDetails: () => set({ detailsOpen: true }),
  focus: [],
  setFocus: (ids) => set((v) => (v.focus.join('|') === ids.join('|') ? v : { focus: ids })),
  lensOn: true,
  setLensOn: (lensOn) => set({ lensOn }),
  lens: null,
  setLens: (lens) => set({ lens }),
  setPresenter: (presenter) => {
    try {
      // This tab only: a reload during a story comes back in presenter view.
      sessionStorage.setItem(PRESENTER_KEY, String(presenter));
    } catch {
      // not kept
    }
    set({ presenter });
  },
  setEveryReplica: (v) => {
    try {
      localStorage.setItem(KEY, String(v));
    } catch {
      // not persisted
    }
    set({ everyReplica: v });
  },
}));

export const groupAbove = (everyReplica: boolean) => (everyReplica ? HARD_GROUP_ABOVE : DEFAULT_GROUP_ABOVE);
