/**
 * Helm values -> scenario, for the `tempo` chart (single binary) and `tempo-distributed` (1.x for
 * Tempo 2.x, 3.x for Tempo 3.0). Like Helm, the user's values are merged over the chart's own
 * defaults (chartDefaults.json, derived from each chart's values.yaml by scripts/derive-keys.ts),
 * so what is read is what the chart deploys. The chart is told apart by its keys; the answer says
 * which chart version and Tempo version the file implies, and warns when that is a guess.
 */
import type { ProcessKind, TempoVersion } from '../model/catalog';
import {
  createScenario,
  normalizeScenario,
  parseScenario,
  processKinds,
  type Scenario,
} from '../model/scenario';
import chartDefaults from './chartDefaults.json';
import { readLimits, readStorage, readWhole } from './common';
import { at, type ImportMessage, type ImportResult, type ParsedYaml, parseYamlMapping } from './messages';
import { importTempoConfig } from './tempoConfig';
import { parseCpu, parseDurationHours, parseMemory } from './units';

export const CHART_KEYS: [string, ProcessKind][] = [
  ['distributor', 'distributor'],
  ['ingester', 'ingester'],
  ['queryFrontend', 'query-frontend'],
  ['querier', 'querier'],
  ['compactor', 'compactor'],
  ['metricsGenerator', 'metrics-generator'],
  ['blockBuilder', 'block-builder'],
  ['liveStore', 'live-store'],
  ['backendScheduler', 'backend-scheduler'],
  ['backendWorker', 'backend-worker'],
];

export type ChartId = keyof typeof chartDefaults;
export interface ChartInfo {
  chart: string;
  version: string;
  /** The Tempo version the chart deploys when the values set no image tag. */
  appVersion: string;
}
export const CHARTS: Record<ChartId, ChartInfo> = chartDefaults;

/** Does this look like Helm values rather than a tempo.yaml? */
export function looksLikeHelmValues(data: Record<string, unknown>): boolean {
  return [
    'traces',
    'queryFrontend',
    'liveStore',
    'blockBuilder',
    'backendWorker',
    'persistence',
    'replicas',
    'tempo',
    'gateway',
    'minio',
    'memcached',
    'tempoQuery',
    'serviceMonitor',
  ].some((k) => data[k] !== undefined);
}

/** Top-level keys only the tempo-distributed charts have (their values.yaml; the tempo chart nests its own under `tempo`). */
const DISTRIBUTED_ONLY = [
  'traces',
  'storage',
  'ingest',
  'gateway',
  'minio',
  'memcached',
  'metaMonitoring',
  'overrides',
];

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Helm's merge of user values over a chart's defaults: maps merge key by key, a null removes the
 * chart's key, anything else (lists too) replaces it.
 */
export function mergeValues(defaults: unknown, values: unknown): unknown {
  if (!isMap(defaults) || !isMap(values)) return values === undefined ? defaults : values;
  const out: Record<string, unknown> = { ...defaults };
  for (const [k, v] of Object.entries(values)) {
    if (v === null) delete out[k];
    else out[k] = mergeValues(defaults[k], v);
  }
  return out;
}

/** Tempo's version from an image tag: 2.x is drawn as 2.10, 3.x as 3.0. */
export function versionOfTag(tag: string): TempoVersion | null {
  const m = tag.match(/^v?(\d+)\.(\d+)/);
  if (!m) return null;
  return m[1] === '3' ? '3.0' : m[1] === '2' ? '2.10' : null;
}

/** "Tempo 2.9.0, drawn as 2.10" when the tag is not the version the playground models. */
export function describeTempo(tag: string, version: TempoVersion): string {
  const exact = tag.replace(/^v/, '');
  return exact.startsWith(`${version}.`) || exact === version
    ? `Tempo ${exact}`
    : `Tempo ${exact}, drawn as ${version}`;
}

