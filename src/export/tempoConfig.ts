/**
 * tempo.yaml for a scenario: a typed object emitted with the `yaml` library, comments on the
 * non-obvious settings. Microservices get one shared config plus the `-target` of each process.
 */
import { Document, isMap, isPair, isScalar, type YAMLMap } from 'yaml';
import { envsubstLiteral } from '../model/envsubst';
import { defaultRateLimit, defaultTenantLimits, tenantLimits } from '../model/limits';
import { defaultComponentConfig, processKinds, type Scenario } from '../model/scenario';
import {
  ENV,
  type Endpoints,
  envRef,
  KAFKA_TOPIC,
  kubernetesEndpoints,
  partitionsPerBlockBuilder,
} from './deploy';
import { commentText, emitYaml } from './yaml';

export type Tree = { [key: string]: Tree | Tree[] | string | number | boolean | string[] | null | undefined };

export interface ProcessTarget {
  component: string;
  target: string;
  replicas: number;
  args: string[];
}

export interface TempoConfigExport {
  /** The config as a plain object (what Tempo parses). */
  config: Tree;
  yaml: string;
  /** How to run it: one entry for a single binary, one per component for microservices. */
  processes: ProcessTarget[];
}

const STORAGE_DEFAULTS = { wal: '/var/tempo/wal', local: '/var/tempo/traces' };

/**
 * storage.trace: credentials never in the file, always `${ENV}` read with -config.expand-env=true.
 * The bucket is the user's text, so it is escaped for that expansion: a bucket `${TEMPO_S3_SECRET_KEY}`
 * stays that text and never becomes the secret (the tempo.yaml, the Helm `config` and the
 * tempo-distributed `storage` block all reach Tempo through it).
 */
export function storageBlock(s: Scenario, e: Endpoints): Tree {
  const backend = s.settings.storageBackend;
  const bucket = envsubstLiteral(s.settings.bucket);
  const trace: Tree = { backend, wal: { path: STORAGE_DEFAULTS.wal } };
  if (backend === 'local') trace.local = { path: STORAGE_DEFAULTS.local };
  if (backend === 's3') {
    const s3: Tree = { bucket, endpoint: e.s3Endpoint };
    if (!e.s3Insecure) s3.region = envRef(ENV.s3Region);
    s3.access_key = envRef(ENV.s3AccessKey);
    s3.secret_key = envRef(ENV.s3SecretKey);
    if (e.s3Insecure) s3.insecure = true;
    trace.s3 = s3;
  }
  if (backend === 'gcs') trace.gcs = { bucket_name: bucket };
  if (backend === 'azure')
    trace.azure = {
      container_name: bucket,
      storage_account_name: envRef(ENV.azureAccount),
      storage_account_key: envRef(ENV.azureKey),
    };
  return { trace };
}

function receivers(s: Scenario): Tree {
  const r = s.settings.receivers;
  const out: Tree = {};
  const otlp: Tree = {};
  if (r.otlpGrpc) otlp.grpc = { endpoint: '0.0.0.0:4317' };
  if (r.otlpHttp) otlp.http = { endpoint: '0.0.0.0:4318' };
  if (Object.keys(otlp).length) out.otlp = { protocols: otlp };
  if (r.jaeger)
    out.jaeger = {
      protocols: { grpc: { endpoint: '0.0.0.0:14250' }, thrift_http: { endpoint: '0.0.0.0:14268' } },
    };
  if (r.zipkin) out.zipkin = { endpoint: '0.0.0.0:9411' };
  return out;
}

export const hours = (h: number) => `${Math.round(h)}h`;

/** A fresh object each time: a shared one would be emitted as a YAML anchor and alias. */
const memberlistRing = (): Tree => ({ kvstore: { store: 'memberlist' } });

