/** What the canvas shows live now, for the vector export (the mapping itself is in src/export). */
import { type LiveLabels, liveLabelsOf } from '../../export/liveLabels';
import type { Topology } from '../../model/topology';
import { useSimStore } from '../sim/simStore';

export function liveLabels(t: Topology): LiveLabels {
  const { flows, instanceViews } = useSimStore.getState();
  return liveLabelsOf(t, flows, instanceViews);
}
