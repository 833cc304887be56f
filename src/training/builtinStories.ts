/** The built-in guided stories, loaded from their story files like any other story. */
import type { GuidedScenario } from './guided';
import { storiesFromFiles } from './storySet';

const files = import.meta.glob<string>('./stories/*.story.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});

/** Every built-in story, in the order to teach them. */
export const GUIDED_SCENARIOS: readonly GuidedScenario[] = storiesFromFiles(files);

export function guidedById(id: string): GuidedScenario | undefined {
  return GUIDED_SCENARIOS.find((g) => g.id === id);
}
