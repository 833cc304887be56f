/**
 * The presenter's focus view of a topology: what a story step names, drawn in full; the components
 * wired to it, one collapsed node per component with its count; the rest of the cluster summarised
 * as counts in one line. Small enough that a 1280x720 projector shows every name at a size a room
 * can read. Pure: a graph transform, no Tempo knowledge beyond the topology it is given.
 */
import type { ComponentKind } from './catalog';
import { estimatedHeight, type Topology, type TopologyEdge, type TopologyNode } from './topology';

export interface Lens {
  topology: Topology;
  /** What is not drawn: each component with how many processes it runs, in the graph's order. */
  rest: { kind: ComponentKind; label: string; count: number }[];
}

/** Named instances of one component beyond this are drawn as one node that lists them. */
const NAMED_ONE_BY_ONE = 2;
const COLUMN_WIDTH = 320;
const GAP = 24;

/** Left to right, top to bottom: the write path, then the read path, then what runs beside them. */
const ORDER: readonly ComponentKind[] = [
  'client',
  'grafana',
  'tempo',
  'distributor',
  'query-frontend',
  'kafka',
  'ingester',
  'querier',
  'block-builder',
  'live-store',
  'metrics-generator',
  'ring',
  'object-storage',
  'compactor',
  'backend-scheduler',
  'backend-worker',
];
const rank = (k: ComponentKind) => ORDER.indexOf(k);

/** `live-store-0-23, 30`: instance names of one kind with the kind said once and runs of three or more as ranges. */
export function listNames(kind: string, names: readonly string[]): string {
  const prefix = `${kind}-`;
  const parts: string[] = [];
  let run: number[] = [];
  const flush = () => {
    if (run.length >= 3) parts.push(`${run[0]}–${run[run.length - 1]}`);
    else parts.push(...run.map(String));
    run = [];
  };
  for (const n of names) {
    const i = n.startsWith(prefix) ? Number(n.slice(prefix.length)) : Number.NaN;
    if (!Number.isInteger(i)) {
      flush();
      parts.push(n);
      continue;
    }
    if (run.length > 0 && i !== run[run.length - 1]! + 1) flush();
    run.push(i);
  }
  flush();
  return `${prefix}${parts.join(', ')}`;
}

/**
 * The focus view of `t` for the node ids or instance names in `named`; null when none of them is
 * on the graph. Nodes named keep their ids (a selection, a highlight and the live flows find them);
 * collapsed nodes stand for their instances, so flows between instances land on them.
 */
