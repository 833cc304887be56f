/**
 * The published sizing as the planner's starting point and its floors: every figure with the page and
 * version it comes from ("Size the cluster" v2.10.8 and v3.0.3, "Deployment modes" v3.0.3, the jsonnet
 * at each tag), and the figures that are the planner's own marked as ours. Replicas are clamped to what
 * one cluster in this app can be (the schema's LIMITS). Pure: no simulation here.
 */
import { type DeploymentMode, GiB, type ProcessKind, type TempoVersion } from '../model/catalog';
import { LIMITS, ZONE_NAMES } from '../model/scenario';
import { SIZING, THRESHOLDS } from '../training/recommender';

/** A published range (min = max for a single figure) and where it is published. */
export interface FigureRange {
  min: number;
  max: number;
  source: string;
}

export interface PublishedRule {
  kind: ProcessKind;
  /** Where the planner starts. */
  replicas: number;
  cpu: number;
  memoryBytes: number;
  /** The published range of each figure; null where no source gives one. */
  range: { replicas: FigureRange | null; cpu: FigureRange | null; memoryBytes: FigureRange | null };
  /**
   * What the planner never goes below unless the user trusts the simulation below published floors:
   * the published minimum, or the jsonnet request where the page gives no figure.
   */
  floor: { replicas: number; cpu: number; memoryBytes: number; source: string };
  /** The rule in words, with its figures. */
  rule: string;
  /** The page and version the rule comes from ("Tempo v2.10.8 docs, \"Size the cluster\""). */
  doc: string;
  /** Figures that are the planner's own, in words; empty when every figure is published. */
  ours: string[];
}

export interface RuleSet {
  /** Kafka partitions (3.0 microservices), else 0. */
  partitions: number;
  replicationFactor: number;
  rows: PublishedRule[];
}

/** The sources the rules quote, each a page or a file at a tag of grafana/tempo. */
export const SOURCES = {
  size: (v: TempoVersion) =>
    `Tempo ${v === '2.10' ? 'v2.10.8' : 'v3.0.3'} docs, "Size the cluster" (setup-tempo/plan/size.md)`,
  modes: 'Tempo v3.0.3 docs, "Deployment modes" (setup-tempo/plan/deployment-modes.md)',
  jsonnet: (v: TempoVersion) =>
    `Tempo ${v === '2.10' ? 'v2.10.8' : 'v3.0.3'} jsonnet requests (operations/jsonnet/microservices/config.libsonnet)`,
  producerBuffer: 'Tempo v3.0.3 pkg/ingest/config.go: producer_max_buffered_bytes 1 GiB',
  ours: 'ours (no published figure)',
} as const;

/** 1 GB as the sizing pages write it (10^9 bytes); the planner rounds pods up to half GiB. */
const GB = 1e9;
/** The 3.0 distributor's Kafka producer buffer (v3.0.3 pkg/ingest/config.go, 1024*1024*1024). */
export const PRODUCER_BUFFER_BYTES = GiB;
/**
 * A monolith (one `all` process) holds about 25-35 MB/s (v3.0.3 "Deployment modes"); the 2.10 docs
 * give no figure. The planner sizes one up to the upper end.
 */
export const MONOLITH_MAX_MBPS = 35;
/**
 * Scalable single binary: every replica runs every module like one `all` process, and the docs give
 * no figure for it beyond that process's 25-35 MB/s; they send "high volume" to microservices
 * (v3.0.3 "Deployment modes"). The planner offers it up to the same 35 MB/s, where it buys RF=3 and
 * surviving the loss of a replica, and not beyond.
 */
export const SSB_MAX_MBPS = 35;

/** Kafka guidance: about 10 MB/s per partition; a live-store consumes 6-10 MB/s (middle: 8). */
export const KAFKA_MBPS_PER_PARTITION = 10;
/** The largest pod the planner builds: a common large node's share, not the schema's 256 cores. */
export const MAX_POD_CPU = 16;
export const MAX_POD_MEMORY_BYTES = 64 * GiB;

const ceil = (x: number) => Math.max(1, Math.ceil(x - 1e-9));

