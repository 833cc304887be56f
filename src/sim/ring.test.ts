import { describe, expect, it } from 'vitest';
import { buildRing, routeRing } from './ring';

const names = (n: number) => Array.from({ length: n }, (_, i) => `ingester-${i}`);
const sum = (a: Float64Array) => a.reduce((x, y) => x + y, 0);

describe('ingester ring', () => {
  it('3 ingesters with RF=3 form one replica set owning the whole hash space', () => {
    const r = buildRing(names(3), 3, 42);
    expect(r.count).toBe(1);
    expect(r.quorum).toBe(2);
    expect(r.frac[0]).toBeCloseTo(1, 12);
  });

  it('places tokens deterministically from the seed and spreads ownership', () => {
    const a = buildRing(names(10), 3, 1);
    const b = buildRing(names(10), 3, 1);
    const c = buildRing(names(10), 3, 2);
    expect(Array.from(a.frac)).toEqual(Array.from(b.frac));
    expect(Array.from(a.frac)).not.toEqual(Array.from(c.frac));
    expect(sum(a.frac)).toBeCloseTo(1, 12);
    const recv = new Float64Array(10);
    const uniq = new Float64Array(10);
    const shared = new Float64Array(10);
    expect(routeRing(a, () => true, recv, uniq, shared)).toBe(0);
    expect(sum(recv)).toBeCloseTo(3, 9);
    expect(sum(uniq)).toBeCloseTo(1, 9);
    for (const x of uniq) expect(x).toBeGreaterThan(0.05);
  });

  it('quorum: RF=3 tolerates one member down, RF=1 fails the dead member share', () => {
    const recv = new Float64Array(5);
    const uniq = new Float64Array(5);
    const shared = new Float64Array(5);
    const rf3 = buildRing(names(5), 3, 9);
    expect(routeRing(rf3, (m) => m !== 1, recv, uniq, shared)).toBe(0);
    expect(recv[1]).toBe(0);
    expect(sum(uniq)).toBeCloseTo(1, 9);
    const twoDown = routeRing(rf3, (m) => m !== 1 && m !== 2, recv, uniq, shared);
    expect(twoDown).toBeGreaterThan(0);
    const rf1 = buildRing(names(5), 1, 9);
    const fail = routeRing(rf1, (m) => m !== 1, recv, uniq, shared);
    expect(fail).toBeGreaterThan(0.05);
    expect(fail).toBeLessThan(0.5);
    expect(shared.every((x) => x === 0)).toBe(true);
  });
});
