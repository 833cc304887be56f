/**
 * What the canvas shows live, as plain strings for the vector export: edge rates and node state.
 * Pure: the app hands in its current views, the export CLI the views of a headless run.
 */
import type { Topology } from '../model/topology';
import type { FlowView, InstanceView } from '../sim/types';
import { formatBytes, formatNumber, formatRate } from '../ui/format';

export interface LiveLabels {
  edgeLabels: Map<string, string>;
  nodeStatus: Map<string, string>;
}

export function liveLabelsOf(
  t: Topology,
  flows: readonly FlowView[],
  instanceViews: ReadonlyMap<string, InstanceView> | null,
): LiveLabels {
  const owner = new Map<string, string>();
  for (const n of t.nodes) {
    owner.set(n.id, n.id);
    for (const i of n.instances) owner.set(i, n.id);
  }
  const rate = new Map<string, number>();
  for (const f of flows) {
    const a = owner.get(f.from);
    const b = owner.get(f.to);
    if (!a || !b) continue;
    const key = `${f.path}:${a}->${b}`;
    rate.set(key, (rate.get(key) ?? 0) + f.rate);
  }
  const edgeLabels = new Map<string, string>();
  for (const e of t.edges) {
    const r = rate.get(e.id);
    if (r !== undefined) edgeLabels.set(e.id, `${formatRate(r)}/s`);
  }
  const nodeStatus = new Map<string, string>();
  if (instanceViews) {
    for (const n of t.nodes) {
      const names = n.instances.length > 0 ? n.instances : [n.id];
      let cpu = 0;
      let cpuLimit = 0;
      let mem = 0;
      let memLimit = 0;
      let worst = 'healthy';
      let seen = 0;
      for (const name of names) {
        const v = instanceViews.get(name);
        if (!v) continue;
        seen++;
        cpu += v.cpuCores;
        cpuLimit += v.cpuLimit;
        if (v.memoryBytes > mem) {
          mem = v.memoryBytes;
          memLimit = v.memoryLimit;
        }
        if (v.status !== 'healthy') worst = v.status;
      }
      if (seen === 0) continue;
      nodeStatus.set(
        n.id,
        n.target
          ? `CPU ${formatNumber(cpu, 1)}/${formatNumber(cpuLimit, 1)} · mem ${formatBytes(mem)}/${formatBytes(memLimit)}\n${worst}`
          : worst,
      );
    }
  }
  return { edgeLabels, nodeStatus };
}
