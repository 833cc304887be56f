/**
 * The published sizing ("Size the cluster" in Tempo's docs) as starting points for the planner, each
 * with the doc version that states it, clamped to what one cluster in this app can be (the schema's
 * LIMITS and Tempo's own rules). Pure: no simulation here.
 */
import { type DeploymentMode, GiB, type ProcessKind, type TempoVersion } from '../model/catalog';
import { LIMITS, ZONE_NAMES } from '../model/scenario';
import { SIZING, THRESHOLDS } from '../training/recommender';

export interface PublishedRule {
  kind: ProcessKind;
  replicas: number;
  cpu: number;
  memoryBytes: number;
  /** The rule in words, with its figure. */
  rule: string;
  /** Which docs state it ("Tempo 2.10 docs, Size the cluster"). */
  doc: string;
}

export interface RuleSet {
  /** Kafka partitions (3.0 microservices), else 0. */
  partitions: number;
  replicationFactor: number;
  rows: PublishedRule[];
}

/** Kafka guidance: about 10 MB/s per partition; a live-store consumes 6-10 MB/s (middle: 8). */
export const KAFKA_MBPS_PER_PARTITION = 10;
/** The largest pod the planner builds: a common large node's share, not the schema's 256 cores. */
export const MAX_POD_CPU = 16;
export const MAX_POD_MEMORY_BYTES = 64 * GiB;

const ceil = (x: number) => Math.max(1, Math.ceil(x - 1e-9));
const doc = (v: TempoVersion) => `Tempo ${v} docs, "Size the cluster"`;

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
  const min = (k: ProcessKind) => minReplicas(mode, k, tolerateLoss);
  const put = (kind: ProcessKind, replicas: number, cpu: number, memGiB: number, rule: string, d?: string) =>
    rows.push({
      kind,
      replicas: Math.min(LIMITS.replicas.max, Math.max(min(kind), replicas)),
      cpu,
      memoryBytes: memGiB * GiB,
      rule,
      doc: d ?? doc(version),
    });
  if (mode === 'monolithic') {
    const small = T <= THRESHOLDS.monolithSmallMBps;
    put(
      'tempo',
      1,
      small ? 2 : 4,
      small ? 4 : 8,
      `One \`all\` process; fits under about 25-35 MB/s (${small ? '2 CPU / 4 GiB' : '4 CPU / 8 GiB'})`,
      'Tempo 3.0 docs, "Size the cluster" (monolithic)',
    );
    return { partitions: 0, replicationFactor: 1, rows };
  }
  if (mode === 'scalable-single-binary') {
    const rf = tolerateLoss ? SIZING.replicationFactor : 1;
    put(
      'tempo',
      ceil((T * rf) / (SIZING.ingesterMBps * SIZING.replicationFactor)),
      4,
      8,
      `Each replica runs an ingester: 1 per ${SIZING.ingesterMBps} MB/s at RF=3 (docs: 3-5), scaled to RF=${rf}`,
      doc('2.10'),
    );
    return { partitions: 0, replicationFactor: rf, rows };
  }
  put('distributor', ceil(T / SIZING.distributorMBps), 2, 2, '1 per 10 MB/s received; 2 CPU, 2 GB');
  if (version === '2.10') {
    put(
      'ingester',
      ceil(T / SIZING.ingesterMBps),
      2.5,
      8,
      `1 per ${SIZING.ingesterMBps} MB/s (docs: 3-5) at RF=3; 2.5 CPU, 4-20 GB`,
      doc('2.10'),
    );
    put('query-frontend', tolerateLoss ? SIZING.queryFrontendHa : 1, 1, 2, '2 replicas for HA');
    put(
      'querier',
      ceil(T / SIZING.querierMBps),
      1,
      4,
      `1 per ${SIZING.querierMBps} MB/s (docs: 1-2); 4-20 GB`,
    );
    put(
      'compactor',
      ceil(T / SIZING.compactorMBps),
      1,
      4,
      `1 per ${SIZING.compactorMBps} MB/s (docs: 3-5); 1 CPU`,
    );
    return { partitions: 0, replicationFactor: SIZING.replicationFactor, rows };
  }
  const z = Math.max(1, Math.min(ZONE_NAMES.length, Math.round(zones)));
  const partitions = Math.min(
    LIMITS.kafkaPartitions.max,
    Math.floor(LIMITS.replicas.max / z),
    Math.max(3, ceil(T / SIZING.liveStoreMBps)),
  );
  put('block-builder', partitions, 0.5, 6, 'Exactly 1 per partition; 0.5 CPU, 5-10 GB', doc('3.0'));
  put(
    'live-store',
    partitions * z,
    1,
    6,
    `1 per partition per zone, a partition per ${SIZING.liveStoreMBps} MB/s (docs: 6-10); 1 CPU, 4-20 GB`,
    doc('3.0'),
  );
  put('query-frontend', tolerateLoss ? SIZING.queryFrontendHa : 1, 1, 2, '2 replicas for HA');
  put('querier', ceil(T / SIZING.querierMBps), 1, 4, `1 per ${SIZING.querierMBps} MB/s (docs: 1-2); 4-20 GB`);
  put('backend-scheduler', 1, 0.5, 2, 'Exactly 1; 0.5 CPU, 1-2 GB', doc('3.0'));
  put(
    'backend-worker',
    ceil(T / SIZING.backendWorkerMBps),
    0.5,
    2,
    `No published rate; 1 per ${SIZING.backendWorkerMBps} MB/s (a third of the 2.x compactor's load); 0.5 CPU, 1-2 GB`,
    doc('3.0'),
  );
  return { partitions, replicationFactor: SIZING.replicationFactor, rows };
}

/** Replicas the published rule asks for before clamping, to say "beyond one cluster". */
export function unclampedNeed(version: TempoVersion, mode: DeploymentMode, mbps: number): string | null {
  const T = Math.max(0, mbps);
  if (mode === 'monolithic' && T > 35)
    return `${T.toFixed(0)} MB/s is more than one process holds (the docs: about 25-35 MB/s)`;
  if (mode === 'monolithic' || mode === 'scalable-single-binary') {
    const n = ceil(T / SIZING.ingesterMBps);
    return n > LIMITS.replicas.max ? `the rule needs ${n} replicas, more than ${LIMITS.replicas.max}` : null;
  }
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
