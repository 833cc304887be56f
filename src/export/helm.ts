/**
 * Helm values that render into the scenario: the `tempo` chart 2.2.4 for Tempo 2.10 single binary
 * (monolithic, and SSB through the chart's `config` value), `tempo-distributed` 1.61.3 for 2.10
 * microservices and 3.3.0 for 3.0 microservices. Pairs no chart can deploy get no values file,
 * only the reason and what works instead (see `chartSupport`). `npm run check:deploy` renders
 * every pair with a real Helm and compares the objects with the scenario.
 */
import { Document } from 'yaml';
import { GiB, type ProcessKind } from '../model/catalog';
import { kafkaRetentionHours } from '../model/recovery';
import { type ComponentConfig, processKinds, type Scenario } from '../model/scenario';
import {
  type ChartSupport,
  chartSupport,
  ENV,
  GCS_KEY_PATH,
  GCS_KEY_SECRET,
  IMAGE_TAG,
  KAFKA_TOPIC,
  kubernetesEndpoints,
  partitionsPerBlockBuilder,
  requiredEnv,
  SECRET_NAME,
  volumeSizes,
} from './deploy';
import type { KeyList } from './keyCheck';
import {
  commentText,
  hours,
  metricsGeneratorBlock,
  overridesDefaults,
  perTenantOverrides,
  searchWindows,
  storageBlock,
  type Tree,
  tempoConfig,
} from './tempoConfig';
import { emitYaml } from './yaml';

export interface HelmExport {
  chart: { name: string; version: string; appVersion: string; repo: string };
  support: ChartSupport;
  keyList: KeyList;
  /** The values (empty when no chart can deploy the pair). */
  values: Tree;
  /** The values file, or when unsupported a plain-text explanation (never a values file). */
  yaml: string;
  fileName: string;
}

