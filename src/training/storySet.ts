/**
 * The built-in stories: story files in ./stories, read by the same parser as a trainer's own file.
 * Pure: the caller hands in the files' text (the app through its bundler, scripts from disk).
 */
import type { GuidedScenario } from './guided';
import { parseStoryFile } from './storyFile';

/** The order to teach them in: story ids, which are also the files' names (`ID.story.yaml`). */
export const BUILTIN_STORY_IDS = [
  'monolith-runs-hot',
  'ssb-scale-out',
  'rf3-survives-ingester',
  'kafka-absorbs-live-store-crash',
  'compaction-falls-behind',
  'live-traces-limit',
  'migrate-2-10-to-3-0',
  'storage-outage-2-10',
  'storage-outage-3-0',
  'live-store-zone-outage',
] as const;

/** Parse the built-in story files (path -> text); a broken one is a build defect and throws. */
export function storiesFromFiles(files: Record<string, string>): GuidedScenario[] {
  return BUILTIN_STORY_IDS.map((id) => {
    const path = Object.keys(files).find((p) => p.endsWith(`/${id}.story.yaml`));
    if (!path) throw new Error(`missing story file ${id}.story.yaml`);
    const r = parseStoryFile(files[path] as string);
    if (!r.ok)
      throw new Error(`${id}.story.yaml: ${r.errors.map((e) => `line ${e.line}: ${e.message}`).join('; ')}`);
    if (r.story.id !== id) throw new Error(`${id}.story.yaml has id ${r.story.id}`);
    return r.story;
  });
}