/** Minimum replicas Tempo or availability needs for a kind (losing one must not stop the service). */
export function minReplicas(mode: DeploymentMode, kind: ProcessKind, tolerateLoss: boolean): number {
  if (kind === 'backend-scheduler') return 1;
  if (kind === 'tempo') return mode === 'scalable-single-binary' ? (tolerateLoss ? 3 : 2) : 1;
  if (kind === 'ingester') return SIZING.replicationFactor;
  if (kind === 'distributor' || kind === 'query-frontend' || kind === 'querier') return tolerateLoss ? 2 : 1;
  return 1;
}

/** Kinds whose count Tempo fixes (so the planner grows their pods, never their number). */
export function fixedCount(mode: DeploymentMode, kind: ProcessKind): boolean {
  return (
    kind === 'backend-scheduler' ||
    kind === 'block-builder' ||
    kind === 'live-store' ||
    (kind === 'tempo' && mode === 'monolithic')
  );
}

/** Kinds sized by the compaction backlog of a long steady run, not by the 20-minute check. */
export function sizedByBacklog(kind: ProcessKind): boolean {
  return kind === 'compactor' || kind === 'backend-worker';
}

const one = (x: number, source: string): FigureRange => ({ min: x, max: x, source });
const span = (min: number, max: number, source: string): FigureRange => ({ min, max, source });

/**
 * The published rule for each process of a version x mode at `mbps`, replicas clamped to LIMITS (the
 * caller reports a clamp as "beyond one cluster").
 */
