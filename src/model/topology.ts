/**
 * The graph of a scenario: one node per process (or one grouped node per component when it has
 * many replicas), and edges for the data paths Tempo really has in that version and mode.
 */
import { type ComponentKind, componentSpec, type DataPath, type ProcessKind, type Tier } from './catalog';
import {
  type ComponentConfig,
  defaultComponentConfig,
  instanceNames,
  monolithModules,
  processKinds,
  type Scenario,
} from './scenario';

export interface TopologyNode {
  id: string;
  kind: ComponentKind;
  label: string;
  /** `-target=` value, or null for things Tempo does not run. */
  target: string | null;
  /** Process instances this node stands for (one, or many when grouped). */
  instances: string[];
  grouped: boolean;
  resources: ComponentConfig | null;
  /** Modules inside a single-binary process. */
  modules: ProcessKind[];
  tier: Tier;
  /** A short fact to print under the label (backend, partitions, RF). */
  detail?: string;
  position: { x: number; y: number };
}

export interface TopologyEdge {
  id: string;
  source: string;
  target: string;
  path: DataPath;
  label?: string;
}

export interface Topology {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  /** Set when the version x mode pair does not exist in Tempo. */
  unsupported?: {
    reason: string;
    suggestion: { tempoVersion: Scenario['tempoVersion']; mode: Scenario['mode'] };
  };
}

export interface TopologyOptions {
  /** Components with more replicas than this are drawn as one node with a replica badge. */
  groupAbove?: number;
}

export const DEFAULT_GROUP_ABOVE = 8;

/** Column of each kind in the hand-placed lanes: write path left to right, read path below. */
const COLUMN: Record<ComponentKind, number> = {
  client: 0,
  grafana: 0,
  tempo: 1,
  distributor: 1,
  'query-frontend': 1,
  kafka: 2,
  ingester: 2,
  querier: 2,
  ring: 3,
  'live-store': 3,
  'block-builder': 3,
  'metrics-generator': 3,
  'object-storage': 4,
  compactor: 5,
  'backend-scheduler': 5,
  'backend-worker': 5,
};

/**
 * Read path kinds start lower than the write path. 3.0's live-stores sit there too, beside the
 * queriers they answer: block-builders keep the write band to themselves and the graph is about a
 * third less tall (readable when fitted on a 1280x720 projector).
 */
const READ_PATH: ReadonlySet<ComponentKind> = new Set(['grafana', 'query-frontend', 'querier', 'live-store']);

const COLUMN_WIDTH = 270;
const ROW_HEIGHT = 132;
const GROUP_GAP = 40;

function storageDetail(s: Scenario): string {
  const b = s.settings.storageBackend;
  return b === 'local' ? 'local filesystem' : `${b}: ${s.settings.bucket}`;
}

