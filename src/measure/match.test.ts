import { describe, expect, it } from 'vitest';
import { createScenario, scenarioInstances } from '../model/scenario';
import { kindOf, matchIdentities, seriesIdentity } from './match';

const procs = (
  version: '2.10' | '3.0',
  mode: 'microservices' | 'monolithic' | 'scalable-single-binary',
  replicas: Record<string, number> = {},
) => {
  const s = createScenario(version, mode);
  for (const [k, n] of Object.entries(replicas)) {
    const c = s.components[k as keyof typeof s.components];
    if (c) c.replicas = n;
  }
  return scenarioInstances(s).map((p) => ({ name: p.name, kind: p.kind }));
};

describe('series to processes by pod name', () => {
  it('StatefulSet ordinals pick the replica; Deployment pods take the rest in name order', () => {
    const m = matchIdentities(
      [
        'tempo-ingester-2',
        'tempo-ingester-0',
        'tempo-distributor-7c9f-x2k8q',
        'tempo-distributor-7c9f-abcde',
        'tempo-query-frontend-5b8d-qw2ex',
      ],
      procs('2.10', 'microservices'),
    );
    expect(m.byIdentity.get('tempo-ingester-2')).toBe('ingester-2');
    expect(m.byIdentity.get('tempo-ingester-0')).toBe('ingester-0');
    expect(m.byIdentity.get('tempo-distributor-7c9f-abcde')).toBe('distributor-0');
    expect(m.byIdentity.get('tempo-distributor-7c9f-x2k8q')).toBe('distributor-1');
    expect(m.byIdentity.get('tempo-query-frontend-5b8d-qw2ex')).toBe('query-frontend-0');
  });

  it('says why a pod matched nothing: a component the scenario does not run, or more pods than replicas', () => {
    const m = matchIdentities(
      ['tempo-memcached-0', 'tempo-ingester-0', 'tempo-ingester-7', 'tempo-ingester-8'],
      procs('2.10', 'microservices', { ingester: 2 }),
    );
    expect(m.byIdentity.get('tempo-ingester-7')).toBe('ingester-1');
    expect(m.unmatched).toEqual([
      { identity: 'tempo-ingester-8', reason: 'the scenario runs 2 ingester replicas' },
      { identity: 'tempo-memcached-0', reason: 'not a process this scenario runs' },
    ]);
  });

  it('zone-aware live-stores map to the partition they consume', () => {
    const s = procs('3.0', 'microservices', { 'live-store': 6 });
    const m = matchIdentities(['tempo-live-store-zone-a-2', 'tempo-live-store-zone-b-0'], s, 3);
    expect(m.byIdentity.get('tempo-live-store-zone-a-2')).toBe('live-store-2');
    expect(m.byIdentity.get('tempo-live-store-zone-b-0')).toBe('live-store-3');
  });

  it('single binaries, docker-compose containers and scrape targets', () => {
    expect(kindOf('tempo-0', ['tempo'])).toBe('tempo');
    expect(kindOf('tempo', ['tempo'])).toBe('tempo');
    expect(kindOf('tempo-ingester-0', ['tempo'])).toBeNull();
    expect(kindOf('querier-1', ['querier', 'query-frontend'])).toBe('querier');
    expect(kindOf('my-query-frontend-0', ['querier', 'query-frontend'])).toBe('query-frontend');
    expect(seriesIdentity({ instance: 'tempo-distributor-1:3200' })).toBe('tempo-distributor-1');
    expect(seriesIdentity({ job: 'tempo/ingester' })).toBe('ingester');
    expect(seriesIdentity({ pod: 'a', name: 'k8s_b' })).toBe('a');
    const m = matchIdentities(['tempo-1', 'tempo-0', 'tempo-2'], procs('2.10', 'scalable-single-binary'));
    expect([...m.byIdentity.entries()].sort()).toEqual([
      ['tempo-0', 'tempo-0'],
      ['tempo-1', 'tempo-1'],
      ['tempo-2', 'tempo-2'],
    ]);
  });
});
