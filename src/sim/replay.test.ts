/**
 * Replaying a run's log gives the very state the run had at every second: live runs with random load
 * changes and kills, compared with replays at random seconds (forwards, backwards, across checkpoints).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createScenario, type Load } from '../model/scenario';
import {
  cloneState,
  createSimulation,
  inject,
  type SimAction,
  type SimState,
  setLoad,
  stepMut,
} from './engine';
import { createReplayer, replayTime } from './replay';
import { allFields } from './state';

function sameState(a: SimState, b: SimState): string {
  if (a.t !== b.t) return `t ${a.t} != ${b.t}`;
  const fa = allFields(a);
  const fb = allFields(b);
  for (let f = 0; f < fa.length; f++)
    for (let i = 0; i < a.cfg.n; i++)
      if (!Object.is(fa[f]![i], fb[f]![i])) return `t=${a.t} field ${f} of ${a.cfg.names[i]}`;
  if (JSON.stringify(a.g) !== JSON.stringify(b.g)) return `t=${a.t} globals`;
  if (a.events.length !== b.events.length) return `t=${a.t} events`;
  return '';
}

describe('replay', () => {
  it('a copy keeps its event log when the state it was copied from goes on', () => {
    const base = createScenario('2.10', 'microservices');
    const s = createSimulation({ ...base, events: [{ at: 0, kind: 'kill', instance: 'ingester-0' }] });
    const copy = cloneState(s);
    const before = copy.events.length;
    stepMut(s);
    expect(s.events.length).toBeGreaterThan(before);
    expect(copy.events.length).toBe(before);
  });

  it('gives the live state at any second, exactly, whatever the inputs and the order of the questions', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('2.10' as const, '3.0' as const),
        fc.array(
          fc.record({
            t: fc.integer({ min: 0, max: 700 }),
            spans: fc.option(fc.integer({ min: 0, max: 200_000 }), { nil: undefined }),
            kill: fc.option(fc.constantFrom('distributor-0', 'querier-1', 'compactor-0', 'live-store-0'), {
              nil: undefined,
            }),
          }),
          { maxLength: 6 },
        ),
        fc.array(fc.integer({ min: 0, max: 800 }), { minLength: 1, maxLength: 6 }),
        (version, given, asked) => {
          const scenario = createScenario(version, 'microservices');
          const replayer = createReplayer(scenario);
          let live = createSimulation(scenario);
          const at = new Map<number, SimState>();
          const inputs = [...given].sort((a, b) => a.t - b.t);
          for (let t = 0; t <= 800; t++) {
            if (asked.includes(t)) at.set(t, cloneState(live));
            for (const x of inputs)
              if (x.t === t) {
                if (x.spans !== undefined) {
                  const load: Load = { ...live.load, spansPerSecond: x.spans };
                  replayer.record({ t, load });
                  live = setLoad(live, load);
                }
                if (x.kill && live.cfg.index.has(x.kill)) {
                  const action: SimAction = { kind: 'kill', instance: x.kill };
                  replayer.record({ t, action });
                  live = inject(live, action);
                }
              }
            stepMut(live);
            replayer.reached(live.t);
          }
          for (const t of asked) expect(sameState(replayer.at(t), at.get(t)!)).toBe('');
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);

  it('returns for any time: between steps, before the start, past the end, NaN and Infinity', () => {
    const scenario = createScenario('3.0', 'microservices');
    const replayer = createReplayer(scenario);
    const live = createSimulation(scenario);
    for (let i = 0; i < 30; i++) stepMut(live);
    replayer.reached(live.t);
    expect(replayer.end).toBe(30);
    const asked: [number, number][] = [
      [12.7, 12],
      [0.4, 0],
      [-5, 0],
      [Number.NaN, 0],
      [Number.NEGATIVE_INFINITY, 0],
      [31, 30],
      [1e15, 30],
      [Number.POSITIVE_INFINITY, 30],
      [Number.MAX_VALUE, 30],
      [Number.MIN_VALUE, 0],
    ];
    for (const [t, want] of asked) expect(replayer.at(t).t, String(t)).toBe(want);
    expect(sameState(replayer.at(Number.POSITIVE_INFINITY), live)).toBe('');
    // An input recorded off the step grid applies at the step it falls in; it cannot stall a replay.
    replayer.record({ t: 10.5, load: { ...live.load, spansPerSecond: 5 } });
    replayer.record({ t: Number.NaN, load: { ...live.load, spansPerSecond: 6 } });
    expect(replayer.log.inputs.map((x) => x.t)).toEqual([10]);
    expect(replayer.at(20).t).toBe(20);
    expect(replayer.at(20).load.spansPerSecond).toBe(5);
    expect(replayTime(7.9, Number.NaN)).toBe(0);
  }, 60_000);
});