/** overrides.defaults the scenario changes from Tempo's defaults (nested format). */
export function overridesDefaults(s: Scenario): Tree | undefined {
  const limits = defaultRateLimit(s.tempoVersion);
  const ingestion: Tree = {};
  if (s.settings.rateLimitBytes !== undefined && s.settings.rateLimitBytes !== limits.rateLimitBytes)
    ingestion.rate_limit_bytes = Math.round(s.settings.rateLimitBytes);
  if (s.settings.burstSizeBytes !== undefined && s.settings.burstSizeBytes !== limits.burstSizeBytes)
    ingestion.burst_size_bytes = Math.round(s.settings.burstSizeBytes);
  // Per-tenant limits the scenario sets (settings.limits), where they differ from the version's default.
  const set = s.settings.limits ?? {};
  const d = defaultTenantLimits(s.tempoVersion);
  if (set.maxTracesPerUser !== undefined && set.maxTracesPerUser !== d.maxTracesPerUser)
    ingestion.max_traces_per_user = set.maxTracesPerUser;
  const defaults: Tree = {};
  if (Object.keys(ingestion).length) defaults.ingestion = ingestion;
  if (set.maxBytesPerTrace !== undefined && set.maxBytesPerTrace !== d.maxBytesPerTrace)
    defaults.global = { max_bytes_per_trace: set.maxBytesPerTrace };
  if (s.settings.metricsGenerator)
    defaults.metrics_generator = { processors: ['service-graphs', 'span-metrics'] };
  if (s.settings.compactionDisabled) defaults.compaction = { compaction_disabled: true };
  return Object.keys(defaults).length ? defaults : undefined;
}

