/**
 * What Tempo is made of: the component catalog for each Tempo generation.
 * Facts (targets, ports, config blocks, chart keys, sizing) come from Tempo's config manifests
 * and the Helm charts' values files; see ../../README.md#sources.
 */

export const TEMPO_VERSIONS = ['2.10', '3.0'] as const;
export type TempoVersion = (typeof TEMPO_VERSIONS)[number];

export const DEPLOYMENT_MODES = ['monolithic', 'scalable-single-binary', 'microservices'] as const;
export type DeploymentMode = (typeof DEPLOYMENT_MODES)[number];

/** Components that run as Tempo processes (their kind is also their pod name prefix). */
export const PROCESS_KINDS = [
  'tempo',
  'distributor',
  'ingester',
  'query-frontend',
  'querier',
  'compactor',
  'metrics-generator',
  'block-builder',
  'live-store',
  'backend-scheduler',
  'backend-worker',
] as const;
export type ProcessKind = (typeof PROCESS_KINDS)[number];

/** Things on the graph that are not Tempo processes. */
export type ExternalKind = 'client' | 'grafana' | 'kafka' | 'object-storage' | 'ring';
export type ComponentKind = ProcessKind | ExternalKind;

/** Data paths an edge can carry. `ring` is membership (memberlist / ring heartbeats), not data. */
export type DataPath = 'write' | 'read' | 'compaction' | 'ring' | 'metrics';

export type Tier = 'source' | 'ingest' | 'buffer' | 'storage' | 'query' | 'backend' | 'coordination';

export interface Port {
  name: string;
  port: number;
}

export interface ResourceSpec {
  /** CPU limit in cores. */
  cpu: number;
  /** Memory limit in bytes. */
  memoryBytes: number;
}

export interface ComponentSpec {
  kind: ComponentKind;
  title: string;
  /** The value given to `-target=`; null for things Tempo does not run. */
  target: string | null;
  tier: Tier;
  /** One line: what it does. */
  role: string;
  /** A short paragraph for the inspector. */
  description: string;
  dataPaths: DataPath[];
  ports: Port[];
  /** Top-level block of tempo.yaml that configures it. */
  configBlock: string | null;
  /** Key that sets replicas in the chart used for this version (microservices). */
  helmReplicasKey: string | null;
  /** Tempo allows exactly one (backend-scheduler). */
  singleton?: boolean;
  defaultReplicas: number;
  defaultResources: ResourceSpec;
  /** Published sizing, in words. */
  sizing?: string;
}

export const GiB = 1024 ** 3;
export const MiB = 1024 ** 2;

const HTTP: Port = { name: 'http', port: 3200 };
const GRPC: Port = { name: 'grpc', port: 9095 };
const MEMBERLIST: Port = { name: 'memberlist', port: 7946 };

