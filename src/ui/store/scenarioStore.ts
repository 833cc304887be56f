/**
 * The scenario the user is editing: persisted in localStorage, with undo and redo.
 * Everything that changes it goes through `apply`, so history and persistence see every edit.
 */
import { create } from 'zustand';
import type { DeploymentMode, ProcessKind, TempoVersion } from '../../model/catalog';
import {
  type ComponentConfig,
  createScenario,
  normalizeScenario,
  parseScenario,
  type Scenario,
  type Settings,
  switchDeployment,
} from '../../model/scenario';

export const STORAGE_KEY = 'tempo-playground:scenario';
const HISTORY_LIMIT = 100;

export interface NoticeAction {
  label: string;
  testId?: string;
  run: () => void;
}

export interface Notice {
  id: number;
  tone: 'error' | 'info';
  text: string;
  /** A way out the message offers (e.g. "Save scenario file" when a link would be too long). */
  action?: NoticeAction;
  /** How many times in a row this same notice was given ("Share link copied" x5 is one notice). */
  count?: number;
}

interface ScenarioState {
  scenario: Scenario;
  past: Scenario[];
  future: Scenario[];
  notices: Notice[];
  /**
   * The scenario as it was last opened whole (a file, a link, an import, a story, the planner) or as
   * this page loaded it: what side by side calls its original.
   */
  origin: Scenario;
  /** How the original came: the message of that load, or "as this page loaded it". */
  originNote: string;
  /** Replace the scenario through a pure function; recorded for undo. */
  apply: (fn: (s: Scenario) => Scenario) => void;
  /** Like apply, but successive edits with the same key (a slider being dragged) make one undo step. */
  applyCoalesced: (key: string, fn: (s: Scenario) => Scenario) => void;
  /** Replace the whole scenario (import, share link, guided scenario); recorded for undo. */
  load: (s: Scenario, message?: string) => void;
  setDeployment: (version: TempoVersion, mode: DeploymentMode) => void;
  setComponent: (kind: ProcessKind, patch: Partial<ComponentConfig>) => void;
  setSettings: (patch: Partial<Settings>) => void;
  setPositions: (positions: Record<string, { x: number; y: number }>) => void;
  resetLayout: () => void;
  undo: () => void;
  redo: () => void;
  notify: (tone: Notice['tone'], text: string, action?: NoticeAction) => void;
  dismiss: (id: number) => void;
}

let noticeId = 0;

/** Read the saved scenario; a corrupt one is reported and replaced by defaults, never thrown. */
export function readSavedScenario(storage: Pick<Storage, 'getItem'> | undefined): {
  scenario: Scenario;
  problem?: string;
} {
  const fallback = createScenario('2.10', 'microservices');
  let raw: string | null = null;
  try {
    raw = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return {
      scenario: fallback,
      problem: 'Saved state could not be read (storage is blocked); starting from defaults.',
    };
  }
  if (raw === null) return { scenario: fallback };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return {
      scenario: fallback,
      problem: 'The saved scenario was corrupted (not valid JSON); starting from defaults.',
    };
  }
  const parsed = parseScenario(data);
  if (!parsed.ok) {
    return {
      scenario: fallback,
      problem: `The saved scenario was not valid (${parsed.errors[0] ?? 'unknown problem'}); starting from defaults.`,
    };
  }
  return { scenario: parsed.value };
}

function browserStorage(): Storage | undefined {
  try {
    return typeof localStorage === 'undefined' ? undefined : localStorage;
  } catch {
    return undefined;
  }
}

const initial = readSavedScenario(browserStorage());

export const useScenarioStore = create<ScenarioState>((set, get) => {
  let lastKey: string | null = null;
  let lastAt = 0;
  const commit = (next: Scenario, key: string | null = null) => {
    const { scenario, past } = get();
    if (next === scenario) return;
    const now = Date.now();
    const coalesce = key !== null && key === lastKey && now - lastAt < 1500;
    lastKey = key;
    lastAt = now;
    if (coalesce) {
      set({ scenario: next, future: [] });
      return;
    }
    set({ scenario: next, past: [...past, scenario].slice(-HISTORY_LIMIT), future: [] });
  };
  return {
    scenario: initial.scenario,
    origin: initial.scenario,
    originNote: 'as this page loaded it',
    past: [],
    future: [],
    notices: initial.problem ? [{ id: ++noticeId, tone: 'error', text: initial.problem }] : [],
    apply: (fn) => commit(fn(get().scenario)),
    applyCoalesced: (key, fn) => commit(fn(get().scenario), key),
    load: (s, message) => {
      // A whole scenario from outside is checked first: an invalid one leaves the user's work as it is.
      const checked = parseScenario(s);
      if (!checked.ok)
        return get().notify('error', `Not opened: ${checked.errors[0]}. Your scenario is unchanged.`);
      const loaded = normalizeScenario(checked.value);
      commit(loaded);
      set({ origin: loaded, originNote: message ?? 'as last opened' });
      if (message) get().notify('info', message);
    },
    setDeployment: (version, mode) => commit(switchDeployment(get().scenario, version, mode)),
    setComponent: (kind, patch) =>
      get().apply((s) => {
        const current = s.components[kind];
        if (!current) return s;
        return { ...s, components: { ...s.components, [kind]: { ...current, ...patch } } };
      }),
    setSettings: (patch) =>
      get().apply((s) => normalizeScenario({ ...s, settings: { ...s.settings, ...patch } })),
    setPositions: (positions) => get().apply((s) => ({ ...s, layout: { ...s.layout, ...positions } })),
    resetLayout: () => get().apply((s) => (s.layout ? { ...s, layout: undefined } : s)),
    undo: () => {
      const { past, scenario, future } = get();
      const prev = past[past.length - 1];
      if (!prev) return;
      lastKey = null;
      set({ scenario: prev, past: past.slice(0, -1), future: [scenario, ...future] });
    },
    redo: () => {
      const { past, scenario, future } = get();
      const next = future[0];
      if (!next) return;
      lastKey = null;
      set({ scenario: next, past: [...past, scenario], future: future.slice(1) });
    },
    notify: (tone, text, action) =>
      set((st) => {
        // The same words again are one notice that counts, shown afresh (its time to fade restarts).
        const same = st.notices.find(
          (n) => n.tone === tone && n.text === text && n.action?.label === action?.label,
        );
        const rest = st.notices.filter((n) => n !== same);
        const count = (same?.count ?? 1) + (same ? 1 : 0);
        const notice: Notice = { id: ++noticeId, tone, text, action, ...(count > 1 ? { count } : {}) };
        return { notices: [...rest, notice].slice(-5) };
      }),
    dismiss: (id) => set((st) => ({ notices: st.notices.filter((n) => n.id !== id) })),
  };
});

// Persist every valid change. An invalid one is not saved (a reload would throw it away): the user
// is told what is wrong, and the last valid scenario stays saved.
let unsavedProblem: string | null = null;
useScenarioStore.subscribe((state, prev) => {
  if (state.scenario === prev.scenario) return;
  const checked = parseScenario(state.scenario);
  const problem = checked.ok ? null : `${checked.errors[0]}`;
  if (problem && problem !== unsavedProblem)
    state.notify('error', `Not saved: ${problem}. The last valid scenario stays saved until this is fixed.`);
  unsavedProblem = problem;
  if (problem) return;
  try {
    browserStorage()?.setItem(STORAGE_KEY, JSON.stringify(state.scenario));
  } catch {
    // Quota or privacy mode: the app keeps working without persistence.
  }
});
