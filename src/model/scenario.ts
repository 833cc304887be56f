/**
 * The scenario: one versioned JSON document that describes a Tempo deployment, its load and
 * its seed. It travels in share links, saved files and the CLIs, so everything that reads one
 * goes through `parseScenario`.
 */
import * as z from 'zod/mini';
import {
  componentSpec,
  DEPLOYMENT_MODES,
  type DeploymentMode,
  GiB,
  MONOLITH_MODULES,
  PROCESS_KINDS,
  type ProcessKind,
  TEMPO_VERSIONS,
  type TempoVersion,
} from './catalog';
import { measuredSchema } from './measured';
import { zodMessage } from './zodMessages';

export const SCHEMA_VERSION = 1;

export const LIMITS = {
  replicas: { min: 1, max: 500 },
  cpu: { min: 0.1, max: 256 },
  memoryBytes: { min: 64 * 1024 ** 2, max: 4096 * GiB },
  spansPerSecond: { min: 0, max: 20_000_000 },
  spanSizeBytes: { min: 50, max: 1_000_000 },
  spansPerTrace: { min: 1, max: 100_000 },
  queriesPerSecond: { min: 0, max: 10_000 },
  queryRangeMinutes: { min: 1, max: 60 * 24 * 30 },
  traceSizeSigma: { min: 0, max: 2.5 },
  kafkaPartitions: { min: 1, max: 1000 },
  replicationFactor: { min: 1, max: 5 },
  /** Persistent volume of a stateful process: 100 MiB to 64 TiB. */
  volumeBytes: { min: 100 * 1024 ** 2, max: 64 * 1024 * GiB },
  /** Kafka topic retention (retention.ms), in hours: 1 minute to a year. */
  kafkaRetentionHours: { min: 1 / 60, max: 24 * 365 },
  /** max_block_duration of the ingester (2.10) or live-store (3.0), in seconds. */
  maxBlockDurationSeconds: { min: 1, max: 24 * 3600 },
  /** complete_block_timeout of the ingester (2.10) or live-store (3.0), in seconds. */
  completeBlockTimeoutSeconds: { min: 60, max: 7 * 24 * 3600 },
} as const;

// zod/mini keeps the first page load small; messages in plain English from a small map of our own.
z.config({ localeError: zodMessage });

/** zod 4's number() refuses NaN and Infinity (the tests check every numeric field for it). */
const bounded = (l: { min: number; max: number }) => z.number().check(z.gte(l.min), z.lte(l.max));
const int = (l: { min: number; max: number }) => z.int().check(z.gte(l.min), z.lte(l.max));

/** How many entries a list or map in a scenario may hold (checked before any entry is validated). */
export const MAX_SCHEDULED_EVENTS = 200;
/** Node positions: one per drawn node; 500 replicas of every kind stay well below this. */
export const MAX_LAYOUT_ENTRIES = 10_000;
/** A scenario's JSON text longer than this is refused before parsing (a real one is a few KB). */
export const MAX_SCENARIO_JSON_CHARS = 2_000_000;

/**
 * Kinds a scenario may scale to 0 replicas, as Tempo runs them: backend-workers (their StatefulSet at
 * 0 in the jsonnet or tempo-distributed). The backend-scheduler then hands its compaction and
 * retention jobs to nobody (modules/backendworker at v3.0.3 runs both kinds): nothing compacts and
 * nothing is deleted. Every other component needs at least one replica to be the cluster it names.
 */
export const ZERO_REPLICA_KINDS: readonly ProcessKind[] = ['backend-worker'];

/** The fewest replicas a kind may have in a scenario. */
export function minReplicasOf(kind: ProcessKind): number {
  return ZERO_REPLICA_KINDS.includes(kind) ? 0 : LIMITS.replicas.min;
}

export const componentConfigSchema = z.object({
  /** At least LIMITS.replicas.min, or 0 for ZERO_REPLICA_KINDS (checked with the scenario). */
  replicas: int({ min: 0, max: LIMITS.replicas.max }),
  cpu: bounded(LIMITS.cpu),
  memoryBytes: bounded(LIMITS.memoryBytes),
  /**
   * Size of the process's data volume (PVC) in bytes, for the stateful kinds (`STATEFUL_KINDS`):
   * the WAL, the head block and the complete blocks waiting for their flush live there. Absent: the
   * charts' default (`defaultVolumeBytes`). Ignored for stateless kinds.
   */
  volumeBytes: z.optional(bounded(LIMITS.volumeBytes)),
});
export type ComponentConfig = z.infer<typeof componentConfigSchema>;

