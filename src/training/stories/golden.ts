/**
 * The golden record of a story: its definition in canonical JSON (keys sorted) and the figures at the
 * start of every step and at the end, from a play through the engine. Recorded by `npm run golden`;
 * stories.golden.test.ts proves the shipped stories still define and play exactly that.
 */

import type { SimState } from '../../sim/engine';
import { queryCounts, totals } from '../../sim/views';
import { canonicalJson } from '../canonical';
import type { GuidedScenario } from '../guided';
import { advanceGuided, startGuided } from '../play';

export interface StoryFigures {
  t: number;
  sent: number;
  written: number;
  refused: number;
  lost: number;
  tracesLost: number;
  queriesIssued: number;
  queriesFailed: number;
  events: number;
  memoryBytes: number;
}

export function storyGoldenRecord(g: GuidedScenario): { definition: unknown; figures: StoryFigures[] } {
  const marks = new Set([...g.steps.map((s) => s.at), g.durationSeconds]);
  const figures: StoryFigures[] = [];
  const record = (t: number, s: SimState) => {
    if (!marks.has(t)) return;
    const tt = totals(s);
    const q = queryCounts(s);
    let mem = 0;
    for (let i = 0; i < s.proc.mem.length; i++) mem += s.proc.mem[i] ?? 0;
    figures.push({
      t,
      sent: tt.sent,
      written: tt.written,
      refused: tt.refused,
      lost: tt.lost,
      tracesLost: tt.tracesLost,
      queriesIssued: q.issued,
      queriesFailed: q.failed,
      events: s.events.length,
      memoryBytes: Math.round(mem),
    });
  };
  const p = startGuided(g);
  record(0, p.state);
  advanceGuided(p, g.durationSeconds, record);
  return { definition: JSON.parse(canonicalJson(g)), figures };
}
