/**
 * Every command the app offers, defined once: its name, its shortcut and what it does. Buttons,
 * the shortcut sheet and the keyboard handler all read this list.
 */
import { useScenarioStore } from './store/scenarioStore';

export type ActionId =
  | 'undo'
  | 'redo'
  | 'play-pause'
  | 'step'
  | 'fit'
  | 'next-step'
  | 'previous-step'
  | 'shortcuts';

export interface Action {
  id: ActionId;
  label: string;
  /** Shortcuts as shown to people ("Ctrl+Z"); the first is the one printed on buttons. */
  keys: string[];
}

export const ACTIONS: Record<ActionId, Action> = {
  undo: { id: 'undo', label: 'Undo', keys: ['Ctrl+Z'] },
  redo: { id: 'redo', label: 'Redo', keys: ['Ctrl+Shift+Z', 'Ctrl+Y'] },
  'play-pause': { id: 'play-pause', label: 'Play or pause the simulation', keys: ['Space'] },
  step: { id: 'step', label: 'Advance one simulated second', keys: ['.'] },
  fit: { id: 'fit', label: 'Fit the graph to the canvas', keys: ['F'] },
  // What a presentation clicker sends.
  'next-step': {
    id: 'next-step',
    label: 'Story: next step',
    keys: ['PageDown', 'ArrowRight', 'ArrowDown'],
  },
  'previous-step': {
    id: 'previous-step',
    label: 'Story: back a step',
    keys: ['PageUp', 'ArrowLeft', 'ArrowUp'],
  },
  shortcuts: { id: 'shortcuts', label: 'Show keyboard shortcuts', keys: ['?'] },
};

/** "Undo (Ctrl+Z)": the title a button for this action carries. */
export const actionTitle = (id: ActionId) => `${ACTIONS[id].label} (${ACTIONS[id].keys.join(' or ')})`;

/** What runs an action; parts that load lazily (the simulation, the canvas) register theirs. */
const handlers: Partial<Record<ActionId, () => void>> = {
  undo: () => useScenarioStore.getState().undo(),
  redo: () => useScenarioStore.getState().redo(),
};

/** Take over an action; the returned function gives it back to whoever had it before. */
export function registerAction(id: ActionId, run: () => void): () => void {
  const before = handlers[id];
  handlers[id] = run;
  return () => {
    if (handlers[id] !== run) return;
    if (before) handlers[id] = before;
    else delete handlers[id];
  };
}

export function runAction(id: ActionId): boolean {
  const run = handlers[id];
  if (!run) return false;
  run();
  return true;
}

/** The action a key press asks for, or null. Typing in a field or pressing a button is never a shortcut. */
export function actionForKey(e: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}): ActionId | null {
  const mod = e.ctrlKey || e.metaKey;
  const k = e.key.toLowerCase();
  if (mod && !e.altKey) {
    if (k === 'z') return e.shiftKey ? 'redo' : 'undo';
    if (k === 'y' && !e.shiftKey) return 'redo';
    return null;
  }
  if (e.altKey || mod) return null;
  if (e.key === ' ') return 'play-pause';
  if (e.key === 'PageDown' || e.key === 'ArrowRight' || e.key === 'ArrowDown') return 'next-step';
  if (e.key === 'PageUp' || e.key === 'ArrowLeft' || e.key === 'ArrowUp') return 'previous-step';
  if (e.key === '.') return 'step';
  if (k === 'f') return 'fit';
  if (e.key === '?') return 'shortcuts';
  return null;
}
