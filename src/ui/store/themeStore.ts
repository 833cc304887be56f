/** Light or dark: follows the system setting unless the user picks one; the export may force one briefly. */
import { create } from 'zustand';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'tempo-playground:theme';

function systemDark(): boolean {
  return typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: dark)').matches;
}

function savedChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

interface ThemeState {
  choice: ThemeChoice;
  systemDark: boolean;
  /** Set while an image is exported in a given theme. */
  forced: 'light' | 'dark' | null;
  setChoice: (c: ThemeChoice) => void;
}

export const useTheme = create<ThemeState>((set) => ({
  choice: savedChoice(),
  systemDark: systemDark(),
  forced: null,
  setChoice: (choice) => {
    try {
      localStorage.setItem(KEY, choice);
    } catch {
      // not persisted
    }
    set({ choice });
  },
}));

export function resolvedTheme(s: Pick<ThemeState, 'choice' | 'systemDark' | 'forced'>): 'light' | 'dark' {
  if (s.forced) return s.forced;
  if (s.choice === 'system') return s.systemDark ? 'dark' : 'light';
  return s.choice;
}

/** Keep the `dark` class on <html> in step with the theme. */
export function startThemeSync() {
  const apply = () =>
    document.documentElement.classList.toggle('dark', resolvedTheme(useTheme.getState()) === 'dark');
  apply();
  useTheme.subscribe(apply);
  if (typeof matchMedia !== 'undefined') {
    matchMedia('(prefers-color-scheme: dark)').addEventListener('change', (e) =>
      useTheme.setState({ systemDark: e.matches }),
    );
  }
}