export const loadSchema = z.object({
  spansPerSecond: bounded(LIMITS.spansPerSecond),
  spanSizeBytes: bounded(LIMITS.spanSizeBytes),
  spansPerTrace: bounded(LIMITS.spansPerTrace),
  queriesPerSecond: bounded(LIMITS.queriesPerSecond),
  queryRangeMinutes: bounded(LIMITS.queryRangeMinutes),
  /** Spread of trace sizes (log-normal sigma): 0 every trace alike, 1.5 a heavy tail. Absent: 0. */
  traceSizeSigma: z.optional(bounded(LIMITS.traceSizeSigma)),
});
export type Load = z.infer<typeof loadSchema>;

export const STORAGE_BACKENDS = ['local', 's3', 'gcs', 'azure'] as const;
export type StorageBackend = (typeof STORAGE_BACKENDS)[number];

/** Free text chosen by people: exporters escape it, so any character is allowed. */
const nameSchema = z.string().check(z.maxLength(200));

export const START_STATES = ['steady', 'fresh'] as const;
export type StartState = (typeof START_STATES)[number];

// ---- Per-tenant limits and read-path windows (issue 17, item 9). Kept in one block.
/**
 * What an operator turns in `overrides.defaults` and `query_frontend.search`, by Tempo's own key:
 * absent, each is the version's default (`defaultTenantLimits`). 0 disables a per-tenant limit, as in Tempo.
 */
export const tenantLimitsSchema = z.object({
  /** overrides.defaults.ingestion.max_traces_per_user: live traces per ingester or live-store (local). */
  maxTracesPerUser: z.optional(int({ min: 0, max: 100_000_000 })),
  /** overrides.defaults.global.max_bytes_per_trace. */
  maxBytesPerTrace: z.optional(int({ min: 0, max: 1_000_000_000 })),
  /** query_frontend.search.query_backend_after, seconds. */
  queryBackendAfterSeconds: z.optional(int({ min: 0, max: 7 * 24 * 3600 })),
  /**
   * query_frontend.search.query_ingesters_until, seconds. 2.10 only: a 3.0 frontend asks the live-stores
   * for the last query_backend_after (modules/frontend/search_sharder.go at v3.0.3).
   */
  queryIngestersUntilSeconds: z.optional(int({ min: 0, max: 7 * 24 * 3600 })),
});
export type TenantLimits = z.infer<typeof tenantLimitsSchema>;

// defaultTenantLimits and tenantLimits are in model/limits.ts, out of the first page load.
// ---- end of the per-tenant limits block

export const settingsSchema = z.object({
  replicationFactor: int(LIMITS.replicationFactor),
  kafkaPartitions: int(LIMITS.kafkaPartitions),
  storageBackend: z.enum(STORAGE_BACKENDS),
  bucket: nameSchema,
  metricsGenerator: z.boolean(),
  /** 2.10 microservices only: compactor, or backend-scheduler + backend-workers (since 2.8). */
  compaction: z.enum(['compactor', 'backend-scheduler']),
  retentionHours: bounded({ min: 1, max: 24 * 365 * 10 }),
  /** Per-tenant ingestion limits; absent means Tempo's default for the version. */
  rateLimitBytes: z.optional(bounded({ min: 1, max: 1e12 })),
  burstSizeBytes: z.optional(bounded({ min: 1, max: 1e12 })),
  /** Per-tenant limits and read-path windows (`tenantLimitsSchema`); absent: the version's defaults. */
  limits: z.optional(tenantLimitsSchema),
  /**
   * How a simulation starts: `steady` holds its retention of blocks in object storage and the working
   * set an ingester or live-store keeps at this load; `fresh` is a cluster just installed. Absent in
   * documents written before it existed, which started fresh.
   */
  start: z.optional(z.enum(START_STATES)),
  /**
   * overrides.defaults.compaction.compaction_disabled: a 3.0 deployment running beside 2.x compactors
   * during a migration must not compact (only one compaction system may write to the bucket).
   */
  compactionDisabled: z.optional(z.boolean()),
  /**
   * 3.0: how long Kafka keeps a record (the topic's retention.ms), in hours. A consumer lagging
   * further behind than this has lost the records in between. Absent: `DEFAULT_KAFKA_RETENTION_HOURS`.
   */
  kafkaRetentionHours: z.optional(bounded(LIMITS.kafkaRetentionHours)),
  /**
   * `ingester.max_block_duration` (2.10) or `live_store.max_block_duration` (3.0), seconds: the head
   * block is cut at this age. Absent: the version's default (`blockTimings`).
   */
  maxBlockDurationSeconds: z.optional(bounded(LIMITS.maxBlockDurationSeconds)),
  /**
   * `ingester.complete_block_timeout` (2.10) or `live_store.complete_block_timeout` (3.0), seconds: a
   * flushed block stays on the local volume (and answers recent queries) this long. Absent: the
   * version's default (`blockTimings`).
   */
  completeBlockTimeoutSeconds: z.optional(bounded(LIMITS.completeBlockTimeoutSeconds)),
  receivers: z.object({
    otlpGrpc: z.boolean(),
    otlpHttp: z.boolean(),
    jaeger: z.boolean(),
    zipkin: z.boolean(),
  }),
});
export type Settings = z.infer<typeof settingsSchema>;

