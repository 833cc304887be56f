import { describe, expect, it } from 'vitest';
import { createScenario, type Scenario } from '../model/scenario';
import { alternatives, differences, failureLines, otherSide, run } from './compare';

const withIngesters = (s: Scenario, replicas: number): Scenario => {
  const ingester = s.components.ingester;
  if (!ingester) throw new Error('no ingester');
  return { ...s, components: { ...s.components, ingester: { ...ingester, replicas } } };
};

describe('side by side', () => {
  it('never offers the scenario against its own deployment', () => {
    for (const [v, m] of [
      ['2.10', 'microservices'],
      ['2.10', 'monolithic'],
      ['2.10', 'scalable-single-binary'],
      ['3.0', 'microservices'],
      ['3.0', 'monolithic'],
    ] as const) {
      const alts = alternatives(createScenario(v, m));
      expect(alts).not.toContain(m);
      expect(alts.length).toBeGreaterThan(0);
    }
  });

  it('finds nothing to compare between a scenario and itself, and names each difference', () => {
    const a = createScenario('2.10', 'microservices');
    expect(differences(a, { ...a, name: 'renamed', layout: { 'ingester-0': { x: 1, y: 2 } } })).toEqual([]);
    const b = withIngesters({ ...a, load: { ...a.load, spansPerSecond: 40_000 } }, 5);
    expect(differences(a, b)).toEqual(['ingester: 3 → 5 replicas', 'load spans/s: 10,000 → 40,000']);
    // The same load on both sides takes the load difference away.
    expect(differences(a, otherSide(a, b, true))).toEqual(['ingester: 3 → 5 replicas']);
    const toMono = differences(a, createScenario('2.10', 'monolithic'));
    expect(toMono[0]).toBe('deployment: Tempo 2.10 microservices → Tempo 2.10 monolithic');
    expect(toMono).toContain('only the other runs: tempo x1');
    expect(toMono).toContain(
      'only this scenario runs: distributor x2, ingester x3, query-frontend x2, querier x2, compactor x1',
    );
  });

  it('both sides get the failures: a kill given in the run takes the instance down on both', () => {
    const a = { ...createScenario('2.10', 'microservices'), seed: 7 };
    const b = otherSide(a, withIngesters(a, 4), true);
    const live = [{ t: 30, action: { kind: 'kill' as const, instance: 'ingester-1' } }];
    const [ra, rb] = [run(a, 120, 'A', live), run(b, 120, 'B', live)];
    for (const r of [ra, rb]) {
      const kill = r.events.find((e) => e.kind === 'killed');
      expect(kill?.instance).toBe('ingester-1');
      expect(kill?.t).toBe(30);
      expect(r.skipped).toEqual([]);
    }
    // Without the failure nothing is killed.
    expect(run(a, 120, 'A').events.some((e) => e.kind === 'killed')).toBe(false);
  });

  it('a kill of an instance the other side does not run is skipped and said so', () => {
    const a = createScenario('2.10', 'microservices');
    const mono = otherSide(a, createScenario('2.10', 'monolithic'), true);
    const r = run(mono, 60, 'mono', [{ t: 10, action: { kind: 'kill', instance: 'ingester-2' } }]);
    expect(r.skipped).toEqual(['ingester-2 is not in this deployment: not killed at 10 s']);
    expect(r.events.some((e) => e.kind === 'killed')).toBe(false);
  });

  it("this scenario's scheduled events run on the other side too, and are listed with the live ones", () => {
    const a: Scenario = {
      ...createScenario('2.10', 'microservices'),
      events: [{ at: 20, kind: 'storage-outage', durationSeconds: 60 }],
    };
    const b = otherSide(a, createScenario('2.10', 'monolithic'), true);
    expect(b.events).toEqual(a.events);
    expect(run(b, 60, 'B').events.some((e) => e.kind === 'storage-outage' && e.t === 20)).toBe(true);
    expect(
      failureLines(a, [{ t: 5, action: { kind: 'spike', factor: 2, durationSeconds: 60 } }], 600),
    ).toEqual([
      'at 5 s: 2x spike for 60 s (given in this run)',
      'at 20 s: object storage out for 60 s (scheduled in the scenario)',
    ]);
  });
});
