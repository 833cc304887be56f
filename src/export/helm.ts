/**
 * Helm values for the scenario, through the charts' own keys: the `tempo` chart (single binary) and
 * `tempo-distributed` (1.x for Tempo 2.x microservices, 3.x for Tempo 3.0). The first comment says
 * which chart and version the file targets.
 */
import { Document } from 'yaml';
import { GiB, HELM_CHARTS, type ProcessKind } from '../model/catalog';
import { type ComponentConfig, defaultRateLimit, processKinds, type Scenario } from '../model/scenario';
import type { KeyList } from './keyCheck';
import { commentText } from './tempoConfig';
import { emitYaml } from './yaml';

type Tree = { [key: string]: Tree | string | number | boolean | string[] | undefined };

export interface HelmExport {
  chart: { name: string; version: string; appVersion: string; repo: string };
  keyList: KeyList;
  values: Tree;
  yaml: string;
  fileName: string;
}

/** Chart key prefix of each component in tempo-distributed. */
const CHART_KEY: Partial<Record<ProcessKind, string>> = {
  distributor: 'distributor',
  ingester: 'ingester',
  'query-frontend': 'queryFrontend',
  querier: 'querier',
  compactor: 'compactor',
  'metrics-generator': 'metricsGenerator',
  'block-builder': 'blockBuilder',
  'live-store': 'liveStore',
  'backend-scheduler': 'backendScheduler',
  'backend-worker': 'backendWorker',
};

/** Kubernetes quantities: CPU in cores or millicores, memory in Mi/Gi. */
export function cpuQuantity(cores: number): string {
  return Number.isInteger(cores) ? String(cores) : `${Math.round(cores * 1000)}m`;
}
export function memoryQuantity(bytes: number): string {
  const gi = bytes / GiB;
  return Number.isInteger(gi) ? `${gi}Gi` : `${Math.round(bytes / 1024 ** 2)}Mi`;
}

function resources(c: ComponentConfig): Tree {
  const q = { cpu: cpuQuantity(c.cpu), memory: memoryQuantity(c.memoryBytes) };
  return { requests: { ...q }, limits: { ...q } };
}

function storageTrace(s: Scenario): Tree {
  const { storageBackend: backend, bucket } = s.settings;
  const t: Tree = { backend };
  if (backend === 's3') t.s3 = { bucket, endpoint: 's3.amazonaws.com' };
  if (backend === 'gcs') t.gcs = { bucket_name: bucket };
  if (backend === 'azure') t.azure = { container_name: bucket };
  return t;
}

function overridesDefaults(s: Scenario): Tree | undefined {
  const d = defaultRateLimit(s.tempoVersion);
  const ingestion: Tree = {};
  if (s.settings.rateLimitBytes !== undefined && s.settings.rateLimitBytes !== d.rateLimitBytes)
    ingestion.rate_limit_bytes = Math.round(s.settings.rateLimitBytes);
  if (s.settings.burstSizeBytes !== undefined && s.settings.burstSizeBytes !== d.burstSizeBytes)
    ingestion.burst_size_bytes = Math.round(s.settings.burstSizeBytes);
  const out: Tree = {};
  if (Object.keys(ingestion).length) out.ingestion = ingestion;
  if (s.settings.metricsGenerator) out.metrics_generator = { processors: ['service-graphs', 'span-metrics'] };
  return Object.keys(out).length ? out : undefined;
}

function singleBinary(s: Scenario): HelmExport {
  const chart = HELM_CHARTS.monolithic;
  const c = s.components.tempo;
  const r = s.settings.receivers;
  const receivers: Tree = {};
  const otlp: Tree = {};
  if (r.otlpGrpc) otlp.grpc = { endpoint: '0.0.0.0:4317' };
  if (r.otlpHttp) otlp.http = { endpoint: '0.0.0.0:4318' };
  if (Object.keys(otlp).length) receivers.otlp = { protocols: otlp };
  if (r.jaeger) receivers.jaeger = { protocols: { grpc: { endpoint: '0.0.0.0:14250' } } };
  const tempo: Tree = {};
  if (s.tempoVersion === '3.0') tempo.tag = '3.0.3';
  if (c) tempo.resources = resources(c);
  if (s.settings.retentionHours !== 336) tempo.retention = `${Math.round(s.settings.retentionHours)}h`;
  const defaults = overridesDefaults(s);
  if (defaults) tempo.overrides = { defaults };
  tempo.storage = { trace: storageTrace(s) };
  tempo.receivers = receivers;
  const values: Tree = { replicas: c?.replicas ?? 1, tempo, persistence: { enabled: true, size: '10Gi' } };
  const notes = [
    ` Chart: ${chart.repo}/${chart.name} ${chart.version} (Tempo ${chart.appVersion}), single binary.`,
    ` Scenario: ${commentText(s.name)}`,
  ];
  if (s.tempoVersion === '3.0')
    notes.push(
      ' Tempo 3.0 in one process: this chart ships 2.10.8, so tempo.tag pins 3.0.3. Check the rendered',
      ' config against Tempo 3.0 (no ingester or compactor blocks) before deploying.',
    );
  if (s.mode === 'scalable-single-binary')
    notes.push(
      ' Scalable single binary: no chart has an SSB switch. This file runs the replicas with the tempo chart;',
      ' to join them, set target: scalable-single-binary, memberlist.join_members and the ring',
      ' replication_factor in the config (see the tempo.yaml export) through the chart`s config value,',
      ' or use tempo-distributed for a supported scale-out.',
    );
  return finish(chart, 'helm-tempo-2.2.4', values, notes);
}

