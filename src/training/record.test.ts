import { describe, expect, it } from 'vitest';
import { createScenario } from '../model/scenario';
import { advanceMut, createSimulation, inject, setLoad, totals } from '../sim';
import { createReplayer } from '../sim/replay';
import { advanceGuided, startGuided, storyTime } from './play';
import { storyFromRecording } from './record';
import { parseStoryFile, storyToYaml } from './storyFile';

describe('a story recorded from a live run', () => {
  it('replays the run: the figures at every step equal the live ones, through the saved file', () => {
    const scenario = { ...createScenario('2.10', 'microservices'), name: 'Live run' };
    const rec = createReplayer(scenario);
    let s = createSimulation(scenario);
    const live = new Map<number, ReturnType<typeof totals>>();
    const run = (to: number) => advanceMut(s, to - s.t);
    run(30);
    // A slider move at 30 s, a kill at 45 s, a spike and a step at 80 s.
    const load = { ...scenario.load, spansPerSecond: 30_000 };
    rec.record({ t: s.t, load });
    s = setLoad(s, load);
    run(45);
    rec.record({ t: s.t, action: { kind: 'kill', instance: 'ingester-1' } });
    s = inject(s, { kind: 'kill', instance: 'ingester-1' });
    live.set(45, totals(s));
    run(80);
    rec.record({ t: s.t, action: { kind: 'spike', factor: 3, durationSeconds: 20 } });
    s = inject(s, { kind: 'spike', factor: 3, durationSeconds: 20 });
    live.set(80, totals(s));
    run(120);
    // The live driver tells the replayer how far the run went (inputs alone end at 80 s).
    rec.reached(s.t);
    live.set(120, totals(s));
    const g = storyFromRecording(
      rec.log,
      [
        { at: 45, title: 'Kill', text: 'ingester-1 goes', highlight: 'ingester-1' },
        { at: 80, title: 'Spike', text: '' },
        { at: 100, title: 'After', text: '*calm*' },
      ],
      120,
      'My recording',
    );
    expect(g.steps.map((x) => [x.at, x.title])).toEqual([
      [0, 'The start'],
      [30, 'Load: 30000 spans/s'],
      [45, 'Kill'],
      [80, 'Spike'],
      [100, 'After'],
    ]);
    expect(g.steps[2]?.lookAt).toEqual({ nodeId: 'ingester-1' });
    const file = parseStoryFile(storyToYaml(g));
    if (!file.ok) throw new Error(JSON.stringify(file.errors));
    let p = startGuided(file.story);
    for (const at of [45, 80, 120]) {
      p = advanceGuided(p, at - storyTime(p));
      expect(totals(p.state), `at ${at} s`).toEqual(live.get(at));
    }
    expect(totals(rec.at(120))).toEqual(live.get(120));
  });
});