export function publishedRules(
  version: TempoVersion,
  mode: DeploymentMode,
  mbps: number,
  zones: number,
  tolerateLoss: boolean,
): RuleSet {
  const T = Math.max(0, mbps);
  const rows: PublishedRule[] = [];
  const size = SOURCES.size(version);
  const jsonnet = SOURCES.jsonnet(version);
  const clampReplicas = (kind: ProcessKind, n: number) =>
    Math.min(LIMITS.replicas.max, Math.max(minReplicas(mode, kind, tolerateLoss), n));
  // The count's floor is the low end of the published range (the fewest replicas the page allows).
  const put = (r: Omit<PublishedRule, 'floor'> & { floor: Omit<PublishedRule['floor'], 'replicas'> }) =>
    rows.push({
      ...r,
      replicas: clampReplicas(r.kind, r.replicas),
      floor: { ...r.floor, replicas: clampReplicas(r.kind, r.range.replicas?.min ?? 1) },
    });
  /** Replicas at 1 per `lo`-`hi` MB/s: the range, from the most to the fewest MB/s per replica. */
  const perRate = (lo: number, hi: number, source: string): FigureRange =>
    span(ceil(T / hi), ceil(T / lo), source);

  if (mode === 'monolithic' || mode === 'scalable-single-binary') {
    // A monolith gets 2 CPU / 4 GiB up to 10 MB/s; above, and for every SSB replica, 4 CPU / 8 GiB.
    const small = mode === 'monolithic' && T <= THRESHOLDS.monolithSmallMBps;
    const cpu = small ? 2 : 4;
    const mem = (small ? 4 : 8) * GiB;
    const ours = [
      `${cpu} CPU / ${mem / GiB} GiB per process${mode === 'monolithic' ? ` (${small ? 'up to' : 'above'} ${THRESHOLDS.monolithSmallMBps} MB/s)` : ''}: no page gives a figure for an \`all\` process`,
    ];
    if (mode === 'monolithic') {
      put({
        kind: 'tempo',
        replicas: 1,
        cpu,
        memoryBytes: mem,
        range: { replicas: one(1, SOURCES.modes), cpu: null, memoryBytes: null },
        floor: { cpu, memoryBytes: mem, source: SOURCES.ours },
        rule: `One \`all\` process holds under about 25-35 MB/s (55k-80k spans/s)${version === '2.10' ? '; the 2.10 docs give no figure, this is the 3.0 page' : ''}`,
        doc: SOURCES.modes,
        ours,
      });
      return { partitions: 0, replicationFactor: 1, rows };
    }
    const rf = tolerateLoss ? SIZING.replicationFactor : 1;
    put({
      kind: 'tempo',
      replicas: ceil((T * rf) / (SIZING.ingesterMBps * SIZING.replicationFactor)),
      cpu,
      memoryBytes: mem,
      range: {
        replicas: span(
          ceil((T * rf) / (5 * SIZING.replicationFactor)),
          ceil((T * rf) / (3 * SIZING.replicationFactor)),
          size,
        ),
        cpu: null,
        memoryBytes: null,
      },
      floor: { cpu, memoryBytes: mem, source: SOURCES.ours },
      rule: `Each replica runs an ingester: 1 per 3-5 MB/s at RF=3 (the ingester rule), scaled to RF=${rf}; offered up to ${SSB_MAX_MBPS} MB/s, the most the docs give a process running every module`,
      doc: size,
      ours: [...ours, `SSB offered up to ${SSB_MAX_MBPS} MB/s (the docs give SSB no figure)`],
    });
    return { partitions: 0, replicationFactor: rf, rows };
  }

  const v3 = version === '3.0';
  put({
    kind: 'distributor',
    replicas: ceil(T / SIZING.distributorMBps),
    cpu: 2,
    memoryBytes: (v3 ? 3 : 2) * GiB,
    range: { replicas: perRate(10, 10, size), cpu: one(2, size), memoryBytes: one(2 * GB, size) },
    floor: v3
      ? {
          cpu: 2,
          memoryBytes: 3 * GiB,
          source: `the Kafka producer buffer (${SOURCES.producerBuffer}) plus the page's 2 GB for the rest: 3 GiB, the ${jsonnet.replace(' requests', ' request')}`,
        }
      : { cpu: 2, memoryBytes: 2 * GB, source: size },
    rule: `1 per 10 MB/s received; 2 CPU, 2 GB${v3 ? '; a 3.0 distributor also buffers up to 1 GiB for Kafka' : ''}`,
    doc: size,
    ours: [],
  });
  const queryRows = () => {
    put({
      kind: 'query-frontend',
      replicas: tolerateLoss ? SIZING.queryFrontendHa : 1,
      cpu: 1,
      memoryBytes: 4 * GiB,
      range: {
        replicas: one(2, size),
        cpu: span(0.5, 1, `${jsonnet} and limits`),
        memoryBytes: span(4 * GB, 20 * GB, size),
      },
      floor: { cpu: 0.5, memoryBytes: 4 * GB, source: `${size}; CPU: ${jsonnet}` },
      rule: '2 replicas for HA; CPU dependent on trace size and queries; 4-20 GB',
      doc: size,
      ours: [],
    });
    put({
      kind: 'querier',
      replicas: ceil(T / SIZING.querierMBps),
      cpu: 1,
      memoryBytes: 4 * GiB,
      range: {
        replicas: perRate(1, 2, size),
        cpu: span(0.5, 1, `${jsonnet} and limits`),
        memoryBytes: span(4 * GB, 20 * GB, size),
      },
      floor: { cpu: 0.5, memoryBytes: 4 * GB, source: `${size}; CPU: ${jsonnet}` },
      rule: '1 per 1-2 MB/s received; CPU dependent on trace size and queries; 4-20 GB',
      doc: size,
      ours: [],
    });
  };
  if (!v3) {
    put({
      kind: 'ingester',
      replicas: ceil(T / SIZING.ingesterMBps),
      cpu: 2.5,
      memoryBytes: 8 * GiB,
      range: { replicas: perRate(3, 5, size), cpu: one(2.5, size), memoryBytes: span(4 * GB, 20 * GB, size) },
      floor: { cpu: 2.5, memoryBytes: 4 * GB, source: size },
      rule: '1 per 3-5 MB/s received (RF=3); 2.5 CPU; 4-20 GB by trace composition',
      doc: size,
      ours: [],
    });
    queryRows();
    put({
      kind: 'compactor',
      replicas: ceil(T / SIZING.compactorMBps),
      cpu: 1,
      memoryBytes: 4 * GiB,
      range: { replicas: perRate(3, 5, size), cpu: one(1, size), memoryBytes: span(4 * GB, 20 * GB, size) },
      floor: { cpu: 1, memoryBytes: 4 * GB, source: size },
      rule: '1 per 3-5 MB/s received; 1 CPU (I/O bound); 4-20 GB',
      doc: size,
      ours: [],
    });
    return { partitions: 0, replicationFactor: SIZING.replicationFactor, rows };
  }
  const z = Math.max(1, Math.min(ZONE_NAMES.length, Math.round(zones)));
  const partitions = Math.min(
    LIMITS.kafkaPartitions.max,
    Math.floor(LIMITS.replicas.max / z),
    Math.max(3, ceil(T / SIZING.liveStoreMBps)),
  );
  put({
    kind: 'block-builder',
    replicas: partitions,
    cpu: 0.5,
    memoryBytes: 5 * GiB,
    range: { replicas: one(partitions, size), cpu: one(0.5, size), memoryBytes: span(5 * GB, 10 * GB, size) },
    floor: { cpu: 0.5, memoryBytes: 5 * GB, source: size },
    rule: '1 per partition; 0.5 CPU; 5-10 GB by trace composition',
    doc: size,
    ours: [],
  });
  const perZone = perRate(6, 10, size);
  put({
    kind: 'live-store',
    replicas: partitions * z,
    cpu: 1,
    memoryBytes: 6 * GiB,
    range: {
      replicas: { ...perZone, min: perZone.min * z, max: perZone.max * z },
      cpu: one(1, size),
      memoryBytes: span(4 * GB, 20 * GB, size),
    },
    floor: { cpu: 1, memoryBytes: 4 * GB, source: size },
    rule: `1 per 6-10 MB/s received (a partition each), per zone (${z}); 1 CPU; 4-20 GB`,
    doc: size,
    ours: [],
  });
  queryRows();
  put({
    kind: 'backend-scheduler',
    replicas: 1,
    cpu: 0.5,
    memoryBytes: 2 * GiB,
    range: { replicas: one(1, size), cpu: one(0.5, size), memoryBytes: span(1 * GB, 2 * GB, size) },
    floor: { cpu: 0.5, memoryBytes: 1 * GB, source: size },
    rule: 'Exactly 1; 0.5 CPU; 1-2 GB',
    doc: size,
    ours: [],
  });
  put({
    kind: 'backend-worker',
    replicas: ceil(T / SIZING.backendWorkerMBps),
    cpu: 0.5,
    memoryBytes: 2 * GiB,
    range: { replicas: null, cpu: one(0.5, size), memoryBytes: span(1 * GB, 2 * GB, size) },
    floor: { cpu: 0.5, memoryBytes: 1 * GB, source: size },
    rule: '"Sizing guidelines to be determined based on compaction workload"; 0.5 CPU; 1-2 GB',
    doc: size,
    ours: [
      `the start of 1 per ${SIZING.backendWorkerMBps} MB/s (a third of the 2.x compactor's load: one copy of each block instead of three); the count is the backlog check's`,
    ],
  });
  return { partitions, replicationFactor: SIZING.replicationFactor, rows };
}