function readResources(
  doc: ParsedYaml,
  values: unknown,
  prefix: string,
  into: { cpu: number; memoryBytes: number },
  errors: ImportMessage[],
): { cpu: number; memoryBytes: number } {
  const out = { ...into };
  for (const which of ['limits', 'requests']) {
    const cpuKey = `${prefix}.resources.${which}.cpu`;
    const memKey = `${prefix}.resources.${which}.memory`;
    const cpu = at(values, cpuKey);
    const mem = at(values, memKey);
    if (cpu !== undefined) {
      const c = parseCpu(cpu);
      if (c === null)
        errors.push({
          message: 'not a CPU quantity such as 2 or 500m',
          key: cpuKey,
          line: doc.lineOf(cpuKey),
        });
      else if (which === 'limits' || at(values, `${prefix}.resources.limits.cpu`) === undefined)
        out.cpu = Math.min(256, Math.max(0.1, c));
    }
    if (mem !== undefined) {
      const m = parseMemory(mem);
      if (m === null)
        errors.push({
          message: 'not a memory quantity such as 4Gi or 512Mi',
          key: memKey,
          line: doc.lineOf(memKey),
        });
      else if (which === 'limits' || at(values, `${prefix}.resources.limits.memory`) === undefined)
        out.memoryBytes = Math.min(4096 * 1024 ** 3, Math.max(64 * 1024 ** 2, m));
    }
  }
  return out;
}

function readReplicas(
  doc: ParsedYaml,
  values: unknown,
  key: string,
  errors: ImportMessage[],
): number | undefined {
  const v = at(values, key);
  if (v === undefined) return undefined;
  // Backend-workers may run 0 replicas (ZERO_REPLICA_KINDS): nothing compacts then, as the scenario shows.
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 500)
    return key === 'backendWorker.replicas' ? v : Math.max(1, v);
  errors.push({ message: 'replicas must be a whole number from 0 to 500', key, line: doc.lineOf(key) });
  return undefined;
}

function readRetention(
  doc: ParsedYaml,
  values: unknown,
  paths: string[],
  s: Scenario,
  errors: ImportMessage[],
) {
  for (const path of paths) {
    const r = at(values, path);
    if (r === undefined) continue;
    const h = parseDurationHours(r);
    if (h !== null && h >= 1 && h <= 87600) s.settings.retentionHours = h;
    else errors.push({ message: 'not a duration such as 336h or 14d', key: path, line: doc.lineOf(path) });
  }
}

/** `chart` names the chart when the caller knows it (otherwise the keys tell, with a warning when they cannot). */
export function importHelmValues(text: string, base?: Scenario, chart?: ChartId): ImportResult {
  const parsed = parseYamlMapping(text);
  return parsed.ok ? helmValuesFromYaml(parsed.doc, base, chart) : parsed;
}

/** Which tempo-distributed chart the values are for, and why. */
function distributedChart(d: Record<string, unknown>, warnings: ImportMessage[], doc: ParsedYaml): ChartId {
  const only1 = ['ingester', 'compactor'].filter((k) => d[k] !== undefined);
  const only3 = ['liveStore', 'blockBuilder', 'ingest', 'backendWorker', 'backendScheduler'].filter(
    (k) => d[k] !== undefined,
  );
  if (only1.length && only3.length) {
    warnings.push({
      message: `${only1.join(', ')} (tempo-distributed 1.x) and ${only3.join(', ')} (3.x) in one file: read as 1.61.3 (Tempo 2.x); the 3.x keys are ignored`,
      key: only3[0],
      line: doc.lineOf(only3[0] ?? ''),
    });
    return 'tempo-distributed-1.61.3';
  }
  if (only1.length) return 'tempo-distributed-1.61.3';
  if (only3.length) return 'tempo-distributed-3.3.0';
  // 3.3.0 refuses to render without a Kafka address, or with its removed minio subchart
  // (templates/validate.yaml in the chart).
  const why =
    at(d, 'minio.enabled') === true
      ? 'minio.enabled, which 3.3.0 refuses (its minio subchart was removed)'
      : at(d, 'ingest.kafka.address') === undefined
        ? 'no ingest.kafka.address, without which 3.3.0 refuses to render'
        : null;
  const tag = at(d, 'tempo.image.tag');
  const byTag = typeof tag === 'string' || typeof tag === 'number' ? versionOfTag(String(tag)) : null;
  const chart: ChartId =
    byTag === '3.0' && !why
      ? 'tempo-distributed-3.3.0'
      : why || byTag === '2.10'
        ? 'tempo-distributed-1.61.3'
        : 'tempo-distributed-3.3.0';
  warnings.push({
    message: `no component key tells tempo-distributed 1.x (ingester, compactor) from 3.x (liveStore, blockBuilder): read as ${CHARTS[chart].version}${
      why ? `, since it has ${why}` : byTag ? ` from the image tag ${String(tag)}` : ''
    }`,
  });
  return chart;
}