export const EVENT_KINDS = ['kill', 'storage-outage', 'kafka-outage', 'spike', 'zone-outage'] as const;
/** Availability zones of 3.0 live-stores, as Tempo's own 3.0 example names them. */
export const ZONE_NAMES = ['zone-a', 'zone-b', 'zone-c'] as const;
export const scheduledEventSchema = z.object({
  at: bounded({ min: 0, max: 7 * 24 * 3600 }),
  kind: z.enum(EVENT_KINDS),
  instance: z.optional(z.string().check(z.maxLength(100))),
  durationSeconds: z.optional(bounded({ min: 0, max: 24 * 3600 })),
  factor: z.optional(bounded({ min: 1, max: 1000 })),
  /** zone-outage: which live-store zone (0 = zone-a). */
  zone: z.optional(int({ min: 0, max: ZONE_NAMES.length - 1 })),
});
export type ScheduledEvent = z.infer<typeof scheduledEventSchema>;

const positionSchema = z.object({ x: bounded({ min: -1e6, max: 1e6 }), y: bounded({ min: -1e6, max: 1e6 }) });

export const scenarioSchema = z.object({
  schemaVersion: z.literal(SCHEMA_VERSION),
  name: nameSchema,
  tempoVersion: z.enum(TEMPO_VERSIONS),
  mode: z.enum(DEPLOYMENT_MODES),
  components: z.partialRecord(z.enum(PROCESS_KINDS), componentConfigSchema).check(
    z.refine(
      (c) =>
        Object.entries(c).every(
          ([kind, config]) => !config || config.replicas >= minReplicasOf(kind as ProcessKind),
        ),
      {
        message: `replicas must be at least ${LIMITS.replicas.min}; only backend-workers can be scaled to 0`,
      },
    ),
  ),
  settings: settingsSchema,
  load: loadSchema,
  events: z.array(scheduledEventSchema).check(z.maxLength(MAX_SCHEDULED_EVENTS)),
  seed: int({ min: 0, max: 2 ** 32 - 1 }),
  /** Node positions the user dragged, by node id. */
  layout: z.optional(z.record(z.string().check(z.maxLength(100)), positionSchema)),
  /** What the team measured on its own cluster ("Measure your cluster"), beside the model's figures. */
  measured: z.optional(measuredSchema),
});
export type Scenario = z.infer<typeof scenarioSchema>;

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** Turn zod issues into lines a person can act on: `load.spansPerSecond: must be at most 20000000`. */
export function describeZodError(error: z.core.$ZodError): string[] {
  return error.issues.slice(0, 20).map((issue) => {
    const path = issue.path.length ? issue.path.join('.') : '(document)';
    const line = `${path}: ${issue.message}`;
    // An issue can quote the input (every unrecognized key): keep each line readable.
    return line.length > 300 ? `${line.slice(0, 300)}…` : line;
  });
}

/**
 * Refuse a list or map by its size before zod validates its entries: a document with 100,000 bad
 * entries gets one message instead of 100,000 issues (which overflowed the call stack).
 */
function oversizedCollection(input: unknown): string | null {
  if (typeof input !== 'object' || input === null) return null;
  const { events, layout } = input as { events?: unknown; layout?: unknown };
  if (Array.isArray(events) && events.length > MAX_SCHEDULED_EVENTS)
    return `events: holds more than ${MAX_SCHEDULED_EVENTS} events`;
  if (typeof layout === 'object' && layout !== null && Object.keys(layout).length > MAX_LAYOUT_ENTRIES)
    return `layout: holds more than ${MAX_LAYOUT_ENTRIES} node positions`;
  return null;
}