export function deriveTopology(s: Scenario, options: TopologyOptions = {}): Topology {
  const groupAbove = options.groupAbove ?? DEFAULT_GROUP_ABOVE;
  const v = s.tempoVersion;
  if (v === '3.0' && s.mode === 'scalable-single-binary') {
    return {
      nodes: [],
      edges: [],
      unsupported: {
        reason:
          'Tempo 3.0 removed the scalable-single-binary target. `tempo-cli migrate config` rewrites it to `target: all`, and only one `all` process may run because the backend-scheduler is a singleton. Scale out with microservices instead.',
        suggestion: { tempoVersion: '3.0', mode: 'monolithic' },
      },
    };
  }

  const nodes: TopologyNode[] = [];
  const edges: TopologyEdge[] = [];
  /** Node ids per kind (instances or one group). */
  const byKind = new Map<ComponentKind, string[]>();

  const addExternal = (kind: ComponentKind, detail?: string, label?: string) => {
    const spec = componentSpec(v, kind);
    nodes.push({
      id: kind,
      kind,
      label: label ?? spec.title,
      target: null,
      instances: [],
      grouped: false,
      resources: null,
      modules: [],
      tier: spec.tier,
      detail,
      position: { x: 0, y: 0 },
    });
    byKind.set(kind, [kind]);
  };

  const addProcess = (kind: ProcessKind, config: ComponentConfig, detail?: string) => {
    const spec = componentSpec(v, kind);
    const names = instanceNames(kind, config.replicas);
    const modules = kind === 'tempo' ? monolithModules(v, s.settings) : [];
    if (names.length > groupAbove) {
      const id = `group:${kind}`;
      nodes.push({
        id,
        kind,
        label: `${kind} ×${names.length}`,
        target: spec.target,
        instances: names,
        grouped: true,
        resources: config,
        modules,
        tier: spec.tier,
        detail,
        position: { x: 0, y: 0 },
      });
      byKind.set(kind, [id]);
    } else {
      for (const name of names) {
        nodes.push({
          id: name,
          kind,
          label: name,
          target: spec.target,
          instances: [name],
          grouped: false,
          resources: config,
          modules,
          tier: spec.tier,
          detail,
          position: { x: 0, y: 0 },
        });
      }
      byKind.set(kind, names);
    }
  };

  const ids = (kind: ComponentKind) => byKind.get(kind) ?? [];
  const connect = (from: ComponentKind, to: ComponentKind, path: DataPath, label?: string) => {
    for (const a of ids(from)) {
      for (const b of ids(to)) {
        edges.push({ id: `${path}:${a}->${b}`, source: a, target: b, path, label });
      }
    }
  };
  /** One edge per pair i -> i (partition i feeds consumer i). */
  const pairwise = (from: ComponentKind, to: ComponentKind, path: DataPath, label: (i: number) => string) => {
    ids(to).forEach((b, i) => {
      for (const a of ids(from))
        edges.push({ id: `${path}:${a}->${b}`, source: a, target: b, path, label: label(i) });
    });
  };

  const config = (kind: ProcessKind) => s.components[kind] ?? defaultComponentConfig(v, kind);
  const rf = s.settings.replicationFactor;

  addExternal('client', 'OTLP gRPC :4317 / HTTP :4318');
  addExternal('grafana', 'TraceQL over HTTP :3200');
  addExternal('object-storage', storageDetail(s));

  if (s.mode === 'monolithic' || s.mode === 'scalable-single-binary') {
    const ssb = s.mode === 'scalable-single-binary';
    const c = config('tempo');
    addProcess('tempo', c, ssb ? '-target=scalable-single-binary' : '-target=all');
    for (const n of nodes) if (n.kind === 'tempo' && ssb) n.target = 'scalable-single-binary';
    connect('client', 'tempo', 'write', 'spans');
    connect('grafana', 'tempo', 'read', 'queries');
    connect('tempo', 'object-storage', 'write', 'flush blocks');
    if (ssb) {
      addExternal('ring', `memberlist · RF=${rf}`, 'Ingester ring');
      connect('tempo', 'ring', 'ring', 'memberlist');
    }
  } else if (v === '2.10') {
    for (const kind of processKinds(v, s.mode, s.settings)) {
      const detail = kind === 'ingester' ? `RF=${rf}` : undefined;
      addProcess(kind, config(kind), detail);
    }
    addExternal('ring', `memberlist · RF=${rf}`, 'Ingester ring');
    connect('client', 'distributor', 'write', 'spans');
    connect('distributor', 'ingester', 'write', `push ×${rf}`);
    connect('ingester', 'object-storage', 'write', 'flush blocks');
    connect('ingester', 'ring', 'ring', 'tokens');
    connect('distributor', 'ring', 'ring', 'lookup');
    if (s.settings.metricsGenerator) connect('distributor', 'metrics-generator', 'metrics', 'spans');
    connect('grafana', 'query-frontend', 'read', 'queries');
    connect('query-frontend', 'querier', 'read', 'jobs');
    connect('querier', 'ingester', 'read', 'recent');
    connect('querier', 'object-storage', 'read', 'blocks');
    if (s.settings.compaction === 'compactor') {
      connect('compactor', 'object-storage', 'compaction', 'compact');
      connect('compactor', 'ring', 'ring', 'shards');
    } else {
      connect('backend-scheduler', 'backend-worker', 'compaction', 'jobs');
      connect('backend-worker', 'object-storage', 'compaction', 'compact');
    }
  } else {
    for (const kind of processKinds(v, s.mode, s.settings)) addProcess(kind, config(kind));
    addExternal('kafka', `${s.settings.kafkaPartitions} partitions`, 'Kafka');
    addExternal('ring', 'live-store partition ring', 'Partition ring');
    connect('client', 'distributor', 'write', 'spans');
    connect('distributor', 'kafka', 'write', 'produce');
    const partitions = s.settings.kafkaPartitions;
    const partLabel = (i: number) =>
      ids('block-builder').length === 1 && partitions > 1 ? 'all partitions' : `p${i}`;
    pairwise('kafka', 'block-builder', 'write', partLabel);
    pairwise('kafka', 'live-store', 'write', (i) =>
      ids('live-store').length === 1 ? 'consume' : `p${i % partitions}`,
    );
    connect('block-builder', 'object-storage', 'write', 'write blocks');
    connect('live-store', 'ring', 'ring', 'partition owner');
    if (s.settings.metricsGenerator) connect('kafka', 'metrics-generator', 'metrics', 'consume');
    connect('grafana', 'query-frontend', 'read', 'queries');
    connect('query-frontend', 'querier', 'read', 'jobs');
    connect('querier', 'live-store', 'read', 'recent');
    connect('querier', 'object-storage', 'read', 'blocks');
    connect('backend-scheduler', 'backend-worker', 'compaction', 'jobs');
    connect('backend-worker', 'object-storage', 'compaction', 'compact');
  }

  layout(nodes, s);
  return { nodes, edges };
}