/** Why a mode is not offered at `mbps` (beyond what the docs defend, or one cluster), or null. */
export function unclampedNeed(version: TempoVersion, mode: DeploymentMode, mbps: number): string | null {
  const T = Math.max(0, mbps);
  if (mode === 'monolithic')
    return T > MONOLITH_MAX_MBPS
      ? `${T.toFixed(0)} MB/s is more than one \`all\` process holds (about 25-35 MB/s, ${SOURCES.modes})`
      : null;
  if (mode === 'scalable-single-binary')
    return T > SSB_MAX_MBPS
      ? `scalable single binary is offered up to ${SSB_MAX_MBPS} MB/s: every replica runs every module, the docs give such a process 25-35 MB/s and send higher volume to microservices (${SOURCES.modes})`
      : null;
  const need: [string, number][] =
    version === '2.10'
      ? [
          ['distributors', ceil(T / SIZING.distributorMBps)],
          ['ingesters', ceil(T / SIZING.ingesterMBps)],
        ]
      : [
          ['distributors', ceil(T / SIZING.distributorMBps)],
          ['partitions (live-stores per zone)', ceil(T / SIZING.liveStoreMBps)],
        ];
  const over = need.find(([, n]) => n > LIMITS.replicas.max);
  return over
    ? `the published rule needs ${over[1]} ${over[0]}, more than one cluster here holds (${LIMITS.replicas.max})`
    : null;
}