/** Validate anything from outside (JSON of a share link, a file, localStorage). Never throws. */
export function parseScenario(input: unknown): ParseResult<Scenario> {
  if (typeof input === 'object' && input !== null && 'schemaVersion' in input) {
    const v = (input as { schemaVersion: unknown }).schemaVersion;
    if (typeof v === 'number' && v > SCHEMA_VERSION) {
      return {
        ok: false,
        errors: [`schemaVersion ${v} is newer than this app understands (${SCHEMA_VERSION}); update the app`],
      };
    }
  }
  const oversized = oversizedCollection(input);
  if (oversized) return { ok: false, errors: [oversized] };
  let result: ReturnType<typeof scenarioSchema.safeParse>;
  try {
    result = scenarioSchema.safeParse(input);
  } catch (e) {
    // Sizes are capped in the schema; this is the last guard of "never throws".
    return { ok: false, errors: [`the document could not be checked (${(e as Error).message})`] };
  }
  if (!result.success) return { ok: false, errors: describeZodError(result.error) };
  return { ok: true, value: normalizeScenario(result.data) };
}

/** The process kinds a version x mode runs as separate targets. */
export function processKinds(version: TempoVersion, mode: DeploymentMode, settings: Settings): ProcessKind[] {
  if (mode !== 'microservices') return ['tempo'];
  const kinds: ProcessKind[] = ['distributor'];
  if (version === '2.10') {
    kinds.push('ingester', 'query-frontend', 'querier');
    if (settings.compaction === 'compactor') kinds.push('compactor');
    else kinds.push('backend-scheduler', 'backend-worker');
  } else {
    kinds.push(
      'block-builder',
      'live-store',
      'query-frontend',
      'querier',
      'backend-scheduler',
      'backend-worker',
    );
  }
  if (settings.metricsGenerator) kinds.push('metrics-generator');
  return kinds;
}

/** Modules inside one single-binary process for this scenario. */
export function monolithModules(version: TempoVersion, settings: Settings): ProcessKind[] {
  return MONOLITH_MODULES[version].filter((k) => k !== 'metrics-generator' || settings.metricsGenerator);
}

export function defaultComponentConfig(version: TempoVersion, kind: ProcessKind): ComponentConfig {
  const spec = componentSpec(version, kind);
  return { replicas: spec.defaultReplicas, ...spec.defaultResources };
}

export function defaultSettings(version: TempoVersion, mode: DeploymentMode): Settings {
  return {
    replicationFactor: mode === 'monolithic' ? 1 : 3,
    kafkaPartitions: 3,
    storageBackend: mode === 'monolithic' ? 'local' : 's3',
    bucket: 'tempo-traces',
    metricsGenerator: false,
    compaction: 'compactor',
    retentionHours: version === '2.10' ? 336 : 336,
    start: 'steady',
    receivers: { otlpGrpc: true, otlpHttp: true, jaeger: false, zipkin: false },
  };
}

export const DEFAULT_LOAD: Load = {
  spansPerSecond: 10_000,
  spanSizeBytes: 500,
  spansPerTrace: 20,
  traceSizeSigma: 0.5,
  queriesPerSecond: 1,
  queryRangeMinutes: 60,
};

export function createScenario(
  version: TempoVersion = '2.10',
  mode: DeploymentMode = 'microservices',
): Scenario {
  const settings = defaultSettings(version, mode);
  const s: Scenario = {
    schemaVersion: SCHEMA_VERSION,
    name: `Tempo ${version} ${mode}`,
    tempoVersion: version,
    mode,
    components: {},
    settings,
    load: { ...DEFAULT_LOAD },
    events: [],
    seed: 42,
  };
  return normalizeScenario(s);
}

/**
 * Fill in a config for every process kind the scenario runs (keeping what it has for others, so
 * switching modes back and forth keeps the user's numbers) and hold the replica rules Tempo has:
 * SSB has at least 2 replicas in this app's model, `all` on 3.0 runs exactly one.
 */