/** Chart key prefix of each component in tempo-distributed. */
export const CHART_KEY: Partial<Record<ProcessKind, string>> = {
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

/** The Secret with the credentials, when the scenario reads any. */
function envFrom(s: Scenario): Tree[] | undefined {
  return requiredEnv(s, 'kubernetes').length ? [{ secretRef: { name: SECRET_NAME } }] : undefined;
}

/** GCS: the key file from the Secret GCS_KEY_SECRET, where GOOGLE_APPLICATION_CREDENTIALS points. */
function gcsKey(s: Scenario): { env: Tree[]; volume: Tree; mount: Tree } | undefined {
  if (s.settings.storageBackend !== 'gcs') return undefined;
  const dir = GCS_KEY_PATH.replace(/\/[^/]*$/, '');
  return {
    env: [{ name: ENV.gcsCredentials, value: GCS_KEY_PATH }],
    volume: { name: 'gcs-key', secret: { secretName: GCS_KEY_SECRET } },
    mount: { name: 'gcs-key', mountPath: dir, readOnly: true },
  };
}

/** Go templates (the chart passes `config` through `tpl`) must not read `{{` in the config as an action. */
export function escapeTpl(text: string): string {
  return text.replaceAll('{{', '{{ "{{" }}');
}

function escapeTplDeep(t: Tree): Tree {
  const out: Tree = {};
  for (const [k, v] of Object.entries(t))
    out[k] =
      typeof v === 'string'
        ? escapeTpl(v)
        : v && typeof v === 'object' && !Array.isArray(v)
          ? escapeTplDeep(v)
          : v;
  return out;
}

function singleBinary(s: Scenario, support: ChartSupport): HelmExport {
  const chart = support.chart;
  const c = s.components.tempo;
  const ssb = s.mode === 'scalable-single-binary';
  const e = kubernetesEndpoints(s);
  const tempo: Tree = { tag: IMAGE_TAG[s.tempoVersion] };
  if (c) tempo.resources = resources(c);
  const extraArgs: Tree = {};
  if (ssb) extraArgs.target = 'scalable-single-binary';
  extraArgs['config.expand-env'] = true;
  tempo.extraArgs = extraArgs;
  const from = envFrom(s);
  if (from) tempo.extraEnvFrom = from;
  const gcs = gcsKey(s);
  if (gcs) {
    tempo.extraEnv = gcs.env;
    tempo.extraVolumeMounts = [gcs.mount];
  }
  const values: Tree = { fullnameOverride: 'tempo', replicas: c?.replicas ?? 1 };
  if (gcs) values.extraVolumes = [gcs.volume];
  // The chart's own config template cannot say what the scenario says: it always enables jaeger
  // (its Service template reads tempo.receivers.jaeger, so null breaks the render) and has no
  // ring, join members or frontend address for SSB. `config` carries the scenario's tempo.yaml.
  // The chart writes tempo.per_tenant_overrides to /conf/overrides.yaml (templates/configmap-tempo.yaml).
  values.config = escapeTpl(tempoConfig(s, e, { perTenantOverrideConfig: '/conf/overrides.yaml' }).yaml);
  if (ssb) values.service = { clusterIP: 'None' };
  tempo.per_tenant_overrides = perTenantOverrides(s);
  values.tempo = tempo;
  const size = volumeSizes(s)[0];
  values.persistence = { enabled: true, size: `${size?.perReplicaGi ?? 10}Gi` };
  const notes = [
    ` Chart: ${chart.repo}/${chart.name} ${chart.version}, running Tempo ${IMAGE_TAG[s.tempoVersion]}.`,
    ` Scenario: ${commentText(s.name)}`,
    ...secretNotes(s),
  ];
  notes.push(' `config` is the scenario`s tempo.yaml: the chart`s own config always turns jaeger on.');
  if (ssb)
    notes.push(
      ' Scalable single binary: every replica runs -target=scalable-single-binary; the Service is',
      ' headless, so dns+tempo:7946 reaches every Ready replica for memberlist. Each replica`s queriers',
      ` connect to its own query-frontend (${e.frontend}): a replica is Ready only once a querier has`,
      ' connected, and the chart starts replica N+1 only after N is Ready, so an address that lists',
      ' only Ready pods would leave tempo-0 unready and restarted by its liveness probe forever.',
    );
  return finish(s, support, 'helm-tempo-2.2.4', values, notes);
}

function secretNotes(s: Scenario): string[] {
  const env = requiredEnv(s, 'kubernetes');
  const out: string[] = [];
  if (env.length)
    out.push(
      ` Before installing, create the Secret ${SECRET_NAME} with:`,
      ...env.map((v) => `   ${v.name}: ${v.what}`),
    );
  if (s.settings.storageBackend === 'gcs')
    out.push(
      ` Before installing, create the Secret ${GCS_KEY_SECRET} with the service-account key as gcs-key.json;`,
      ` it is mounted at ${GCS_KEY_PATH}, where ${ENV.gcsCredentials} points.`,
    );
  return out;
}

function distributed(s: Scenario, support: ChartSupport): HelmExport {
  const v3 = s.tempoVersion === '3.0';
  const chart = support.chart;
  const e = kubernetesEndpoints(s);
  const values: Tree = { fullnameOverride: 'tempo', tempo: { image: { tag: IMAGE_TAG[s.tempoVersion] } } };
  // Tempo's flags and the Secret go to each Tempo component, never to `global`: both charts append
  // global.extraArgs and global.extraEnvFrom to their memcached containers too (1.61.3
  // templates/memcached/statefulset-memcached.yaml; 3.3.0 templates/memcached/_helpers-memcached.tpl),
  // and memcached reads -config.expand-env=true as -c and exits.
  const retention = hours(s.settings.retentionHours);
  const volumes = volumeSizes(s);
  for (const kind of processKinds(s.tempoVersion, s.mode, s.settings)) {
    const key = CHART_KEY[kind];
    const c = s.components[kind];
    if (!key || !c) continue;
    const block: Tree = {};
    if (kind !== 'backend-scheduler') block.replicas = c.replicas;
    if (kind === 'backend-scheduler' || kind === 'metrics-generator') block.enabled = true;
    block.resources = resources(c);
    block.extraArgs = ['-config.expand-env=true'];
    const secret = envFrom(s);
    if (secret) block.extraEnvFrom = secret;
    const gcs = gcsKey(s);
    if (gcs) {
      block.extraEnv = gcs.env;
      block.extraVolumes = [gcs.volume];
      block.extraVolumeMounts = [gcs.mount];
    }
    if (kind === 'ingester') {
      block.config = { replication_factor: s.settings.replicationFactor };
      const v = volumes.find((x) => x.kind === 'ingester');
      block.persistence = { enabled: true, size: `${v?.perReplicaGi ?? 10}Gi` };
    }
    if (kind === 'compactor') block.config = { compaction: { block_retention: retention } };
    if (kind === 'backend-scheduler')
      block.config = { provider: { compaction: { compaction: { block_retention: retention } } } };
    if (kind === 'backend-worker') {
      block.config = { compaction: { block_retention: retention } };
      // The chart's PodDisruptionBudget template reads these for replicas > 1; its values lack them.
      block.podDisruptionBudget = { enabled: c.replicas > 1 };
      block.maxUnavailable = 1;
    }
    if (kind === 'block-builder') block.config = { partitions_per_instance: partitionsPerBlockBuilder(s) };
    if (kind === 'metrics-generator') block.config = { storage: metricsGeneratorBlock(e).storage };
    values[key] = block;
  }
  if (v3) {
    values.ingest = {
      kafka: {
        address: e.kafka,
        topic: KAFKA_TOPIC,
        auto_create_topic_default_partitions: s.settings.kafkaPartitions,
      },
    };
  }
  // tempo-distributed passes its config through `tpl` twice: text from the scenario is escaped once.
  values.storage = escapeTplDeep(storageBlock(s, e));
  const r = s.settings.receivers;
  values.traces = {
    otlp: { grpc: { enabled: r.otlpGrpc }, http: { enabled: r.otlpHttp } },
    jaeger: { grpc: { enabled: r.jaeger }, thriftHttp: { enabled: r.jaeger } },
    zipkin: { enabled: r.zipkin },
  };
  const defaults = overridesDefaults(s);
  if (defaults) values.overrides = { defaults };
  // The chart writes these to /runtime-config/overrides.yaml, which its config names as
  // overrides.per_tenant_override_config.
  values.per_tenant_overrides = perTenantOverrides(s);
  // The chart's values have no key for the search windows (its config template writes only
  // target_bytes_per_job, concurrent_jobs and max_spans_per_span_set under query_frontend.search):
  // tempo.structuredConfig is merged over that config (templates/_helpers.tpl, both charts).
  const search = searchWindows(s);
  if (search) (values.tempo as Tree).structuredConfig = { query_frontend: { search } };
  const notes = [
    ` Chart: ${chart.repo}/${chart.name} ${chart.version}, running Tempo ${IMAGE_TAG[s.tempoVersion]}.`,
    ` Scenario: ${commentText(s.name)}`,
    ...secretNotes(s),
  ];
  if (v3) {
    notes.push(
      ' One block-builder and one live-store per Kafka partition; the topic is created with that many.',
    );
    notes.push(
      ` Kafka is yours: give the topic retention.ms=${Math.round(kafkaRetentionHours(s.settings) * 3600_000)} (${kafkaRetentionHours(s.settings)} h, what the simulation assumed).`,
    );
  } else
    notes.push(' The last 2.x microservices chart (deprecated upstream); tempo.image.tag pins Tempo 2.10.');
  const key: KeyList = v3 ? 'helm-tempo-distributed-3.3.0' : 'helm-tempo-distributed-1.61.3';
  return finish(s, support, key, values, notes);
}

/** The one place the values file is emitted. */
function finish(
  s: Scenario,
  support: ChartSupport,
  keyList: KeyList,
  values: Tree,
  notes: string[],
): HelmExport {
  const doc = new Document(values);
  doc.commentBefore = notes.join('\n');
  const chart = support.chart;
  return {
    chart: { ...chart },
    support,
    keyList,
    values,
    yaml: emitYaml(doc),
    fileName: `values-${chart.name}-${chart.version}-${s.tempoVersion}-${s.mode}.yaml`,
  };
}

function keyListOf(s: Scenario): KeyList {
  if (s.mode !== 'microservices') return 'helm-tempo-2.2.4';
  return s.tempoVersion === '3.0' ? 'helm-tempo-distributed-3.3.0' : 'helm-tempo-distributed-1.61.3';
}

/** Plain text, never a values file: a values file here would deploy something else. */
function unsupported(s: Scenario, support: ChartSupport): HelmExport {
  const text = [
    `No Helm chart deploys Tempo ${s.tempoVersion} ${s.mode} as this scenario describes it.`,
    '',
    `Why: ${support.reason ?? ''}`,
    '',
    `Instead: ${support.instead ?? ''}`,
    '',
  ].join('\n');
  return {
    chart: { ...support.chart },
    support,
    keyList: keyListOf(s),
    values: {},
    yaml: text,
    fileName: `helm-not-available-${s.tempoVersion}-${s.mode}.txt`,
  };
}

export function helmValues(s: Scenario): HelmExport {
  const support = chartSupport(s);
  if (!support.ok) return unsupported(s, support);
  return s.mode === 'microservices' ? distributed(s, support) : singleBinary(s, support);
}