const base: Record<ComponentKind, Omit<ComponentSpec, 'helmReplicasKey'>> = {
  tempo: {
    kind: 'tempo',
    title: 'Tempo',
    target: 'all',
    tier: 'ingest',
    role: 'Every module in one process',
    description:
      'A single Tempo binary that runs all modules. Ingest, queries and compaction share its CPU and memory limit, so one can starve the others.',
    dataPaths: ['write', 'read', 'compaction', 'ring'],
    ports: [HTTP, GRPC, MEMBERLIST, { name: 'otlp-grpc', port: 4317 }, { name: 'otlp-http', port: 4318 }],
    configBlock: null,
    defaultReplicas: 1,
    defaultResources: { cpu: 2, memoryBytes: 4 * GiB },
    sizing:
      'Fits under about 25-35 MB/s (55k-80k spans/s); past that, memory pressure from collocated modules.',
  },
  distributor: {
    kind: 'distributor',
    title: 'Distributor',
    target: 'distributor',
    tier: 'ingest',
    role: 'Receives spans (OTLP, Jaeger, Zipkin) and routes them',
    description:
      'Accepts spans on the receivers, applies the per-tenant ingestion rate limit (refusing with RESOURCE_EXHAUSTED above it) and hashes each trace ID to decide where it goes.',
    dataPaths: ['write', 'ring', 'metrics'],
    ports: [HTTP, GRPC, { name: 'otlp-grpc', port: 4317 }, { name: 'otlp-http', port: 4318 }],
    configBlock: 'distributor',
    defaultReplicas: 2,
    defaultResources: { cpu: 2, memoryBytes: 2 * GiB },
    sizing: '1 replica per 10 MB/s received; 2 CPU, 2 GB.',
  },
  ingester: {
    kind: 'ingester',
    title: 'Ingester',
    target: 'ingester',
    tier: 'ingest',
    role: 'Holds recent traces, writes the WAL and flushes blocks',
    description:
      'Owns tokens on the ingester ring. Keeps live traces in memory until trace_idle_period, appends them to the head block and WAL, cuts blocks at max_block_duration or max_block_bytes and flushes complete blocks to object storage. Answers queries for recent data.',
    dataPaths: ['write', 'read', 'ring'],
    ports: [HTTP, GRPC, MEMBERLIST],
    configBlock: 'ingester',
    defaultReplicas: 3,
    defaultResources: { cpu: 2.5, memoryBytes: 8 * GiB },
    sizing: '1 replica per 3-5 MB/s; 2.5 CPU; 4-20 GB depending on trace composition.',
  },
  'query-frontend': {
    kind: 'query-frontend',
    title: 'Query frontend',
    target: 'query-frontend',
    tier: 'query',
    role: 'Splits queries into jobs and queues them for queriers',
    description:
      'Shards searches and TraceQL metrics queries into jobs by time range and block, queues them per tenant (max_outstanding_per_tenant) and merges the results.',
    dataPaths: ['read'],
    ports: [HTTP, GRPC],
    configBlock: 'query_frontend',
    defaultReplicas: 2,
    defaultResources: { cpu: 1, memoryBytes: 2 * GiB },
    sizing: '2 replicas for high availability.',
  },
  querier: {
    kind: 'querier',
    title: 'Querier',
    target: 'querier',
    tier: 'query',
    role: 'Runs query jobs against recent data and object storage',
    description:
      'Pulls jobs from the query frontend (querier.frontend_worker.frontend_address), at most max_concurrent_queries at a time, and reads recent data from ingesters or live-stores and older blocks from object storage.',
    dataPaths: ['read'],
    ports: [HTTP, GRPC],
    configBlock: 'querier',
    defaultReplicas: 2,
    defaultResources: { cpu: 1, memoryBytes: 4 * GiB },
    sizing: '1 replica per 1-2 MB/s received; 4-20 GB.',
  },
  compactor: {
    kind: 'compactor',
    title: 'Compactor',
    target: 'compactor',
    tier: 'backend',
    role: 'Merges small blocks and applies retention',
    description:
      'Combines blocks in object storage into fewer, larger ones so queries open fewer objects, and deletes blocks older than compaction.block_retention.',
    dataPaths: ['compaction', 'ring'],
    ports: [HTTP, GRPC, MEMBERLIST],
    configBlock: 'compactor',
    defaultReplicas: 1,
    defaultResources: { cpu: 1, memoryBytes: 4 * GiB },
    sizing: '1 replica per 3-5 MB/s; 1 CPU (I/O bound); 4-20 GB.',
  },
  'metrics-generator': {
    kind: 'metrics-generator',
    title: 'Metrics generator',
    target: 'metrics-generator',
    tier: 'ingest',
    role: 'Derives span metrics and service graphs',
    description:
      'Receives a copy of the spans and produces RED metrics and service graphs, remote-written to Prometheus. Optional.',
    dataPaths: ['metrics', 'ring'],
    ports: [HTTP, GRPC],
    configBlock: 'metrics_generator',
    defaultReplicas: 1,
    defaultResources: { cpu: 1, memoryBytes: 4 * GiB },
  },
  'block-builder': {
    kind: 'block-builder',
    title: 'Block builder',
    target: 'block-builder',
    tier: 'ingest',
    role: 'Consumes a Kafka partition and writes blocks to object storage',
    description:
      'Each replica consumes its assigned Kafka partitions every consume_cycle_duration and writes complete blocks to object storage. One replica per partition.',
    dataPaths: ['write'],
    ports: [HTTP, GRPC],
    configBlock: 'block_builder',
    defaultReplicas: 3,
    defaultResources: { cpu: 0.5, memoryBytes: 6 * GiB },
    sizing: '1 replica per partition; 0.5 CPU; 5-10 GB.',
  },
  'live-store': {
    kind: 'live-store',
    title: 'Live store',
    target: 'live-store',
    tier: 'ingest',
    role: 'Consumes Kafka and serves recent data to queriers',
    description:
      'Consumes its partition from Kafka and keeps recent traces (max_trace_live, max_block_duration) so they can be queried before block-builders have written them. Queries for recent data fail while it lags (fail_on_high_lag).',
    dataPaths: ['write', 'read', 'ring'],
    ports: [HTTP, GRPC, MEMBERLIST],
    configBlock: 'live_store',
    defaultReplicas: 3,
    defaultResources: { cpu: 1, memoryBytes: 6 * GiB },
    sizing: '1 replica per 6-10 MB/s; 1 CPU; 4-20 GB.',
  },
  'backend-scheduler': {
    kind: 'backend-scheduler',
    title: 'Backend scheduler',
    target: 'backend-scheduler',
    tier: 'backend',
    role: 'Plans compaction and retention jobs',
    description:
      'Measures the blocklist, creates compaction and retention jobs and hands them to backend-workers. Exactly one runs.',
    dataPaths: ['compaction'],
    ports: [HTTP, GRPC],
    configBlock: 'backend_scheduler',
    singleton: true,
    defaultReplicas: 1,
    defaultResources: { cpu: 0.5, memoryBytes: 2 * GiB },
    sizing: 'Exactly 1; 0.5 CPU; 1-2 GB.',
  },
  'backend-worker': {
    kind: 'backend-worker',
    title: 'Backend worker',
    target: 'backend-worker',
    tier: 'backend',
    role: 'Runs compaction and retention jobs',
    description:
      'Asks the backend-scheduler (backend_worker.backend_scheduler_addr) for jobs and compacts blocks in object storage.',
    dataPaths: ['compaction', 'ring'],
    ports: [HTTP, GRPC],
    configBlock: 'backend_worker',
    defaultReplicas: 2,
    defaultResources: { cpu: 0.5, memoryBytes: 2 * GiB },
    sizing: '0.5 CPU; 1-2 GB.',
  },
  client: {
    kind: 'client',
    title: 'Instrumented apps',
    target: null,
    tier: 'source',
    role: 'SDKs and collectors sending spans over OTLP',
    description:
      'Applications and OpenTelemetry collectors. They retry refused pushes from a bounded queue; what overflows the queue is dropped.',
    dataPaths: ['write'],
    ports: [],
    configBlock: null,
    defaultReplicas: 1,
    defaultResources: { cpu: 0, memoryBytes: 0 },
  },
  grafana: {
    kind: 'grafana',
    title: 'Grafana',
    target: null,
    tier: 'source',
    role: 'Issues TraceQL searches and trace lookups',
    description: 'Users and dashboards querying Tempo through the query frontend on port 3200.',
    dataPaths: ['read'],
    ports: [],
    configBlock: null,
    defaultReplicas: 1,
    defaultResources: { cpu: 0, memoryBytes: 0 },
  },
  kafka: {
    kind: 'kafka',
    title: 'Kafka',
    target: null,
    tier: 'buffer',
    role: 'Durable buffer between distributors and consumers',
    description:
      'Distributors produce spans to the topic (ingest.kafka.topic); block-builders, live-stores and metrics-generators consume partitions at their own pace. Acknowledged spans survive any consumer crash.',
    dataPaths: ['write', 'metrics'],
    ports: [{ name: 'kafka', port: 9092 }],
    configBlock: 'ingest',
    defaultReplicas: 1,
    defaultResources: { cpu: 0, memoryBytes: 0 },
  },
  'object-storage': {
    kind: 'object-storage',
    title: 'Object storage',
    target: null,
    tier: 'storage',
    role: 'Long-term home of trace blocks',
    description:
      'Blocks in vParquet4 format on S3, GCS, Azure Blob or a local filesystem (storage.trace.backend). Queriers read older data here; compaction rewrites it.',
    dataPaths: ['write', 'read', 'compaction'],
    ports: [],
    configBlock: 'storage',
    defaultReplicas: 1,
    defaultResources: { cpu: 0, memoryBytes: 0 },
  },
  ring: {
    kind: 'ring',
    title: 'Hash ring',
    target: null,
    tier: 'coordination',
    role: 'Memberlist gossip and token ownership',
    description:
      'Members gossip over memberlist (port 7946) and publish tokens. The distributor hashes each trace ID onto the ring and writes to replication_factor owners.',
    dataPaths: ['ring'],
    ports: [MEMBERLIST],
    configBlock: 'memberlist',
    defaultReplicas: 1,
    defaultResources: { cpu: 0, memoryBytes: 0 },
  },
};