export function normalizeScenario(s: Scenario): Scenario {
  const components = { ...s.components };
  for (const kind of processKinds(s.tempoVersion, s.mode, s.settings)) {
    if (!components[kind]) {
      const c = defaultComponentConfig(s.tempoVersion, kind);
      if (kind === 'tempo' && s.mode === 'scalable-single-binary') c.replicas = 3;
      if (kind === 'block-builder' || kind === 'live-store') c.replicas = s.settings.kafkaPartitions;
      components[kind] = c;
    }
  }
  return { ...s, components };
}

/** Mean and 99th percentile of trace bytes for a load (what the load sliders describe). */
export function traceSizes(load: {
  spanSizeBytes: number;
  spansPerTrace: number;
  traceSizeSigma?: number | undefined;
}): { mean: number; p99: number } {
  const mean = load.spanSizeBytes * Math.max(1, load.spansPerTrace);
  const sigma = load.traceSizeSigma ?? 0;
  return { mean, p99: mean * Math.exp(2.326 * sigma - (sigma * sigma) / 2) };
}

/** Instance (pod) names of a process kind: ingester-0, ingester-1, ... */
export function instanceNames(kind: ProcessKind, replicas: number): string[] {
  return Array.from({ length: replicas }, (_, i) => `${kind}-${i}`);
}

/** All Tempo process instances the scenario runs, in a stable order. */
export function scenarioInstances(
  s: Scenario,
): { name: string; kind: ProcessKind; config: ComponentConfig }[] {
  const out: { name: string; kind: ProcessKind; config: ComponentConfig }[] = [];
  for (const kind of processKinds(s.tempoVersion, s.mode, s.settings)) {
    const config = s.components[kind] ?? defaultComponentConfig(s.tempoVersion, kind);
    for (const name of instanceNames(kind, config.replicas)) out.push({ name, kind, config });
  }
  return out;
}

/** Switch version or mode the way a user expects: the new pair's defaults where it differs. */
export function switchDeployment(s: Scenario, version: TempoVersion, mode: DeploymentMode): Scenario {
  const prevDefaults = defaultSettings(s.tempoVersion, s.mode);
  const nextDefaults = defaultSettings(version, mode);
  const settings = { ...s.settings };
  // Carry over settings the user changed; move the ones still at the old pair's default.
  if (settings.storageBackend === prevDefaults.storageBackend)
    settings.storageBackend = nextDefaults.storageBackend;
  if (settings.replicationFactor === prevDefaults.replicationFactor)
    settings.replicationFactor = nextDefaults.replicationFactor;
  const components = { ...s.components };
  if (
    mode !== s.mode &&
    (mode === 'monolithic' || s.mode === 'monolithic' || mode === 'scalable-single-binary')
  ) {
    delete components.tempo;
  }
  const sameName = s.name === `Tempo ${s.tempoVersion} ${s.mode}`;
  return normalizeScenario({
    ...s,
    name: sameName ? `Tempo ${version} ${mode}` : s.name,
    tempoVersion: version,
    mode,
    settings,
    components,
    layout: undefined,
  });
}

/**
 * Live-store zones (3.0): live-stores run one per partition in each zone, so the zones follow from the
 * counts: 6 live-stores over 3 partitions are 2 zones. A count that is not a multiple is one zone.
 */
export function liveStoreZones(s: Pick<Scenario, 'settings' | 'components'>): number {
  const p = s.settings.kafkaPartitions;
  const ls = s.components['live-store']?.replicas ?? p;
  return ls > p && ls % p === 0 ? Math.min(ZONE_NAMES.length, ls / p) : 1;
}

/** What a version x mode pair has, for the controls that only make sense with it. */
export function deploymentFeatures(s: Pick<Scenario, 'tempoVersion' | 'mode'>) {
  const supported = !(s.tempoVersion === '3.0' && s.mode === 'scalable-single-binary');
  return {
    supported,
    /** 2.x ingester ring with replication_factor (SSB and microservices). */
    ingesterRing: supported && s.tempoVersion === '2.10' && s.mode !== 'monolithic',
    /** 3.0 microservices write through Kafka. */
    kafka: s.tempoVersion === '3.0' && s.mode === 'microservices',
    /** 2.10 microservices choose compactor or backend scheduler + workers. */
    compactionChoice: s.tempoVersion === '2.10' && s.mode === 'microservices',
    /** `-target` of the single-binary process, or null for microservices. */
    singleBinaryTarget: s.mode === 'monolithic' ? 'all' : s.mode === 'scalable-single-binary' ? s.mode : null,
  };
}
