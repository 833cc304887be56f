/**
 * The built-in stories define and play exactly as recorded in golden.json: the same steps, text,
 * scenarios, loads and actions (canonical JSON), and the same figures at every step and at the end.
 * Recorded from the stories as TypeScript objects; they now load from story files.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GUIDED_SCENARIOS } from '../builtinStories';
import { storyGoldenRecord } from './golden';

const golden: Record<string, ReturnType<typeof storyGoldenRecord>> = JSON.parse(
  readFileSync(new URL('./golden.json', import.meta.url), 'utf8'),
);

describe('built-in stories: golden', () => {
  it('holds every built-in story, no more, no fewer', () => {
    expect(GUIDED_SCENARIOS.map((g) => g.id)).toEqual(Object.keys(golden));
  });
  for (const g of GUIDED_SCENARIOS) {
    it(`${g.id} is defined and plays exactly as recorded`, () => {
      const r = storyGoldenRecord(g);
      expect(r.definition).toEqual(golden[g.id]?.definition);
      expect(r.figures).toEqual(golden[g.id]?.figures);
      expect(r.figures.length).toBe(new Set([...g.steps.map((s) => s.at), g.durationSeconds]).size);
    });
  }
});
