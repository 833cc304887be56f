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
import { createReplayer } from './replay';
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
          }
          for (const t of asked) expect(sameState(replayer.at(t), at.get(t)!)).toBe('');
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
