/**
 * tempo.yaml -> scenario: version, mode, RF, partitions, storage, receivers, retention, limits.
 * A tempo.yaml holds no replica counts; the playground's own export lists them in its header
 * comment, and they are read back from there when present. Messages point at the line and key.
 */

import tempo210Keys from '../export/keys/tempo-2.10.json';
import tempo30Keys from '../export/keys/tempo-3.0.json';
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
/**
 * Top-level keys of Tempo's config, from the yaml tags of `app.Config` in cmd/tempo/app/config.go
 * at v2.10.8 and v3.0.3 (the manifests omit the `omitempty` switches such as shutdown_delay).
 */
const TOP_KEYS: Record<TempoVersion, ReadonlySet<string>> = (() => {
  const both = [
    'target',
    'auth_enabled',
    'multitenancy_enabled',
    'shutdown_delay',
    'stream_over_http_enabled',
    'http_api_prefix',
    'enable_go_runtime_metrics',
    'server',
    'internal_server',
    'distributor',
    'metrics_generator_client',
    'live_store_client',
    'querier',
    'query_frontend',
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
  ];
  return {
    '2.10': new Set([...both, 'ingester_client', 'compactor', 'ingester', 'partition_ring_live_store']),
    '3.0': new Set([...both, 'span_profiling', 'memory']),
  };
})();
const KNOWN_TOP = new Set([...TOP_KEYS['2.10'], ...TOP_KEYS['3.0']]);
/** Key paths of each version's manifest (scripts/derive-keys.ts): a path only one knows tells the version. */
const MANIFEST_KEYS: Record<TempoVersion, ReadonlySet<string>> = {
  '2.10': new Set(tempo210Keys),
  '3.0': new Set(tempo30Keys),
};

/** Leaf key paths of a config, at most `max` of them (free-form maps give a few extra; harmless). */
function leafPaths(data: unknown, max = 2000): string[] {
  const out: string[] = [];
  const stack: [unknown, string][] = [[data, '']];
  while (stack.length && out.length < max) {
    const [v, prefix] = stack.pop() as [unknown, string];
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length) {
      // At most `max` entries are ever looked at: a mapping of 32,000 keys costs no more than one of 2,000.
      for (const k in v) {
        if (stack.length + out.length >= max) break;
        stack.push([(v as Record<string, unknown>)[k], prefix ? `${prefix}.${k}` : k]);
      }
    } else if (prefix) out.push(prefix);
  }
  return out;
}

/**
 * Which version a config's keys point to: the key paths (and top-level keys) that only one
 * version's manifest or app.Config knows. Never the version open in the app.
 */
function keyEvidence(data: Record<string, unknown>): Record<TempoVersion, string[]> {
  const ev: Record<TempoVersion, string[]> = { '2.10': [], '3.0': [] };
  for (const k of Object.keys(data)) {
    if (TOP_KEYS['2.10'].has(k) && !TOP_KEYS['3.0'].has(k)) ev['2.10'].push(k);
    if (TOP_KEYS['3.0'].has(k) && !TOP_KEYS['2.10'].has(k)) ev['3.0'].push(k);
  }
  for (const p of leafPaths(data)) {
    if (!p.includes('.') || ev['2.10'].includes(p.split('.')[0] ?? '')) continue;
    const in210 = MANIFEST_KEYS['2.10'].has(p);
    const in30 = MANIFEST_KEYS['3.0'].has(p);
    if (in210 && !in30) ev['2.10'].push(p);
    if (in30 && !in210) ev['3.0'].push(p);
  }
  return ev;
}

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

export interface TempoConfigOptions {
  /**
   * The base is a topology read from a docker-compose file or Kubernetes manifests whose mounted
   * tempo.yaml was not read: a file with no `target` is that topology's shared config (each process
   * passes -target), so its processes are kept and the file fills in the settings.
   */
  keepTopology?: boolean;
}

export function importTempoConfig(
  text: string,
  base?: Scenario,
  options: TempoConfigOptions = {},
): ImportResult {
  const parsed = parseYamlMapping(text);
  return parsed.ok ? tempoConfigFromYaml(parsed.doc, text, base, options) : parsed;
}

/** Unknown top-level blocks named one by one; past this many, one warning counts the rest. */
const MAX_UNKNOWN_WARNINGS = 10;