/** The importer on YAML already parsed (importAny parses once and picks the importer). */
export function helmValuesFromYaml(doc: ParsedYaml, base?: Scenario, chartHint?: ChartId): ImportResult {
  const d = doc.data;
  const errors: ImportMessage[] = [];
  const warnings: ImportMessage[] = [];
  const distributed = chartHint
    ? chartHint !== 'tempo-2.2.4'
    : CHART_KEYS.some(([k]) => k !== 'distributor' && d[k] !== undefined) ||
      DISTRIBUTED_ONLY.some((k) => d[k] !== undefined);
  let s: Scenario;
  let kind: string;
  if (!distributed) {
    const chart = CHARTS['tempo-2.2.4'];
    const v = mergeValues(chartDefaults['tempo-2.2.4'].values, d);
    const tagValue = at(d, 'tempo.tag');
    const tag = typeof tagValue === 'string' && tagValue ? tagValue : chart.appVersion;
    const version: TempoVersion = versionOfTag(tag) ?? '2.10';
    if (!versionOfTag(tag))
      warnings.push({
        message: `image tag ${tag} names no Tempo version: read as the chart's ${chart.appVersion}`,
        key: 'tempo.tag',
        line: doc.lineOf('tempo.tag'),
      });
    if (version === '3.0')
      warnings.push({
        message: `the tempo chart ${chart.version} cannot run Tempo 3.0 (it always passes -mem-ballast-size-mbs, which 3.0 refuses)`,
        key: 'tempo.tag',
        line: doc.lineOf('tempo.tag'),
      });
    // templates/_ports.tpl of the chart reads tempo.receivers.jaeger.protocols.* for the Service's
    // ports: without them the chart fails to render.
    if (!isMap(at(v, 'tempo.receivers.jaeger.protocols')))
      errors.push({
        message: `the tempo chart ${chart.version} cannot render without tempo.receivers.jaeger.protocols (its Service template reads the jaeger ports), so jaeger cannot be turned off with this chart`,
        key: 'tempo.receivers.jaeger',
        line: doc.lineOf('tempo.receivers.jaeger') ?? doc.lineOf('tempo.receivers'),
      });
    const replicas = readReplicas(doc, v, 'replicas', errors) ?? 1;
    s = createScenario(version, 'monolithic');
    // The playground's export (and anyone overriding the chart's config) puts a whole tempo.yaml in `config`.
    const embedded =
      typeof d.config === 'string' ? importTempoConfig(d.config.replaceAll('{{ "{{" }}', '{{')) : null;
    if (embedded && !embedded.ok)
      for (const e of embedded.errors)
        errors.push({ ...e, key: `config: ${e.key ?? ''}`, line: doc.lineOf('config') });
    if (embedded?.ok) s = structuredClone({ ...embedded.scenario, tempoVersion: version });
    const ssb = s.mode === 'scalable-single-binary';
    if (replicas > 1 && !ssb)
      warnings.push({
        message: `${replicas} replicas of the single-binary chart: shown as one process per replica`,
        key: 'replicas',
        line: doc.lineOf('replicas'),
      });
    const c = s.components.tempo ?? { replicas: 1, cpu: 2, memoryBytes: 4 * 1024 ** 3 };
    s.components.tempo = { ...readResources(doc, v, 'tempo', c, errors), replicas };
    if (!embedded) {
      // The chart's own config template reads these values (templates/configmap-tempo.yaml, values.yaml `config`).
      const vdoc: ParsedYaml = { data: v as Record<string, unknown>, lineOf: doc.lineOf };
      readStorage(vdoc, 'tempo.storage', s, errors);
      readLimits(vdoc, 'tempo.overrides', s, errors);
      readRetention(doc, v, ['tempo.retention'], s, errors);
      s.settings.metricsGenerator =
        at(v, 'tempo.metricsGenerator.enabled') === true ||
        at(v, 'tempo.overrides.defaults.metrics_generator') !== undefined;
      const rec = at(v, 'tempo.receivers');
      const protocols = at(rec, 'otlp.protocols');
      s.settings.receivers = {
        otlpGrpc: isMap(protocols) && 'grpc' in protocols,
        otlpHttp: isMap(protocols) && 'http' in protocols,
        jaeger: isMap(rec) && 'jaeger' in rec,
        zipkin: isMap(rec) && 'zipkin' in rec,
      };
    }
    kind = `Helm values for the tempo chart ${chart.version} (${describeTempo(tag, version)}${ssb ? ', scalable single binary' : ''})`;
  } else {
    const id = chartHint ?? distributedChart(d, warnings, doc);
    const chart = CHARTS[id];
    const v = mergeValues(chartDefaults[id].values, d);
    const tagValue = at(d, 'tempo.image.tag');
    const tag =
      (typeof tagValue === 'string' && tagValue) || typeof tagValue === 'number'
        ? String(tagValue)
        : chart.appVersion;
    const v3chart = id === 'tempo-distributed-3.3.0';
    const version: TempoVersion = v3chart ? '3.0' : '2.10';
    if (versionOfTag(tag) !== version)
      warnings.push({
        message: `image tag ${tag} on tempo-distributed ${chart.version}, which deploys Tempo ${version} components: read as ${version}`,
        key: 'tempo.image.tag',
        line: doc.lineOf('tempo.image.tag'),
      });
    if (!tagValue && !tag.startsWith(`${version}.`))
      warnings.push({
        message: `tempo-distributed ${chart.version} deploys Tempo ${tag} unless tempo.image.tag is set: drawn as ${version}, the nearest version the playground models`,
      });
    s = createScenario(version, 'microservices');
    const vdoc: ParsedYaml = { data: v as Record<string, unknown>, lineOf: doc.lineOf };
    if (!v3chart)
      s.settings.replicationFactor =
        readWhole(vdoc, 'ingester.config.replication_factor', 1, 5, errors) ?? s.settings.replicationFactor;
    else
      s.settings.kafkaPartitions =
        readWhole(vdoc, 'ingest.kafka.auto_create_topic_default_partitions', 1, 1000, errors) ??
        s.settings.kafkaPartitions;
    s.settings.metricsGenerator = at(v, 'metricsGenerator.enabled') === true;
    readLimits(vdoc, 'overrides', s, errors);
    s = normalizeScenario(s);
    const run = processKinds(version, 'microservices', s.settings);
    for (const [key, k] of CHART_KEYS) {
      const c = s.components[k];
      if (!c || !run.includes(k)) continue;
      if (at(v, `${key}.enabled`) === false && k !== 'metrics-generator') {
        errors.push({
          message: `the chart deploys no ${k} (enabled: false), and a Tempo ${version} cluster without one ${
            k === 'block-builder'
              ? 'writes no block to object storage'
              : k === 'live-store'
                ? 'has no partition for its distributors to write to'
                : 'compacts nothing and keeps every block past retention'
          }. The playground draws every Tempo ${version} cluster with its ${k}s, so it cannot draw this one`,
          key: `${key}.enabled`,
          line: doc.lineOf(`${key}.enabled`),
        });
        continue;
      }
      const replicas = readReplicas(doc, v, `${key}.replicas`, errors) ?? c.replicas;
      s.components[k] = { ...readResources(doc, v, key, c, errors), replicas };
    }
    readStorage(vdoc, 'storage', s, errors);
    readRetention(
      doc,
      v,
      v3chart
        ? [
            'backendWorker.config.compaction.block_retention',
            'backendScheduler.config.provider.compaction.compaction.block_retention',
          ]
        : ['compactor.config.compaction.block_retention'],
      s,
      errors,
    );
    const traces = at(v, 'traces');
    s.settings.receivers = {
      otlpGrpc: at(traces, 'otlp.grpc.enabled') === true,
      otlpHttp: at(traces, 'otlp.http.enabled') === true,
      jaeger: ['grpc', 'thriftBinary', 'thriftCompact', 'thriftHttp'].some(
        (p) => at(traces, `jaeger.${p}.enabled`) === true,
      ),
      zipkin: at(traces, 'zipkin.enabled') === true,
    };
    if (v3chart && !at(v, 'ingest.kafka.address'))
      warnings.push({
        message: `tempo-distributed ${chart.version} refuses to render without ingest.kafka.address (the Kafka broker)`,
        key: 'ingest.kafka.address',
      });
    kind = `Helm values for tempo-distributed ${chart.version} (${describeTempo(tag, version)})`;
  }
  if (errors.length) return { ok: false, errors };
  const checked = parseScenario({ ...normalizeScenario(s), name: base?.name ?? s.name });
  if (!checked.ok) return { ok: false, errors: checked.errors.map((message) => ({ message })) };
  return { ok: true, scenario: checked.value, warnings, kind };
}
