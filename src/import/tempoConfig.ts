/**
 * tempo.yaml -> scenario: version, mode, RF, partitions, storage, receivers, retention, limits.
 * A tempo.yaml holds no replica counts; the playground's own export lists them in its header
 * comment, and they are read back from there when present. Messages point at the line and key.
 */
import {
  type DeploymentMode,
  PROCESS_KINDS,
  type ProcessKind,
  type TempoVersion,
  VALID_TARGETS,
} from '../model/catalog';
import { createScenario, normalizeScenario, parseScenario, type Scenario } from '../model/scenario';
import { readLimits, readStorage, readWhole } from './common';
import { at, type ImportMessage, type ImportResult, type ParsedYaml, parseYamlMapping } from './messages';
import { parseDurationHours } from './units';

const ONLY_2_10 = ['ingester', 'compactor'];
const ONLY_3_0 = ['live_store', 'block_builder', 'ingest'];
const KNOWN_TOP = new Set([
  'target',
  'http_api_prefix',
  'server',
  'internal_server',
  'distributor',
  'ingester_client',
  'metrics_generator_client',
  'live_store_client',
  'querier',
  'query_frontend',
  'compactor',
  'ingester',
  'metrics_generator',
  'ingest',
  'block_builder',
  'storage',
  'overrides',
  'memberlist',
  'usage_report',
  'cache',
  'backend_scheduler',
  'backend_scheduler_client',
  'backend_worker',
  'live_store',
  'memory',
  'multitenancy_enabled',
  'stream_over_http_enabled',
  'auth_enabled',
]);

