/**
 * Stories the app can play: the built-in ones and those opened from a file or a link or recorded here.
 * A story is found by id; one opened later under a built-in's id gets its own id.
 */
import { create } from 'zustand';
import { GUIDED_SCENARIOS, guidedById } from '../../training/builtinStories';
import type { GuidedScenario } from '../../training/guided';

interface StoryLibrary {
  user: Record<string, GuidedScenario>;
  /** Keep a story (replacing one of the same id that is not built in); returns it as kept. */
  put: (g: GuidedScenario) => GuidedScenario;
}

export const useStoryLibrary = create<StoryLibrary>((set) => ({
  user: {},
  put: (g) => {
    const kept = guidedById(g.id) ? { ...g, id: `file-${g.id}` } : g;
    set((st) => ({ user: { ...st.user, [kept.id]: kept } }));
    return kept;
  },
}));

export function storyById(id: string): GuidedScenario | undefined {
  return guidedById(id) ?? useStoryLibrary.getState().user[id];
}

export function useStoryById(id: string | undefined): GuidedScenario | undefined {
  const user = useStoryLibrary((st) => (id ? st.user[id] : undefined));
  return id ? (guidedById(id) ?? user) : undefined;
}

export { GUIDED_SCENARIOS };
