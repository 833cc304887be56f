/**
 * tempo.yaml for a scenario: a typed object emitted with the `yaml` library, comments on the
 * non-obvious settings. Microservices get one shared config plus the `-target` of each process.
 */
import { Document, isMap, isPair, isScalar, type YAMLMap } from 'yaml';
import { defaultComponentConfig, defaultRateLimit, processKinds, type Scenario } from '../model/scenario';
import { commentText, emitYaml } from './yaml';

type Tree = { [key: string]: Tree | string | number | boolean | string[] | undefined };

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

function storage(s: Scenario): Tree {
  const { storageBackend: backend, bucket } = s.settings;
  const trace: Tree = { backend, wal: { path: STORAGE_DEFAULTS.wal } };
  if (backend === 'local') trace.local = { path: STORAGE_DEFAULTS.local };
  if (backend === 's3') trace.s3 = { bucket, endpoint: 's3.amazonaws.com' };
  if (backend === 'gcs') trace.gcs = { bucket_name: bucket };
  if (backend === 'azure') trace.azure = { container_name: bucket };
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

const hours = (h: number) => `${Math.round(h)}h`;

/** Service names the config points at (Kubernetes-style; the Helm charts use the same shape). */
const svc = (name: string) => `tempo-${name}`;

export function tempoConfig(s: Scenario): TempoConfigExport {
  const v = s.tempoVersion;
  const micro = s.mode === 'microservices';
  const ssb = s.mode === 'scalable-single-binary';
  const config: Tree = {};
  if (!micro) config.target = ssb ? 'scalable-single-binary' : 'all';
  config.server = { http_listen_port: 3200, grpc_listen_port: 9095 };
  config.distributor = { receivers: receivers(s) };
  if (ssb || micro) config.memberlist = { join_members: [`dns+${svc('gossip-ring')}:7946`] };
  if (v === '2.10' && (ssb || micro)) {
    config.ingester = { lifecycler: { ring: { replication_factor: s.settings.replicationFactor } } };
  }
  if (ssb)
    config.querier = { frontend_worker: { frontend_address: `${svc('query-frontend-discovery')}:9095` } };
  if (micro)
    config.querier = { frontend_worker: { frontend_address: `${svc('query-frontend-discovery')}:9095` } };
  if (v === '3.0' && micro) {
    config.ingest = {
      kafka: {
        address: 'kafka:9092',
        topic: 'tempo-traces',
        auto_create_topic_default_partitions: s.settings.kafkaPartitions,
      },
    };
  }
  const retention = s.settings.retentionHours === 336 ? undefined : hours(s.settings.retentionHours);
  const usesScheduler = v === '3.0' || (micro && s.settings.compaction === 'backend-scheduler');
  if (usesScheduler) {
    const worker: Tree = {};
    if (micro) worker.backend_scheduler_addr = `${svc('backend-scheduler')}:9095`;
    if (retention) {
      worker.compaction = { block_retention: retention };
      config.backend_scheduler = { provider: { compaction: { compaction: { block_retention: retention } } } };
    }
    if (Object.keys(worker).length) config.backend_worker = worker;
  } else if (retention) {
    config.compactor = { compaction: { block_retention: retention } };
  }
  if (s.settings.metricsGenerator)
    config.metrics_generator = { storage: { path: '/var/tempo/generator/wal' } };
  config.storage = storage(s);
  const limits = defaultRateLimit(v);
  const ingestion: Tree = {};
  if (s.settings.rateLimitBytes !== undefined && s.settings.rateLimitBytes !== limits.rateLimitBytes)
    ingestion.rate_limit_bytes = Math.round(s.settings.rateLimitBytes);
  if (s.settings.burstSizeBytes !== undefined && s.settings.burstSizeBytes !== limits.burstSizeBytes)
    ingestion.burst_size_bytes = Math.round(s.settings.burstSizeBytes);
  const defaults: Tree = {};
  if (Object.keys(ingestion).length) defaults.ingestion = ingestion;
  if (s.settings.metricsGenerator)
    defaults.metrics_generator = { processors: ['service-graphs', 'span-metrics'] };
  if (Object.keys(defaults).length) config.overrides = { defaults };

  const processes: ProcessTarget[] = micro
    ? processKinds(v, s.mode, s.settings).map((kind) => ({
        component: kind,
        target: kind,
        replicas: (s.components[kind] ?? defaultComponentConfig(v, kind)).replicas,
        args: [`-target=${kind}`, '-config.file=/conf/tempo.yaml'],
      }))
    : [
        {
          component: 'tempo',
          target: ssb ? 'scalable-single-binary' : 'all',
          replicas: s.components.tempo?.replicas ?? 1,
          args: ['-config.file=/conf/tempo.yaml'],
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

function render(s: Scenario, config: Tree, processes: ProcessTarget[]): string {
  const doc = new Document(config);
  const run =
    s.mode === 'microservices'
      ? processes.map((p) => `  ${p.component}: -target=${p.target} x${p.replicas}`).join('\n')
      : `  tempo: ${processes[0]?.target === 'all' ? 'target: all' : '-target=scalable-single-binary'} x${processes[0]?.replicas ?? 1}`;
  doc.commentBefore = [
    ` Tempo ${s.tempoVersion} ${s.mode} — generated by Tempo Playground`,
    ` Scenario: ${commentText(s.name)}`,
    ' Processes (component: flag x replicas):',
    run,
  ].join('\n');
  comment(
    doc,
    ['memberlist'],
    'Gossip joins every member: ring membership needs a headless service on port 7946.',
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
  return emitYaml(doc);
}