/** "  ingester: -target=ingester x3" lines in the playground's own export header. */
function replicasFromHeader(text: string): Partial<Record<ProcessKind, number>> {
  const out: Partial<Record<ProcessKind, number>> = {};
  for (const m of text.matchAll(/^#\s+([a-z-]+): (?:-target=[a-z-]+|target: all) x(\d+)\s*$/gm)) {
    const kind = m[1] as ProcessKind;
    const n = Number(m[2]);
    if ((PROCESS_KINDS as readonly string[]).includes(kind) && n >= 1 && n <= 500) out[kind] = n;
  }
  return out;
}

export function importTempoConfig(text: string, base?: Scenario): ImportResult {
  const parsed = parseYamlMapping(text);
  return parsed.ok ? tempoConfigFromYaml(parsed.doc, text, base) : parsed;
}

/** Unknown top-level blocks named one by one; past this many, one warning counts the rest. */
const MAX_UNKNOWN_WARNINGS = 10;

/** The importer on YAML already parsed (importAny parses once and picks the importer). */
export function tempoConfigFromYaml(doc: ParsedYaml, text: string, base?: Scenario): ImportResult {
  const parsed = { doc };
  const { data, lineOf } = doc;
  const warnings: ImportMessage[] = [];
  const errors: ImportMessage[] = [];
  const has = (k: string) => data[k] !== undefined;

  const unknown = Object.keys(data).filter((k) => !KNOWN_TOP.has(k));
  for (const k of unknown.slice(0, MAX_UNKNOWN_WARNINGS))
    warnings.push({ message: 'not a Tempo config block; ignored', key: k, line: lineOf(k) });
  if (unknown.length > MAX_UNKNOWN_WARNINGS)
    warnings.push({
      message: `${unknown.length - MAX_UNKNOWN_WARNINGS} more top-level keys are not Tempo config blocks; ignored`,
    });

  const target = data.target;
  if (target !== undefined && typeof target !== 'string') {
    errors.push({
      message: 'target must be a string such as all or distributor',
      key: 'target',
      line: lineOf('target'),
    });
  }
  const t = typeof target === 'string' ? target.trim() : undefined;
  const has210 = ONLY_2_10.filter(has);
  const has30 = ONLY_3_0.filter(has);

  // The playground's own export names its version in the header comment.
  const hint = text.match(/^#\s*Tempo (2\.10|3\.0)\b/m)?.[1] as TempoVersion | undefined;
  let version: TempoVersion;
  if (t === 'scalable-single-binary' || t === 'ingester' || t === 'compactor') {
    version = '2.10';
    if (hint === '3.0')
      errors.push({
        message: `target ${t} does not exist in Tempo 3.0 (it was removed)`,
        key: 'target',
        line: lineOf('target'),
      });
  } else if (hint) version = hint;
  else if (has210.length) {
    version = '2.10';
    if (has30.length)
      warnings.push({
        message: `2.10 blocks (${has210.join(', ')}) next to Kafka-path blocks (${has30.join(', ')}): read as 2.10 with its optional Kafka write path`,
        key: has30[0],
        line: lineOf(has30[0] ?? ''),
      });
  } else if (has30.length) version = '3.0';
  else {
    version = base?.tempoVersion ?? '2.10';
    warnings.push({ message: `nothing here tells Tempo 2.10 from 3.0; read as ${version}` });
  }
  if (t === 'scalable-single-binary' && has30.length) {
    warnings.push({
      message: `scalable-single-binary runs no Kafka consumer: ${has30.join(', ')} ${has30.length > 1 ? 'are' : 'is'} ignored`,
      key: has30[0],
      line: lineOf(has30[0] ?? ''),
    });
  }
  if (t !== undefined && !VALID_TARGETS[version].includes(t)) {
    errors.push({
      message: `"${t}" is not a Tempo ${version} target (${VALID_TARGETS[version].join(', ')})`,
      key: 'target',
      line: lineOf('target'),
    });
  }
  if (version === '3.0' && has210.length) {
    for (const k of has210)
      errors.push({
        message: 'Tempo 3.0 has no such block (the ingester and compactor were removed)',
        key: k,
        line: lineOf(k),
      });
  }

  // Tempo's default target is `all`; a shared microservices config has none (each process gets
  // -target) but joins a memberlist.
  const mode: DeploymentMode =
    t === 'scalable-single-binary'
      ? 'scalable-single-binary'
      : t === 'all' || (t === undefined && !has('memberlist'))
        ? 'monolithic'
        : 'microservices';

  if (errors.length) return { ok: false, errors };

  const start =
    base && base.tempoVersion === version && base.mode === mode ? base : createScenario(version, mode);
  const s: Scenario = structuredClone({ ...start, layout: undefined });
  s.tempoVersion = version;
  s.mode = mode;

  const rfKey = 'ingester.lifecycler.ring.replication_factor';
  const rf = readWhole(parsed.doc, rfKey, 1, 5, errors);
  if (rf !== undefined) {
    s.settings.replicationFactor = rf;
  } else if (at(data, rfKey) === undefined && version === '2.10' && mode !== 'monolithic') {
    s.settings.replicationFactor = 1;
    warnings.push({
      message:
        'no ingester.lifecycler.ring.replication_factor: Tempo uses 1, so one lost ingester loses writes',
    });
  }
  s.settings.kafkaPartitions =
    readWhole(parsed.doc, 'ingest.kafka.auto_create_topic_default_partitions', 1, 1000, errors) ??
    s.settings.kafkaPartitions;

  readStorage(parsed.doc, 'storage', s, errors);

  const rec = at(data, 'distributor.receivers');
  if (rec && typeof rec === 'object') {
    const protocols = at(rec, 'otlp.protocols');
    s.settings.receivers = {
      otlpGrpc: !!protocols && typeof protocols === 'object' && 'grpc' in protocols,
      otlpHttp: !!protocols && typeof protocols === 'object' && 'http' in protocols,
      jaeger: 'jaeger' in rec,
      zipkin: 'zipkin' in rec,
    };
  }

  for (const path of [
    'compactor.compaction.block_retention',
    'backend_worker.compaction.block_retention',
    'backend_scheduler.provider.compaction.compaction.block_retention',
  ]) {
    const v = at(data, path);
    if (v === undefined) continue;
    const h = parseDurationHours(v);
    if (h !== null && h >= 1 && h <= 87600) s.settings.retentionHours = h;
    else errors.push({ message: 'not a duration such as 336h or 14d', key: path, line: lineOf(path) });
  }
  if (version === '2.10' && mode === 'microservices') {
    s.settings.compaction =
      has('backend_scheduler') || has('backend_worker') ? 'backend-scheduler' : 'compactor';
  }

  s.settings.metricsGenerator = has('metrics_generator');
  readLimits(parsed.doc, 'overrides', s, errors);
  for (const legacy of ['ingestion_rate_limit_bytes', 'ingestion_burst_size_bytes', 'max_traces_per_user']) {
    if (at(data, `overrides.${legacy}`) !== undefined) {
      warnings.push({
        message:
          'legacy flat overrides: Tempo 3.0 refuses them unless overrides.enable_legacy_overrides is set; use overrides.defaults.ingestion.*',
        key: `overrides.${legacy}`,
        line: lineOf(`overrides.${legacy}`),
      });
    }
  }
  s.settings.metricsGenerator =
    has('metrics_generator') || at(data, 'overrides.defaults.metrics_generator') !== undefined;

  if (errors.length) return { ok: false, errors };
  const replicas = replicasFromHeader(text);
  const normalized = normalizeScenario(s);
  if (version === '3.0' && mode === 'microservices') {
    // Tempo needs one block-builder per partition and a live-store owner for each.
    const p = normalized.settings.kafkaPartitions;
    const bb = normalized.components['block-builder'];
    const ls = normalized.components['live-store'];
    if (bb && replicas['block-builder'] === undefined)
      normalized.components['block-builder'] = { ...bb, replicas: p };
    if (ls && replicas['live-store'] === undefined && ls.replicas < p)
      normalized.components['live-store'] = { ...ls, replicas: p };
  }
  for (const [kind, n] of Object.entries(replicas) as [ProcessKind, number][]) {
    const c = normalized.components[kind];
    if (c) normalized.components[kind] = { ...c, replicas: n };
  }
  const checked = parseScenario(normalized);
  if (!checked.ok) return { ok: false, errors: checked.errors.map((message) => ({ message })) };
  return { ok: true, scenario: checked.value, warnings, kind: `tempo.yaml (Tempo ${version})` };
}
