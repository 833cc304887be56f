/**
 * Helm values -> scenario, for the `tempo` chart (single binary) and `tempo-distributed` (1.x for
 * Tempo 2.x, 3.x for Tempo 3.0). The chart is told apart by its keys.
 */
import type { ProcessKind, TempoVersion } from '../model/catalog';
import { createScenario, normalizeScenario, parseScenario, type Scenario } from '../model/scenario';
import { readLimits, readStorage, readWhole } from './common';
import { at, type ImportMessage, type ImportResult, type ParsedYaml, parseYamlMapping } from './messages';
import { importTempoConfig } from './tempoConfig';
import { parseCpu, parseDurationHours, parseMemory } from './units';

const CHART_KEYS: [string, ProcessKind][] = [
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
  ].some((k) => data[k] !== undefined);
}

function readResources(
  doc: ParsedYaml,
  prefix: string,
  into: { cpu: number; memoryBytes: number },
  errors: ImportMessage[],
): { cpu: number; memoryBytes: number } {
  const out = { ...into };
  for (const which of ['limits', 'requests']) {
    const cpuKey = `${prefix}.resources.${which}.cpu`;
    const memKey = `${prefix}.resources.${which}.memory`;
    const cpu = at(doc.data, cpuKey);
    const mem = at(doc.data, memKey);
    if (cpu !== undefined) {
      const c = parseCpu(cpu);
      if (c === null)
        errors.push({
          message: 'not a CPU quantity such as 2 or 500m',
          key: cpuKey,
          line: doc.lineOf(cpuKey),
        });
      else if (which === 'limits' || at(doc.data, `${prefix}.resources.limits.cpu`) === undefined)
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
      else if (which === 'limits' || at(doc.data, `${prefix}.resources.limits.memory`) === undefined)
        out.memoryBytes = Math.min(4096 * 1024 ** 3, Math.max(64 * 1024 ** 2, m));
    }
  }
  return out;
}

function readReplicas(doc: ParsedYaml, key: string, errors: ImportMessage[]): number | undefined {
  const v = at(doc.data, key);
  if (v === undefined) return undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 500) return Math.max(1, v);
  errors.push({ message: 'replicas must be a whole number from 0 to 500', key, line: doc.lineOf(key) });
  return undefined;
}

export function importHelmValues(text: string, base?: Scenario): ImportResult {
  const parsed = parseYamlMapping(text);
  return parsed.ok ? helmValuesFromYaml(parsed.doc, base) : parsed;
}

/** The importer on YAML already parsed (importAny parses once and picks the importer). */
export function helmValuesFromYaml(doc: ParsedYaml, base?: Scenario): ImportResult {
  const d = doc.data;
  const errors: ImportMessage[] = [];
  const warnings: ImportMessage[] = [];
  const distributed =
    CHART_KEYS.some(([k]) => k !== 'distributor' && d[k] !== undefined) || d.traces !== undefined;
  let s: Scenario;
  let kind: string;
  if (!distributed) {
    const tag = at(d, 'tempo.tag');
    const version: TempoVersion = typeof tag === 'string' && tag.startsWith('3.') ? '3.0' : '2.10';
    const replicas = readReplicas(doc, 'replicas', errors) ?? 1;
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
    s.components.tempo = { ...readResources(doc, 'tempo', c, errors), replicas };
    readStorage(doc, 'tempo.storage', s, errors);
    readLimits(doc, 'tempo.overrides', s, errors);
    const retention = at(d, 'tempo.retention');
    if (retention !== undefined) {
      const h = parseDurationHours(retention);
      if (h !== null && h >= 1 && h <= 87600) s.settings.retentionHours = h;
      else
        errors.push({
          message: 'not a duration such as 336h or 14d',
          key: 'tempo.retention',
          line: doc.lineOf('tempo.retention'),
        });
    }
    const rec = at(d, 'tempo.receivers');
    if (rec && typeof rec === 'object') {
      s.settings.receivers = {
        otlpGrpc: at(rec, 'otlp.protocols.grpc') !== undefined,
        otlpHttp: at(rec, 'otlp.protocols.http') !== undefined,
        jaeger: 'jaeger' in rec,
        zipkin: 'zipkin' in rec,
      };
    }
    kind = `Helm values for the tempo chart (Tempo ${version}${ssb ? ', scalable single binary' : ''})`;
  } else {
    const v3 =
      ['liveStore', 'blockBuilder', 'ingest', 'backendWorker'].some((k) => d[k] !== undefined) &&
      d.ingester === undefined;
    const version: TempoVersion = v3 ? '3.0' : '2.10';
    s = createScenario(version, 'microservices');
    if (!v3 && d.ingester !== undefined && d.liveStore !== undefined) {
      warnings.push({
        message: 'ingester and liveStore in one file: read as tempo-distributed 1.x (Tempo 2.x)',
        key: 'liveStore',
        line: doc.lineOf('liveStore'),
      });
    }
    s.settings.replicationFactor =
      readWhole(doc, 'ingester.config.replication_factor', 1, 5, errors) ?? s.settings.replicationFactor;
    s.settings.kafkaPartitions =
      readWhole(doc, 'ingest.kafka.auto_create_topic_default_partitions', 1, 1000, errors) ??
      s.settings.kafkaPartitions;
    if (at(d, 'metricsGenerator.enabled') === true) s.settings.metricsGenerator = true;
    s = normalizeScenario(s);
    for (const [key, k] of CHART_KEYS) {
      const c = s.components[k];
      if (!c || d[key] === undefined) continue;
      const replicas = readReplicas(doc, `${key}.replicas`, errors) ?? c.replicas;
      s.components[k] = { ...readResources(doc, key, c, errors), replicas };
    }
    readStorage(doc, 'storage', s, errors);
    readLimits(doc, 'overrides', s, errors);
    for (const path of [
      'compactor.config.compaction.block_retention',
      'backendWorker.config.compaction.block_retention',
      'backendScheduler.config.provider.compaction.compaction.block_retention',
    ]) {
      const r = at(d, path);
      if (r === undefined) continue;
      const h = parseDurationHours(r);
      if (h !== null && h >= 1 && h <= 87600) s.settings.retentionHours = h;
      else errors.push({ message: 'not a duration such as 336h or 14d', key: path, line: doc.lineOf(path) });
    }
    const traces = d.traces;
    if (traces && typeof traces === 'object') {
      s.settings.receivers = {
        otlpGrpc: at(traces, 'otlp.grpc.enabled') === true,
        otlpHttp: at(traces, 'otlp.http.enabled') === true,
        jaeger: ['grpc', 'thriftBinary', 'thriftCompact', 'thriftHttp'].some(
          (p) => at(traces, `jaeger.${p}.enabled`) === true,
        ),
        zipkin: at(traces, 'zipkin.enabled') === true,
      };
    }
    kind = `Helm values for tempo-distributed ${v3 ? '3.x (Tempo 3.0)' : '1.x (Tempo 2.x)'}`;
  }
  if (errors.length) return { ok: false, errors };
  const checked = parseScenario({ ...normalizeScenario(s), name: base?.name ?? s.name });
  if (!checked.ok) return { ok: false, errors: checked.errors.map((message) => ({ message })) };
  return { ok: true, scenario: checked.value, warnings, kind };
}
