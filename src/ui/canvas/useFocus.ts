import { useMemo } from 'react';
import type { Topology } from '../../model/topology';
import { useView } from '../store/viewStore';

/**
 * The drawn nodes a story step names: an instance id lands on its group when replicas are grouped.
 * Empty when nothing is named.
 */
export function useFocusedNodes(topology: Topology): ReadonlySet<string> {
  const focus = useView((v) => v.focus);
  return useMemo(() => {
    const out = new Set<string>();
    if (focus.length === 0) return out;
    for (const n of topology.nodes)
      if (focus.includes(n.id) || n.instances.some((i) => focus.includes(i))) out.add(n.id);
    return out;
  }, [focus, topology]);
}
