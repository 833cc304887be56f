/**
 * What a story step names on the graph: the node or edge it highlights (or, when it names none, the
 * one an earlier step last named), and the instances its actions touch: the instance it kills, the
 * live-stores of the zone it takes down, object storage or Kafka when it cuts them. The canvas
 * highlights and zooms to these; the presenter's focus view draws them and summarises the rest. Pure.
 */
import { liveStoreZones, type Scenario } from '../model/scenario';
import type { SimAction } from '../sim/engine';
import { type GuidedScenario, scenarioAtStep } from './guided';

/**
 * The live-stores of zone `zone`: live-store k runs partition k mod P in zone floor(k / P), for the
 * first P x zones of them (the simulation's own assignment, src/sim/create.ts `partitioning`; Tempo's
 * 3.0 example runs one live-store per partition in each zone). None when the zone has none.
 */
export function liveStoresInZone(s: Scenario, zone: number): string[] {
  if (s.tempoVersion !== '3.0' || s.mode !== 'microservices') return [];
  const zones = liveStoreZones(s);
  if (zone < 0 || zone >= zones) return [];
  const p = s.settings.kafkaPartitions;
  return Array.from({ length: p }, (_, k) => `live-store-${zone * p + k}`);
}

function actionNames(s: Scenario, a: SimAction): string[] {
  switch (a.kind) {
    case 'kill':
      return [a.instance];
    case 'zone-outage':
      return liveStoresInZone(s, a.zone);
    case 'storage-outage':
      return ['object-storage'];
    case 'kafka-outage':
      return ['kafka'];
    default:
      return [];
  }
}

/**
 * Node ids or instance names step `index` names, in the order the step gives them, each once:
 * its highlight (an edge is its two ends; none: the last node an earlier step named), then what its
 * actions touch. Empty when nothing has been named yet.
 */
export function namedAtStep(g: GuidedScenario, index: number): string[] {
  const step = g.steps[index];
  if (!step) return [];
  const out: string[] = [];
  const edge = /^[a-z]+:(.+)->(.+)$/.exec(step.lookAt?.edgeId ?? '');
  if (edge) out.push(edge[1] as string, edge[2] as string);
  else {
    for (let k = index; k >= 0; k--) {
      const id = g.steps[k]?.lookAt?.nodeId;
      if (id) {
        out.push(id);
        break;
      }
    }
  }
  const s = scenarioAtStep(g, index);
  for (const a of [...(step.action ? [step.action] : []), ...(step.actions ?? [])])
    out.push(...actionNames(s, a));
  return [...new Set(out)];
}