/** Chart keys for replicas: tempo-distributed 1.x (Tempo 2.x) and 3.x (Tempo 3.0). */
const helmReplicaKeys: Record<TempoVersion, Partial<Record<ComponentKind, string>>> = {
  '2.10': {
    tempo: 'replicas',
    distributor: 'distributor.replicas',
    ingester: 'ingester.replicas',
    'query-frontend': 'queryFrontend.replicas',
    querier: 'querier.replicas',
    compactor: 'compactor.replicas',
    'metrics-generator': 'metricsGenerator.replicas',
  },
  '3.0': {
    tempo: 'replicas',
    distributor: 'distributor.replicas',
    'query-frontend': 'queryFrontend.replicas',
    querier: 'querier.replicas',
    'metrics-generator': 'metricsGenerator.replicas',
    'block-builder': 'blockBuilder.replicas',
    'live-store': 'liveStore.replicas',
    'backend-scheduler': 'backendScheduler.enabled',
    'backend-worker': 'backendWorker.replicas',
  },
};

/** Targets Tempo accepts at each version (from the manifests and Tempo's module list). */
export const VALID_TARGETS: Record<TempoVersion, readonly string[]> = {
  '2.10': [
    'all',
    'scalable-single-binary',
    'distributor',
    'ingester',
    'querier',
    'query-frontend',
    'compactor',
    'metrics-generator',
    'block-builder',
    'backend-scheduler',
    'backend-worker',
    'live-store',
  ],
  '3.0': [
    'all',
    'distributor',
    'querier',
    'query-frontend',
    'metrics-generator',
    'block-builder',
    'backend-scheduler',
    'backend-worker',
    'live-store',
  ],
};