/** Hand-placed lanes: a column per tier of the write path, read path underneath. A kind with many
 * replicas wraps into sub-columns of at most MAX_ROWS, so big clusters stay readable. */
function layout(nodes: TopologyNode[], s: Scenario): void {
  const columns = new Map<number, { write: TopologyNode[]; read: TopologyNode[] }>();
  for (const n of nodes) {
    // 3.0's partition ring sits beside storage so the live-store column stays readable.
    const col = n.kind === 'ring' && s.tempoVersion === '3.0' ? COLUMN['object-storage'] : COLUMN[n.kind];
    const entry = columns.get(col) ?? { write: [], read: [] };
    (READ_PATH.has(n.kind) ? entry.read : entry.write).push(n);
    columns.set(col, entry);
  }
  const order = [...columns.keys()].sort((a, b) => a - b);
  let writeHeight = 0;
  for (const c of order) writeHeight = Math.max(writeHeight, blockSize(columns.get(c)!.write).height);
  const readTop = writeHeight + GROUP_GAP * 2;
  let x = 0;
  for (const c of order) {
    const { write, read } = columns.get(c)!;
    place(write, x, 0);
    place(read, x, readTop);
    x += Math.max(blockSize(write).width, blockSize(read).width, 1) * COLUMN_WIDTH;
  }
  for (const n of nodes) {
    const saved = s.layout?.[n.id];
    if (saved) n.position = { x: saved.x, y: saved.y };
  }
}

const MAX_ROWS = 8;

/** Runs of the same kind, in order. */
function runs(list: TopologyNode[]): TopologyNode[][] {
  const out: TopologyNode[][] = [];
  for (const n of list) {
    const last = out[out.length - 1];
    if (last && last[0]?.kind === n.kind) last.push(n);
    else out.push([n]);
  }
  return out;
}

/** Width in columns and height in pixels of a stack of kinds. */
function blockSize(list: TopologyNode[]): { width: number; height: number } {
  let width = 0;
  let height = 0;
  runs(list).forEach((run, i) => {
    const sub = Math.ceil(run.length / MAX_ROWS);
    width = Math.max(width, sub);
    height += (i > 0 ? GROUP_GAP : 0) + Math.ceil(run.length / sub) * rowPitch(run);
  });
  return { width, height };
}

/** Room a drawn node needs from its top to the next node's top. */
function rowPitch(run: TopologyNode[]): number {
  let h = 0;
  for (const n of run) h = Math.max(h, estimatedHeight(n));
  return Math.max(ROW_HEIGHT, h + ROW_GAP);
}

/** Space between a node's bottom and the next node's top. */
const ROW_GAP = 24;
/** Usable text width inside a drawn process node, in pixels. */
const TEXT_WIDTH = 200;

/**
 * How tall a node is drawn (pixels), with its live gauges: title, -target line, resources line and
 * a wrap of module chips. Generous: the layout must never let two nodes overlap.
 */
export function estimatedHeight(n: TopologyNode): number {
  if (!n.target) return 104;
  let h = 18 + 20 + 16 + 50;
  if (n.resources) h += 16 * Math.ceil((((n.detail?.length ?? 0) + 22) * 6.4) / TEXT_WIDTH);
  if (n.modules.length > 0) {
    let rows = 1;
    let used = 0;
    for (const m of n.modules) {
      const w = m.length * 6 + 12;
      if (used > 0 && used + w > TEXT_WIDTH) {
        rows++;
        used = 0;
      }
      used += w;
    }
    h += 4 + rows * 19;
  }
  return h;
}

function place(list: TopologyNode[], x0: number, top: number): void {
  let y = top;
  runs(list).forEach((run, i) => {
    if (i > 0) y += GROUP_GAP;
    const sub = Math.ceil(run.length / MAX_ROWS);
    const rows = Math.ceil(run.length / sub);
    const pitch = rowPitch(run);
    run.forEach((n, k) => {
      n.position = { x: x0 + Math.floor(k / rows) * COLUMN_WIDTH, y: y + (k % rows) * pitch };
    });
    y += rows * pitch;
  });
}
