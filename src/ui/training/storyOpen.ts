/** Open a story from a file's text or a link, and play it like a built-in one. Lazy-loaded. */
import type { GuidedScenario } from '../../training/guided';
import type { StoryMessage, StoryParse } from '../../training/storyFile';
import { parseStoryFile } from '../../training/storyFile';
import { storyFromLocationHash } from '../../training/storyLink';
import { simDriver } from '../sim/driver';
import { useScenarioStore } from '../store/scenarioStore';
import { useStoryLibrary } from './storyLibrary';

/** "Line 12: step 2 › at: ..." */
export function formatStoryMessage(m: StoryMessage): string {
  return m.line ? `Line ${m.line}: ${m.message}` : m.message;
}

/** Start a story now (it is kept in the library so the overlay finds it). */
export function playStory(g: GuidedScenario): GuidedScenario {
  const kept = useStoryLibrary.getState().put(g);
  simDriver.startStory(kept);
  return kept;
}

function opened(r: StoryParse, from: string): StoryMessage[] | null {
  const store = useScenarioStore.getState();
  if (!r.ok) {
    store.notify(
      'error',
      `The story ${from} was not opened: ${formatStoryMessage(r.errors[0] ?? { message: 'it is not a story' })}${
        r.errors.length > 1 ? ` (and ${r.errors.length - 1} more)` : ''
      }. Nothing else changed.`,
    );
    return r.errors;
  }
  playStory(r.story);
  return null;
}

/** Read a story file; null when it opened, else every problem (with lines). */
export function openStoryText(text: string, fileName: string): StoryMessage[] | null {
  return opened(parseStoryFile(text), `file ${fileName}`);
}

export async function openStoryFile(file: File): Promise<StoryMessage[] | null> {
  if (file.size > 1_000_000)
    return opened(
      { ok: false, errors: [{ message: 'the file is over 1 MB; a story is a few KB' }] },
      `file ${file.name}`,
    );
  return openStoryText(await file.text(), file.name);
}

/** Open the story a `#story=` link carries; false when the hash carries none. */
export function openStoryFromHash(hash: string): boolean {
  const r = storyFromLocationHash(hash);
  if (!r) return false;
  opened(r, 'link');
  return true;
}