/** Durations as Tempo writes them: 30s, 20m, 1h30m. */
function duration(seconds: number): string {
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${r || s === 0 ? `${r}s` : ''}`;
}

/** The block timing keys the scenario sets (null when it leaves Tempo's defaults). */
export function blockTimingKeys(s: Scenario): Tree | null {
  const out: Tree = {};
  if (s.settings.maxBlockDurationSeconds !== undefined)
    out.max_block_duration = duration(s.settings.maxBlockDurationSeconds);
  if (s.settings.completeBlockTimeoutSeconds !== undefined)
    out.complete_block_timeout = duration(s.settings.completeBlockTimeoutSeconds);
  return Object.keys(out).length > 0 ? out : null;
}

/**
 * query_frontend.search windows the scenario changes (query_backend_after; 2.10 also
 * query_ingesters_until), or undefined when both are Tempo's defaults.
 */
export function searchWindows(s: Scenario): Tree | undefined {
  const set = s.settings.limits ?? {};
  const d = defaultTenantLimits(s.tempoVersion);
  const search: Tree = {};
  if (
    set.queryBackendAfterSeconds !== undefined &&
    set.queryBackendAfterSeconds !== d.queryBackendAfterSeconds
  )
    search.query_backend_after = duration(set.queryBackendAfterSeconds);
  if (
    s.tempoVersion === '2.10' &&
    set.queryIngestersUntilSeconds !== undefined &&
    set.queryIngestersUntilSeconds !== d.queryIngestersUntilSeconds
  )
    search.query_ingesters_until = duration(set.queryIngestersUntilSeconds);
  return Object.keys(search).length ? search : undefined;
}

/** The metrics-generator block: a WAL and where its metrics go. */
export function metricsGeneratorBlock(e: Endpoints): Tree {
  return { storage: { path: '/var/tempo/generator/wal', remote_write: [{ url: e.remoteWrite }] } };
}

/** Flags every process runs with: the config file and env expansion for the credentials. */
export const CONFIG_ARGS = ['-config.file=/conf/tempo.yaml', '-config.expand-env=true'];

export interface TempoConfigOptions {
  /** memberlist.cluster_label: keeps this cluster's gossip apart from another on the same network. */
  clusterLabel?: string;
  /** overrides.per_tenant_override_config: where the per-tenant runtime overrides file is mounted. */
  perTenantOverrideConfig?: string;
}

/** Tempo's tenant when multitenancy is off. */
export const SINGLE_TENANT = 'single-tenant';

/**
 * The per-tenant runtime overrides of the scenario's tenant: all of its limits, since a tenant's
 * block replaces the defaults rather than inheriting from them (compaction_disabled included).
 */
export function perTenantOverrides(s: Scenario): Tree {
  const d = defaultRateLimit(s.tempoVersion);
  const limits = tenantLimits(s);
  const tenant: Tree = {
    ingestion: {
      rate_limit_bytes: Math.round(s.settings.rateLimitBytes ?? d.rateLimitBytes),
      burst_size_bytes: Math.round(s.settings.burstSizeBytes ?? d.burstSizeBytes),
      max_traces_per_user: limits.maxTracesPerUser,
    },
    global: { max_bytes_per_trace: limits.maxBytesPerTrace },
  };
  if (s.settings.metricsGenerator)
    tenant.metrics_generator = { processors: ['service-graphs', 'span-metrics'] };
  if (s.settings.compactionDisabled) tenant.compaction = { compaction_disabled: true };
  return { [SINGLE_TENANT]: tenant };
}

export function tempoConfig(
  s: Scenario,
  e: Endpoints = kubernetesEndpoints(s),
  options: TempoConfigOptions = {},
): TempoConfigExport {
  const v = s.tempoVersion;
  const micro = s.mode === 'microservices';
  const ssb = s.mode === 'scalable-single-binary';
  const config: Tree = {};
  if (!micro) config.target = ssb ? 'scalable-single-binary' : 'all';
  config.server = { http_listen_port: 3200, grpc_listen_port: 9095 };
  config.distributor = { receivers: receivers(s) };
  if (ssb || micro) {
    const memberlist: Tree = { join_members: [...e.memberlist] };
    if (options.clusterLabel) memberlist.cluster_label = options.clusterLabel;
    config.memberlist = memberlist;
  }
  if (v === '2.10' && (ssb || micro)) {
    config.ingester = {
      lifecycler: { ring: { ...memberlistRing(), replication_factor: s.settings.replicationFactor } },
    };
  }
  // max_block_duration and complete_block_timeout, only when the scenario sets them (else Tempo's
  // defaults, which the simulation used too): ingester in 2.10, live_store in 3.0.
  const timings = blockTimingKeys(s);
  if (timings) {
    const block = v === '2.10' ? 'ingester' : 'live_store';
    config[block] = { ...((config[block] as Tree | undefined) ?? {}), ...timings };
  }
  if (ssb || micro) config.querier = { frontend_worker: { frontend_address: e.frontend } };
  if (v === '3.0' && micro) {
    config.ingest = {
      kafka: {
        address: e.kafka,
        topic: KAFKA_TOPIC,
        auto_create_topic_default_partitions: s.settings.kafkaPartitions,
      },
    };
    config.block_builder = { partitions_per_instance: partitionsPerBlockBuilder(s) };
  }
  const retention = hours(s.settings.retentionHours);
  const usesScheduler = v === '3.0' || (micro && s.settings.compaction === 'backend-scheduler');
  if (usesScheduler) {
    config.backend_scheduler = { provider: { compaction: { compaction: { block_retention: retention } } } };
    const worker: Tree = {};
    if (micro) worker.backend_scheduler_addr = e.scheduler;
    worker.compaction = { block_retention: retention };
    if (micro) worker.ring = memberlistRing();
    config.backend_worker = worker;
  } else {
    const compactor: Tree = { compaction: { block_retention: retention } };
    if (ssb || micro) compactor.ring = memberlistRing();
    config.compactor = compactor;
  }
  if (s.settings.metricsGenerator) config.metrics_generator = metricsGeneratorBlock(e);
  config.storage = storageBlock(s, e);
  const search = searchWindows(s);
  if (search) config.query_frontend = { search };
  const defaults = overridesDefaults(s);
  const overrides: Tree = {};
  if (defaults) overrides.defaults = defaults;
  if (options.perTenantOverrideConfig) overrides.per_tenant_override_config = options.perTenantOverrideConfig;
  if (Object.keys(overrides).length) config.overrides = overrides;

  const processes: ProcessTarget[] = micro
    ? processKinds(v, s.mode, s.settings).map((kind) => ({
        component: kind,
        target: kind,
        replicas: (s.components[kind] ?? defaultComponentConfig(v, kind)).replicas,
        args: [`-target=${kind}`, ...CONFIG_ARGS],
      }))
    : [
        {
          component: 'tempo',
          target: ssb ? 'scalable-single-binary' : 'all',
          replicas: s.components.tempo?.replicas ?? 1,
          args: [...(ssb ? ['-target=scalable-single-binary'] : []), ...CONFIG_ARGS],
        },
      ];

  return { config, yaml: render(s, config, processes), processes };
}

export { commentText } from './yaml';

function comment(doc: Document, path: string[], text: string) {
  let node: unknown = doc.contents;
  for (const [i, key] of path.entries()) {
    if (!isMap(node)) return;
    const pair = (node as YAMLMap).items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
    if (!pair || !isPair(pair)) return;
    if (i === path.length - 1) {
      if (isScalar(pair.key)) pair.key.commentBefore = ` ${text}`;
      return;
    }
    node = pair.value;
  }
}

/** Text -config.expand-env=true leaves as it is: the scenario name in comments, the bucket. */
export { envsubstLiteral } from '../model/envsubst';

/** Every `${NAME}` the config reads, so the header can say what to set. */
export function envNames(config: unknown): string[] {
  const names = new Set<string>();
  const walk = (v: unknown) => {
    // `$$` is an escaped `$` (a literal `${...}` in a bucket), consumed first as envsubst does.
    if (typeof v === 'string')
      for (const m of v.matchAll(/\$\$|\$\{([A-Z0-9_]+)\}/g))
        if (m[1]) names.add(m[1]);
        else if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(config);
  return [...names].sort();
}

function envLines(config: Tree): string[] {
  const names = envNames(config);
  return names.length
    ? [' Environment (read with -config.expand-env=true):', ...names.map((n) => `   ${n}`)]
    : [];
}

function render(s: Scenario, config: Tree, processes: ProcessTarget[]): string {
  const doc = new Document(config);
  const run =
    s.mode === 'microservices'
      ? processes.map((p) => `  ${p.component}: -target=${p.target} x${p.replicas}`).join('\n')
      : `  tempo: ${processes[0]?.target === 'all' ? 'target: all' : '-target=scalable-single-binary'} x${processes[0]?.replicas ?? 1}`;
  doc.commentBefore = [
    ` Tempo ${s.tempoVersion} ${s.mode} — generated by Tempo Playground`,
    ` Scenario: ${envsubstLiteral(commentText(s.name))}`,
    ' Processes (component: flag x replicas):',
    run,
    ...envLines(config),
  ].join('\n');
  comment(
    doc,
    ['memberlist'],
    'Every process joins the gossip ring through these members (port 7946): names the Helm or docker-compose export creates.',
  );
  comment(
    doc,
    ['ingester'],
    'Each trace is written to replication_factor ingesters; a write needs a quorum of floor(RF/2)+1.',
  );
  comment(doc, ['querier'], 'Queriers pull jobs from the query-frontend over gRPC.');
  comment(
    doc,
    ['ingest'],
    'Distributors produce to this topic; block-builders (one per partition) and live-stores consume it.',
  );
  comment(
    doc,
    ['backend_worker'],
    'Workers take compaction and retention jobs from the single backend-scheduler.',
  );
  comment(doc, ['overrides'], 'Per-tenant defaults in the nested format Tempo 3.0 requires.');
  comment(
    doc,
    ['block_builder'],
    'Each block-builder takes its partitions from the number its hostname ends in (-0, -1, ...).',
  );
  comment(doc, ['storage'], 'Credentials come from the environment: run Tempo with -config.expand-env=true.');
  return emitYaml(doc);
}