/** The targets the playground's own export lists in its header, when it does. */
function headerMode(text: string): DeploymentMode | undefined {
  const targets = [...text.matchAll(/^#\s+[a-z-]+: (?:-target=([a-z-]+)|target: all) x\d+\s*$/gm)].map(
    (m) => m[1] ?? 'all',
  );
  if (!targets.length) return undefined;
  if (targets.includes('scalable-single-binary')) return 'scalable-single-binary';
  return targets.every((t) => t === 'all') ? 'monolithic' : 'microservices';
}

/** The importer on YAML already parsed (importAny parses once and picks the importer). */
export function tempoConfigFromYaml(
  doc: ParsedYaml,
  text: string,
  base?: Scenario,
  options: TempoConfigOptions = {},
): ImportResult {
  const parsed = { doc };
  const { data, lineOf } = doc;
  const warnings: ImportMessage[] = [];
  const errors: ImportMessage[] = [];
  const has = (k: string) => data[k] !== undefined;

  const unknown = Object.keys(data).filter((k) => !KNOWN_TOP.has(k));
  if (unknown.length === Object.keys(data).length)
    return {
      ok: false,
      errors: [
        {
          message: `not a Tempo config: none of its top-level keys (${unknown
            .slice(0, 5)
            .map((k) => k.slice(0, 40))
            .join(
              ', ',
            )}${unknown.length > 5 ? ', …' : ''}) is one Tempo reads; expected blocks such as server, distributor, storage`,
          line: 1,
        },
      ],
    };
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
  const evidence = keyEvidence(data);

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
  else if (has210.length || (evidence['2.10'].length && !evidence['3.0'].length)) {
    version = '2.10';
    if (has30.length)
      warnings.push({
        message: `2.10 blocks (${[...new Set([...has210, ...evidence['2.10'].map((p) => p.split('.')[0])])].join(', ')}) next to Kafka-path blocks (${has30.join(', ')}): read as 2.10 with its optional Kafka write path`,
        key: has30[0],
        line: lineOf(has30[0] ?? ''),
      });
  } else if (evidence['3.0'].length || has30.length) {
    version = '3.0';
    if (evidence['2.10'].length)
      warnings.push({
        message: `keys of both versions: ${evidence['3.0'].slice(0, 3).join(', ')} (3.0 only) and ${evidence['2.10'].slice(0, 3).join(', ')} (2.10 only); read as 3.0`,
      });
  } else {
    // Nothing in the file tells the versions apart: both run it. The answer does not depend on
    // the version open in the app, except when it fills in a topology read before.
    version = options.keepTopology && base ? base.tempoVersion : '2.10';
    warnings.push({
      message: `nothing here tells Tempo 2.10 from 3.0 (both accept every key): read as ${version}; switch the version in Configure if you run the other`,
    });
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
  if (version === '3.0') {
    for (const k of Object.keys(data).filter((k) => TOP_KEYS['2.10'].has(k) && !TOP_KEYS['3.0'].has(k)))
      errors.push({
        message: ONLY_2_10.includes(k)
          ? 'Tempo 3.0 has no such block (the ingester and compactor were removed)'
          : 'Tempo 3.0 has no such key (it was removed with the ingester)',
        key: k,
        line: lineOf(k),
      });
  }
  // Tempo 2.10's optional Kafka write path (distributor.kafka_write_path_enabled; v2.10.8
  // modules/distributor/config.go): the distributor writes to Kafka, block-builders and
  // live-stores consume. The playground draws 2.10 with ingesters only.
  const kafkaPath = version === '2.10' && at(data, 'distributor.kafka_write_path_enabled') === true;
  const ingesterPath = at(data, 'distributor.ingester_write_path_enabled') !== false;
  if (kafkaPath && !ingesterPath)
    return {
      ok: false,
      errors: [
        {
          message:
            "this cluster writes through Kafka only (kafka_write_path_enabled: true, ingester_write_path_enabled: false): Tempo 2.10's optional Kafka write path, where block-builders and live-stores consume the topic. The playground cannot draw that path for 2.10 (it models 2.10 with ingesters); the same path is Tempo 3.0 microservices, which it does draw",
          key: 'distributor.kafka_write_path_enabled',
          line: lineOf('distributor.kafka_write_path_enabled'),
        },
      ],
    };
  if (kafkaPath)
    warnings.push({
      message:
        'the distributors also write to Kafka (kafka_write_path_enabled): drawn with the ingester path only; the Kafka copy, its block-builders and live-stores are not shown',
      key: 'distributor.kafka_write_path_enabled',
      line: lineOf('distributor.kafka_write_path_enabled'),
    });

  // Tempo runs a config with no target as `all` (cmd/tempo/app/config.go: the target flag's default).
  const keep =
    options.keepTopology &&
    base !== undefined &&
    base.tempoVersion === version &&
    base.mode !== 'monolithic' &&
    (t === undefined || (t === 'scalable-single-binary' && base.mode === 'scalable-single-binary'));
  const fromHeader = t === undefined ? headerMode(text) : undefined;
  const mode: DeploymentMode = keep
    ? base.mode
    : t === 'scalable-single-binary'
      ? 'scalable-single-binary'
      : t === 'all' || t === undefined
        ? (fromHeader ?? 'monolithic')
        : 'microservices';
  if (
    t === undefined &&
    !options.keepTopology &&
    !fromHeader &&
    (has('memberlist') || at(data, 'querier.frontend_worker'))
  )
    warnings.push({
      message:
        'no target: Tempo runs this file as target all (one monolithic process). If each process passes -target (scalable single binary or microservices), import the docker-compose file or Kubernetes manifests that run them first, then this file',
      key: 'memberlist',
      line: lineOf('memberlist'),
    });

  if (errors.length) return { ok: false, errors };

  const start =
    base && (keep || (base.tempoVersion === version && base.mode === mode))
      ? base
      : createScenario(version, mode);
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
  // A receivers key with nothing under it (a chart with every receiver off) receives nothing.
  if ((rec && typeof rec === 'object') || rec === null) {
    const r = rec && typeof rec === 'object' ? rec : {};
    const protocols = at(r, 'otlp.protocols');
    s.settings.receivers = {
      otlpGrpc: !!protocols && typeof protocols === 'object' && 'grpc' in protocols,
      otlpHttp: !!protocols && typeof protocols === 'object' && 'http' in protocols,
      jaeger: 'jaeger' in r,
      zipkin: 'zipkin' in r,
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
  if (version === '2.10' && mode === 'microservices' && !keep) {
    s.settings.compaction =
      has('backend_scheduler') || has('backend_worker') ? 'backend-scheduler' : 'compactor';
  }

  // block_builder.assigned_partitions (v3.0.3 modules/blockbuilder/config.go): instance name ->
  // the partitions it consumes. Its instances are the block-builders, its partitions the topic's.
  const assignedKey = 'block_builder.assigned_partitions';
  const assigned = at(data, assignedKey);
  let assignedBuilders: number | undefined;
  if (assigned !== undefined) {
    const lists =
      assigned && typeof assigned === 'object' && !Array.isArray(assigned) ? Object.values(assigned) : null;
    const ids = lists?.every(
      (l) => Array.isArray(l) && l.every((x) => Number.isInteger(x) && x >= 0 && x < 1000),
    )
      ? (lists as number[][]).flat()
      : null;
    if (!lists || !ids || !lists.length)
      errors.push({
        message:
          'must map each block-builder instance to a list of partition numbers, such as block-builder-0: [0, 2]',
        key: assignedKey,
        line: lineOf(assignedKey),
      });
    else if (version === '3.0' && mode === 'microservices') {
      assignedBuilders = Math.min(500, lists.length);
      const p = Math.max(...ids) + 1;
      const explicit = at(data, 'ingest.kafka.auto_create_topic_default_partitions');
      if (explicit === undefined) s.settings.kafkaPartitions = p;
      const unread = Array.from({ length: s.settings.kafkaPartitions }, (_, i) => i).filter(
        (i) => !ids.includes(i),
      );
      if (unread.length)
        warnings.push({
          message: `no block-builder is assigned partition${unread.length > 1 ? 's' : ''} ${unread.slice(0, 10).join(', ')}: its spans never reach object storage`,
          key: assignedKey,
          line: lineOf(assignedKey),
        });
    } else if (mode === 'microservices')
      warnings.push({
        message: `${lists.length} block-builders named here: not drawn, the playground models Tempo 2.10 without block-builders`,
        key: assignedKey,
        line: lineOf(assignedKey),
      });
  }

  const mg = has('metrics_generator') || at(data, 'overrides.defaults.metrics_generator') !== undefined;
  s.settings.metricsGenerator = mg || (keep === true && s.settings.metricsGenerator);
  readLimits(parsed.doc, 'overrides', s, errors);
  if (s.settings.compactionDisabled)
    warnings.push({
      message:
        // Retention skips such tenants too: v2.10.8 tempodb/retention.go, v3.0.3
        // modules/backendscheduler/provider/retention.go.
        'compaction is off for every tenant, and so is retention: blocks pile up in the bucket until it is removed (keep it only while another cluster compacts the same bucket)',
      key: 'overrides.defaults.compaction.compaction_disabled',
      line: lineOf('overrides.defaults.compaction.compaction_disabled'),
    });
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

  if (errors.length) return { ok: false, errors };
  const replicas = replicasFromHeader(text);
  const normalized = normalizeScenario(s);
  if (version === '3.0' && mode === 'microservices') {
    // Tempo needs one block-builder per partition and a live-store owner for each.
    const p = normalized.settings.kafkaPartitions;
    const bb = normalized.components['block-builder'];
    const ls = normalized.components['live-store'];
    if (bb && replicas['block-builder'] === undefined && (!keep || assignedBuilders !== undefined))
      normalized.components['block-builder'] = { ...bb, replicas: assignedBuilders ?? p };
    if (keep && bb && assignedBuilders === undefined && bb.replicas !== p)
      warnings.push({
        message: `${p} partitions and ${bb.replicas} block-builders running: Tempo needs one block-builder per partition (partitions_per_instance: 1), so ${
          bb.replicas < p
            ? `${p - bb.replicas} partition(s) never reach object storage`
            : `${bb.replicas - p} block-builder(s) have no partition`
        }`,
        key: 'ingest.kafka.auto_create_topic_default_partitions',
        line: lineOf('ingest.kafka.auto_create_topic_default_partitions'),
      });
    if (ls && replicas['live-store'] === undefined && !keep && ls.replicas < p)
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