/** Modules running inside one `-target=all` process. */
export const MONOLITH_MODULES: Record<TempoVersion, readonly ProcessKind[]> = {
  '2.10': ['distributor', 'ingester', 'query-frontend', 'querier', 'compactor', 'metrics-generator'],
  '3.0': [
    'distributor',
    'live-store',
    'query-frontend',
    'querier',
    'backend-scheduler',
    'backend-worker',
    'metrics-generator',
  ],
};

export function componentSpec(version: TempoVersion, kind: ComponentKind): ComponentSpec {
  const spec = base[kind];
  const helmReplicasKey = helmReplicaKeys[version][kind] ?? null;
  return { ...spec, helmReplicasKey };
}

/** Whether a process kind exists as its own target in that Tempo version. */
export function hasTarget(version: TempoVersion, kind: ProcessKind): boolean {
  const target = base[kind].target;
  return target !== null && VALID_TARGETS[version].includes(target);
}

/**
 * Received span bytes per stored byte once written as compressed Parquet blocks: an assumption of
 * this app (measure yours), the one figure the capacity planner's default and the exports' volume
 * sizes share.
 */
export const COMPRESSION_RATIO = 4;

export const HELM_CHARTS = {
  monolithic: { name: 'tempo', version: '2.2.4', appVersion: '2.10.8', repo: 'grafana-community' },
  distributed3: {
    name: 'tempo-distributed',
    version: '3.3.0',
    appVersion: '3.0.3',
    repo: 'grafana-community',
  },
  distributed1: { name: 'tempo-distributed', version: '1.61.3', appVersion: '2.9', repo: 'grafana' },
} as const;