export function lensTopology(t: Topology, named: readonly string[]): Lens | null {
  if (t.unsupported) return null;
  const want = new Set(named);
  /** Per drawn node of t: the instances (or the external node itself) the step names. */
  const picked = new Map<string, string[]>();
  for (const n of t.nodes) {
    const units = n.instances.length > 0 ? n.instances : [n.id];
    const hit = want.has(n.id) ? units : units.filter((u) => want.has(u));
    if (hit.length > 0) picked.set(n.id, hit);
  }
  if (picked.size === 0) return null;

  const nodes: TopologyNode[] = [];
  /** Unit (instance name, or an external node's id) -> the id of the lens node drawing it. */
  const owner = new Map<string, string>();
  const column = new Map<string, number>();
  const add = (n: TopologyNode, units: readonly string[], col: number) => {
    nodes.push(n);
    for (const u of units) owner.set(u, n.id);
    column.set(n.id, col);
  };
  const unitsOf = (n: TopologyNode) => (n.instances.length > 0 ? n.instances : [n.id]);

  // 1. What the step names, in full. A node named whole stays as it is.
  const focusKinds = new Set<ComponentKind>();
  const namedByKind = new Map<ComponentKind, { node: TopologyNode; units: string[] }[]>();
  for (const n of t.nodes) {
    const hit = picked.get(n.id);
    if (!hit) continue;
    focusKinds.add(n.kind);
    const list = namedByKind.get(n.kind) ?? [];
    list.push({ node: n, units: hit });
    namedByKind.set(n.kind, list);
  }
  for (const [kind, list] of namedByKind) {
    const units = list.flatMap((x) => x.units);
    const first = list[0]!.node;
    if (units.length <= NAMED_ONE_BY_ONE) {
      for (const { node, units: u } of list) {
        const whole = u.length === unitsOf(node).length && !node.grouped;
        for (const name of whole ? [node.id] : u) {
          const one = whole ? node : { ...node, id: name, label: name, instances: [name], grouped: false };
          add({ ...one }, whole ? u : [name], 1);
        }
      }
    } else {
      add(
        {
          ...first,
          id: `lens:named:${kind}`,
          label: `${kind} ×${units.length}`,
          instances: units,
          grouped: true,
          detail: listNames(kind, units),
        },
        units,
        1,
      );
    }
  }

  // 2. The same component's other replicas, collapsed.
  const collapsed = (kind: ComponentKind, units: string[], of: TopologyNode, id: string, why?: string) => {
    if (units.length === 1 && !of.target) return { ...of };
    const label = units.length === 1 ? units[0]! : `${kind} ×${units.length}`;
    return {
      ...of,
      id: units.length === 1 ? units[0]! : id,
      label,
      target: null,
      instances: of.target ? units : [],
      grouped: units.length > 1,
      modules: [],
      detail: why ?? (of.target ? `-target=${of.target}` : of.detail),
    } satisfies TopologyNode;
  };
  for (const kind of focusKinds) {
    const all = t.nodes.filter((n) => n.kind === kind);
    const others = all.flatMap(unitsOf).filter((u) => !owner.has(u));
    if (others.length === 0) continue;
    const n = collapsed(
      kind,
      others,
      all[0]!,
      `lens:others:${kind}`,
      `the other ${others.length === 1 ? 'one' : others.length}`,
    );
    add(n, others, 1);
  }

  // 3. Components wired to what is named: one collapsed node each, left of it when they feed it.
  const focusNode = new Set<string>();
  for (const n of t.nodes) if (picked.has(n.id)) focusNode.add(n.id);
  const feeds = new Map<ComponentKind, boolean>();
  const kindOf = new Map(t.nodes.map((n) => [n.id, n.kind]));
  for (const e of t.edges) {
    const a = focusNode.has(e.source);
    const b = focusNode.has(e.target);
    if (a === b) continue;
    const other = kindOf.get(a ? e.target : e.source)!;
    if (focusKinds.has(other)) continue;
    feeds.set(other, (feeds.get(other) ?? false) || b);
  }
  for (const [kind, isFeeding] of feeds) {
    const all = t.nodes.filter((n) => n.kind === kind);
    const units = all.flatMap(unitsOf);
    add(collapsed(kind, units, all[0]!, `lens:${kind}`), units, isFeeding ? 0 : 2);
  }

  // 4. The rest: counted, not drawn.
  const rest: Lens['rest'] = [];
  for (const n of t.nodes) {
    if (unitsOf(n).every((u) => owner.has(u))) continue;
    const r = rest.find((x) => x.kind === n.kind);
    const count = n.instances.length || 1;
    if (r) r.count += count;
    else rest.push({ kind: n.kind, label: n.target ? n.kind : n.label, count });
  }
  rest.sort((a, b) => rank(a.kind) - rank(b.kind));

  // Edges between what is drawn, one per path and pair of drawn nodes.
  const edges: TopologyEdge[] = [];
  const seen = new Set<string>();
  const instancesOf = new Map(t.nodes.map((n) => [n.id, n.instances]));
  for (const e of t.edges) {
    // A node's instances may be drawn apart (a named one, the others collapsed): every drawn node among them.
    const ends = [e.source, e.target].map((id) => {
      const inst = instancesOf.get(id) ?? [];
      const units = inst.length > 0 ? inst : [id];
      return [...new Set(units.map((u) => owner.get(u)).filter((x): x is string => !!x))];
    });
    for (const a of ends[0]!)
      for (const b of ends[1]!) {
        if (a === b) continue;
        const id = `${e.path}:${a}->${b}`;
        if (seen.has(id)) continue;
        seen.add(id);
        edges.push({ id, source: a, target: b, path: e.path, label: e.label });
      }
  }

  // Layout: feeders | the step's part | what it feeds, each column centred on the tallest. Three or
  // more on one side and none on the other: the later half moves across (a projector is wide, not tall).
  for (const [from, to] of [
    [0, 2],
    [2, 0],
  ] as const) {
    const side = nodes.filter((n) => column.get(n.id) === from).sort((a, b) => rank(a.kind) - rank(b.kind));
    if (side.length >= 3 && !nodes.some((n) => column.get(n.id) === to))
      for (const n of side.slice(Math.ceil(side.length / 2))) column.set(n.id, to);
  }
  const used = [...new Set(column.values())].sort((a, b) => a - b);
  const byCol = used.map((c) =>
    nodes.filter((n) => column.get(n.id) === c).sort((a, b) => (c === 1 ? 0 : rank(a.kind) - rank(b.kind))),
  );
  const heightOf = (list: TopologyNode[]) =>
    list.reduce((h, n, i) => h + estimatedHeight(n) + (i > 0 ? GAP : 0), 0);
  const tallest = Math.max(...byCol.map(heightOf));
  byCol.forEach((list, i) => {
    let y = (tallest - heightOf(list)) / 2;
    for (const n of list) {
      n.position = { x: i * COLUMN_WIDTH, y: Math.round(y) };
      y += estimatedHeight(n) + GAP;
    }
  });
  return { topology: { nodes, edges }, rest };
}

/** The rest of a lens in words: `client, grafana, distributor ×3, compactor`. */
export function restText(rest: Lens['rest']): string {
  return rest.map((r) => (r.count > 1 ? `${r.label} ×${r.count}` : r.label)).join(', ');
}