function distributed(s: Scenario): HelmExport {
  const v3 = s.tempoVersion === '3.0';
  const chart = v3 ? HELM_CHARTS.distributed3 : HELM_CHARTS.distributed1;
  const values: Tree = {};
  const kinds = processKinds(s.tempoVersion, s.mode, s.settings);
  for (const kind of kinds) {
    const key = CHART_KEY[kind];
    const c = s.components[kind];
    if (!key || !c) continue;
    // tempo-distributed 1.x has no backend-scheduler/worker components (see the note below).
    if (!v3 && (kind === 'backend-scheduler' || kind === 'backend-worker')) continue;
    const block: Tree = {};
    if (kind === 'backend-scheduler') {
      if (v3) block.enabled = true;
    } else block.replicas = c.replicas;
    if (kind === 'metrics-generator') block.enabled = true;
    block.resources = resources(c);
    if (!v3 && kind === 'ingester') block.config = { replication_factor: s.settings.replicationFactor };
    if (!v3 && kind === 'compactor' && s.settings.retentionHours !== 336)
      block.config = { compaction: { block_retention: `${Math.round(s.settings.retentionHours)}h` } };
    if (v3 && kind === 'backend-worker' && s.settings.retentionHours !== 336)
      block.config = { compaction: { block_retention: `${Math.round(s.settings.retentionHours)}h` } };
    values[key] = block;
  }
  if (v3) {
    values.ingest = {
      kafka: {
        address: 'kafka:9092',
        topic: 'tempo-traces',
        auto_create_topic_default_partitions: s.settings.kafkaPartitions,
      },
    };
  }
  values.storage = { trace: storageTrace(s) };
  const r = s.settings.receivers;
  const traces: Tree = {};
  if (r.otlpGrpc || r.otlpHttp) {
    const otlp: Tree = {};
    if (r.otlpGrpc) otlp.grpc = { enabled: true };
    if (r.otlpHttp) otlp.http = { enabled: true };
    traces.otlp = otlp;
  }
  if (r.jaeger) traces.jaeger = { grpc: { enabled: true } };
  if (r.zipkin) traces.zipkin = { enabled: true };
  values.traces = traces;
  const defaults = overridesDefaults(s);
  if (defaults) values.overrides = { defaults };
  const notes = [
    ` Chart: ${chart.repo}/${chart.name} ${chart.version} (Tempo ${chart.appVersion}).`,
    ` Scenario: ${commentText(s.name)}`,
  ];
  if (v3)
    notes.push(
      ' blockBuilder.replicas equals ingest.kafka.auto_create_topic_default_partitions, as the chart requires.',
    );
  else {
    notes.push(
      ' The last 2.x microservices chart (deprecated upstream); it deploys Tempo 2.9 unless tempo.image.tag is set.',
    );
    if (s.settings.compaction === 'backend-scheduler')
      notes.push(
        ' This chart has no backend-scheduler or backend-worker switch: they are not deployed from these values.',
      );
  }
  const key: KeyList = v3 ? 'helm-tempo-distributed-3.3.0' : 'helm-tempo-distributed-1.61.3';
  return finish(chart, key, values, notes);
}

function finish(chart: HelmExport['chart'], keyList: KeyList, values: Tree, notes: string[]): HelmExport {
  const doc = new Document(values);
  doc.commentBefore = notes.join('\n');
  return {
    chart: { ...chart },
    keyList,
    values,
    yaml: emitYaml(doc),
    fileName: `values-${chart.name}-${chart.version}.yaml`,
  };
}

export function helmValues(s: Scenario): HelmExport {
  return s.mode === 'microservices' ? distributed(s) : singleBinary(s);
}
