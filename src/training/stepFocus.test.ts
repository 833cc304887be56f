import { describe, expect, it } from 'vitest';
import { withKafkaPartitions, withLiveStoreZones } from '../model/limits';
import { createScenario } from '../model/scenario';
import { deriveTopology } from '../model/topology';
import { GUIDED_SCENARIOS, guidedById } from './builtinStories';
import { scenarioAtStep } from './guided';
import { liveStoresInZone, namedAtStep } from './stepFocus';

describe('what a story step names', () => {
  it('the zone outage step names the three live-stores of zone A, the kill step the instance it kills', () => {
    const zone = guidedById('live-store-zone-outage')!;
    expect(namedAtStep(zone, 0)).toEqual(['live-store-0']);
    expect(namedAtStep(zone, 1)).toEqual(['live-store-0', 'live-store-1', 'live-store-2']);
    const rf3 = guidedById('rf3-survives-ingester')!;
    expect(namedAtStep(rf3, 1)).toEqual(['ingester-1']);
  });

  it('a step that names nothing keeps what an earlier step named', () => {
    const hot = guidedById('monolith-runs-hot')!;
    const last = hot.steps.length - 1;
    expect(hot.steps[last]?.lookAt?.nodeId).toBeUndefined();
    expect(namedAtStep(hot, last)).toEqual(['tempo-0']);
  });

  it('every name of every built-in step is drawn on that step’s graph', () => {
    for (const g of GUIDED_SCENARIOS)
      g.steps.forEach((_, i) => {
        const t = deriveTopology(scenarioAtStep(g, i));
        const drawn = new Set(t.nodes.flatMap((n) => [n.id, ...n.instances]));
        const named = namedAtStep(g, i);
        expect(named.length, `${g.id} step ${i + 1}`).toBeGreaterThan(0);
        for (const id of named) expect(drawn.has(id), `${g.id} step ${i + 1}: ${id}`).toBe(true);
      });
  });

  it('the live-stores of a zone follow the partitions: one per partition in each zone', () => {
    const s = withLiveStoreZones(withKafkaPartitions(createScenario('3.0', 'microservices'), 4), 3);
    expect(s.components['live-store']?.replicas).toBe(12);
    expect(liveStoresInZone(s, 1)).toEqual(['live-store-4', 'live-store-5', 'live-store-6', 'live-store-7']);
    expect(liveStoresInZone(s, 3)).toEqual([]);
    expect(liveStoresInZone(createScenario('2.10', 'microservices'), 0)).toEqual([]);
  });
});
