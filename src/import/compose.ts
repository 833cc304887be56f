/**
 * docker-compose -> scenario: the Tempo services are those running the grafana/tempo image (or
 * grafana/tempo-debug) or a `-target=` flag; their targets give the mode, their count (times
 * deploy.replicas or scale) the replicas, the image tag or the targets the version, and the mounted
 * tempo.yaml, when the caller can read it, the settings. Zone-aware live-stores
 * (-live-store.instance-availability-zone) count once per zone. Messages name the line and key.
 *
 * The file is read as Compose reads it: merge keys and extension fields (`<<: *tempo`), `${VAR}`
 * interpolation (every variable unset: the defaults, and a warning naming each), `entrypoint` before
 * `command`, string commands split as shell words, service names taken whole (`tempo.local`).
 */
import {
  type DeploymentMode,
  PROCESS_KINDS,
  type ProcessKind,
  type TempoVersion,
  VALID_TARGETS,
} from '../model/catalog';
import {
  createScenario,
  LIMITS,
  normalizeScenario,
  parseScenario,
  processKinds,
  type Scenario,
} from '../model/scenario';
import { validateScenario } from '../model/validate';
import { modeOfTargets } from './common';
import { interpolate, shellWords } from './composeSyntax';
import {
  excerpt,
  type ImportMessage,
  type ImportResult,
  type ParsedYaml,
  parseYamlMapping,
  valueText,
} from './messages';
import { importTempoConfig } from './tempoConfig';

/**
 * What reading a mounted file gave: its text; undefined when it is not there (the import goes on
 * with default settings and says so); or a refusal (outside the compose file's folder, not a
 * regular file, too large), which stops the import with that reason.
 */
export type MountRead = string | undefined | { refused: string };

export interface TempoService {
  name: string;
  target: string;
  replicas: number;
  zone?: string;
  tag?: string;
  configPath?: string;
}

const ONLY_2_10 = new Set(['ingester', 'compactor', 'scalable-single-binary']);
const ONLY_3_0 = new Set(['live-store', 'block-builder']);
const TEMPO_IMAGE = /(^|\/)grafana\/tempo(-debug)?(:|@|$)/;
/** Replicas one service may ask for (Compose has no limit; the app draws at most LIMITS.replicas). */
const MAX_SERVICE_REPLICAS = 1_000_000;
/** Unset variables named one by one; past this many, one warning counts the rest. */
const MAX_UNSET_WARNINGS = 10;

/**
 * Top-level blocks of a Tempo config (Tempo's config manifests at v2.10.8 and v3.0.3): a mounted
 * file with none of them is not read as one, and nothing of it is shown.
 */
const TEMPO_BLOCKS = new Set([
  'target',
  'server',
  'distributor',
  'ingester',
  'querier',
  'query_frontend',
  'compactor',
  'metrics_generator',
  'storage',
  'overrides',
  'memberlist',
  'ingest',
  'block_builder',
  'live_store',
  'backend_scheduler',
  'backend_worker',
  'stream_over_http_enabled',
  'multitenancy_enabled',
]);

const isRecord = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/** Interpolates every string in a value (keys stay as written, as in Compose). */
class Interpolator {
  readonly unset = new Map<string, { used: string; required: boolean }>();
  readonly invalid: { key: string; reason: string }[] = [];
  value(v: unknown, key: string): unknown {
    if (typeof v === 'string') {
      const r = interpolate(v);
      for (const u of r.unset)
        if (!this.unset.has(u.name)) this.unset.set(u.name, { used: u.used, required: !!u.required });
      if (r.invalid) this.invalid.push({ key, reason: r.invalid });
      return r.text;
    }
    if (Array.isArray(v)) return v.map((x) => this.value(x, key));
    if (isRecord(v)) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = this.value(x, key);
      return out;
    }
    return v;
  }
}

/** A compose `command` or `entrypoint` as a list of arguments; null when it is neither form. */
function argList(v: unknown): string[] | null {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.map((x) => valueText(x));
  if (typeof v === 'string') return shellWords(v);
  return null;
}

function flag(list: string[], name: string): string | undefined {
  for (const [i, a] of list.entries()) {
    const bare = a.replace(/^--?/, '-');
    if (bare.startsWith(`-${name}=`)) return bare.slice(name.length + 2);
    if (bare === `-${name}`) return list[i + 1];
  }
  return undefined;
}

const hasTargetFlag = (list: string[] | null) => !!list?.some((a) => /^--?target([= ]|$)/.test(a));

/** Does this mapping look like a compose file with Tempo in it? */
export function looksLikeCompose(data: Record<string, unknown>): boolean {
  const services = data.services;
  if (!isRecord(services)) return false;
  return Object.values(services).some((svc) => {
    if (!isRecord(svc)) return false;
    const image = svc.image;
    return (
      (typeof image === 'string' && TEMPO_IMAGE.test(interpolate(image).text)) ||
      hasTargetFlag(argList(svc.command)) ||
      hasTargetFlag(argList(svc.entrypoint))
    );
  });
}

interface Found extends TempoService {
  key: string[];
}

function replicasOf(
  doc: ParsedYaml,
  name: string,
  svc: Record<string, unknown>,
  errors: ImportMessage[],
): number {
  const deploy = isRecord(svc.deploy) ? svc.deploy : {};
  for (const [keys, v] of [
    [['services', name, 'deploy', 'replicas'], deploy.replicas],
    [['services', name, 'scale'], svc.scale],
  ] as const) {
    if (v === undefined || v === null) continue;
    // Interpolated numbers arrive as text ("${N:-3}"); Compose reads them as numbers.
    const n = typeof v === 'string' && /^[0-9]{1,7}$/.test(v.trim()) ? Number(v.trim()) : v;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= MAX_SERVICE_REPLICAS) return n;
    errors.push({
      message: `replicas must be a whole number from 0 (got ${excerpt(valueText(v))})`,
      key: keyText(keys),
      line: doc.lineOfKeys?.(keys),
    });
  }
  return 1;
}

const keyText = (keys: readonly string[]) => keys.map((k) => excerpt(k, 60)).join('.');

/** Source and target of each mount, short (`./a:/b:ro`) or long (`{source, target}`) syntax. */
function mounts(volumes: unknown): [string, string][] {
  if (!Array.isArray(volumes)) return [];
  const out: [string, string][] = [];
  for (const m of volumes) {
    if (typeof m === 'string') {
      const parts = m.split(':');
      if (parts.length >= 2) out.push([parts[0] as string, parts[1] as string]);
    } else if (isRecord(m) && typeof m.source === 'string' && typeof m.target === 'string')
      out.push([m.source, m.target]);
  }
  return out;
}

/** The Tempo services of a compose file whose strings are already interpolated. */
function tempoServices(doc: ParsedYaml, services: Record<string, unknown>, errors: ImportMessage[]): Found[] {
  const out: Found[] = [];
  for (const [name, svc] of Object.entries(services)) {
    if (!isRecord(svc)) continue;
    const image = svc.image;
    const isTempo = typeof image === 'string' && TEMPO_IMAGE.test(image);
    const list: string[] = [];
    for (const field of ['entrypoint', 'command'] as const) {
      const keys = ['services', name, field];
      const l = argList(svc[field]);
      if (l === null)
        errors.push({
          message:
            typeof svc[field] === 'string'
              ? `${field} has a quote that is never closed`
              : `${field} must be a string or a list of strings`,
          key: keyText(keys),
          line: doc.lineOfKeys?.(keys),
        });
      else list.push(...l);
    }
    const target = flag(list, 'target');
    if (!isTempo && target === undefined) continue;
    const configFile = flag(list, 'config.file');
    const mount = mounts(svc.volumes).find(([, dest]) => dest === configFile);
    const commandKey = svc.command === undefined && svc.entrypoint !== undefined ? 'entrypoint' : 'command';
    out.push({
      name,
      key: ['services', name, commandKey],
      target: target ?? 'all',
      replicas: replicasOf(doc, name, svc, errors),
      zone: flag(list, 'live-store.instance-availability-zone'),
      tag: typeof image === 'string' ? image.match(/grafana\/tempo(?:-debug)?:([\w.-]+)/)?.[1] : undefined,
      configPath: mount?.[0],
    });
  }
  return out;
}

function versionOf(found: TempoService[], doc: ParsedYaml, warnings: ImportMessage[]): TempoVersion {
  const tags = [...new Set(found.map((f) => f.tag).filter((t): t is string => !!t && /^\d/.test(t)))];
  const fromTag = tags.map((t): TempoVersion => (t.startsWith('2.') ? '2.10' : '3.0'));
  if (new Set(fromTag).size > 1)
    warnings.push({
      message: `Tempo images of two generations (${tags.map((t) => excerpt(t, 20)).join(', ')}); read as the first`,
      key: 'services',
    });
  if (fromTag[0]) return fromTag[0];
  if (found.some((f) => ONLY_2_10.has(f.target))) return '2.10';
  if (found.some((f) => ONLY_3_0.has(f.target))) return '3.0';
  warnings.push({
    message: 'no image tag or target tells Tempo 2.10 from 3.0; read as 2.10',
    key: 'services',
    line: doc.lineOf('services'),
  });
  return '2.10';
}

/**
 * Settings from the mounted tempo.yaml. A file that is not a Tempo config is named, never quoted:
 * a compose file from someone else may mount any file, and its content must not reach the output.
 */
function readMountedConfig(
  path: string,
  text: string,
  version: TempoVersion,
  mode: DeploymentMode,
  errors: ImportMessage[],
  warnings: ImportMessage[],
): Scenario | null {
  const shown = excerpt(path);
  const parsed = parseYamlMapping(text);
  if (!parsed.ok || !Object.keys(parsed.doc.data).some((k) => TEMPO_BLOCKS.has(k))) {
    errors.push({
      message: `${shown} (mounted as the config file) is not a Tempo config: ${parsed.ok ? 'none of its top-level keys is a Tempo config block' : 'not a YAML mapping'}; nothing of it is shown`,
    });
    return null;
  }
  const r = importTempoConfig(text, createScenario(version, mode));
  if (!r.ok) {
    for (const e of r.errors) errors.push({ ...e, message: `${shown}: ${e.message}` });
    return null;
  }
  warnings.push(...r.warnings.map((w) => ({ ...w, message: `${shown}: ${w.message}` })));
  return r.scenario;
}

const processKindsRun = (s: Scenario) => processKinds(s.tempoVersion, s.mode, s.settings);

export function importCompose(
  text: string,
  readMounted?: (path: string) => MountRead,
  base?: Scenario,
): ImportResult {
  const parsed = parseYamlMapping(text);
  return parsed.ok ? composeFromYaml(parsed.doc, readMounted, base) : parsed;
}

/** The importer on YAML already parsed (importAny parses once and picks the importer). */
export function composeFromYaml(
  doc: ParsedYaml,
  readMounted?: (path: string) => MountRead,
  base?: Scenario,
): ImportResult {
  const errors: ImportMessage[] = [];
  const warnings: ImportMessage[] = [];
  if (!looksLikeCompose(doc.data))
    return {
      ok: false,
      errors: [
        { message: 'no Tempo service here (no grafana/tempo image, no -target flag)', key: 'services' },
      ],
    };
  const interpolator = new Interpolator();
  const services: Record<string, unknown> = {};
  for (const [name, svc] of Object.entries(doc.data.services as Record<string, unknown>))
    services[name] = interpolator.value(svc, keyText(['services', name]));
  for (const { key, reason } of interpolator.invalid.slice(0, 5))
    errors.push({ message: `invalid interpolation: ${reason}`, key });
  const unset = [...interpolator.unset];
  for (const [name, u] of unset.slice(0, MAX_UNSET_WARNINGS))
    warnings.push({
      message: u.required
        ? `\${${excerpt(name, 40)}} is required (:? or ?) and not set: docker compose would refuse this file; read as empty`
        : `\${${excerpt(name, 40)}} is not set: read as ${u.used ? `its default "${excerpt(u.used)}"` : 'empty'}`,
      key: 'services',
    });
  if (unset.length > MAX_UNSET_WARNINGS)
    warnings.push({ message: `${unset.length - MAX_UNSET_WARNINGS} more variables are not set` });

  const found = tempoServices(doc, services, errors).filter((f) => f.replicas > 0);
  const version = versionOf(found, doc, warnings);
  for (const f of found)
    if (!VALID_TARGETS[version].includes(f.target))
      errors.push({
        message: `"${excerpt(f.target)}" is not a Tempo ${version} target (${VALID_TARGETS[version].join(', ')})`,
        key: keyText(f.key),
        line: doc.lineOfKeys?.(f.key),
      });
  // 2.10 block-builders and live-stores consume its optional Kafka write path, which the playground does not draw.
  const kafkaConsumers = found.filter((f) => f.target === 'block-builder' || f.target === 'live-store');
  if (version === '2.10' && kafkaConsumers.length) {
    const names = kafkaConsumers
      .map((f) => f.name)
      .slice(0, 4)
      .join(', ');
    if (!found.some((f) => f.target === 'ingester'))
      errors.push({
        message: `${names}: block-builders and live-stores with no ingester are Tempo 2.10's optional Kafka write path; the playground cannot draw that path for 2.10 (it models 2.10 with ingesters); the same path is Tempo 3.0 microservices, which it does draw`,
        key: 'services',
      });
    else
      warnings.push({
        message: `${names}: Tempo 2.10's optional Kafka write path is not drawn (only the ingester path is)`,
        key: 'services',
      });
  }
  if (errors.length) return { ok: false, errors };
  if (found.length === 0)
    return {
      ok: false,
      errors: [{ message: 'every Tempo service runs 0 replicas: nothing to draw', key: 'services' }],
    };
  const { mode, mixed } = modeOfTargets(found.map((f) => f.target));
  if (mixed)
    warnings.push({
      message: 'single-binary services next to microservices: the single binaries are ignored',
      key: 'services',
    });

  // Settings from the mounted tempo.yaml, when it can be read.
  let s: Scenario = createScenario(version, mode);
  const path = found.find((f) => f.configPath)?.configPath;
  const read = path !== undefined ? readMounted?.(path) : undefined;
  if (path !== undefined && typeof read === 'object')
    return {
      ok: false,
      errors: [{ message: `${excerpt(path)} (the mounted tempo.yaml) was not read: ${read.refused}` }],
    };
  const configText = typeof read === 'string' ? read : undefined;
  if (path !== undefined && configText !== undefined) {
    const fromConfig = readMountedConfig(path, configText, version, mode, errors, warnings);
    // Only the settings: the processes are the compose file's (a config read alone as another
    // mode would bring that mode's components along).
    if (fromConfig) s = { ...s, settings: structuredClone(fromConfig.settings) };
  } else
    warnings.push({
      message: path
        ? `${excerpt(path)} (the mounted tempo.yaml) was not read: storage, retention and receivers are the defaults; import it too to carry them`
        : 'no tempo.yaml mounted: settings are the defaults',
    });
  if (errors.length) return { ok: false, errors };

  const count = (target: string) =>
    found.filter((f) => f.target === target).reduce((a, f) => a + f.replicas, 0);
  const kinds =
    mode === 'microservices' ? PROCESS_KINDS.filter((k) => k !== 'tempo') : (['tempo'] as ProcessKind[]);
  const targetOf = (k: ProcessKind) =>
    k === 'tempo' ? (mode === 'scalable-single-binary' ? 'scalable-single-binary' : 'all') : k;
  const max = LIMITS.replicas.max;
  /** Replicas per kind as drawn: at most the app's limit, and said when cut. */
  const drawn = new Map<ProcessKind, number>(kinds.map((k) => [k, count(targetOf(k))]));
  if (mode === 'microservices') {
    if (count('metrics-generator') > 0) s.settings.metricsGenerator = true;
    if (version === '2.10')
      s.settings.compaction =
        count('backend-scheduler') + count('backend-worker') > 0 ? 'backend-scheduler' : 'compactor';
    if (version === '3.0') {
      const fromConfig = !!configText && /auto_create_topic_default_partitions/.test(configText);
      const bb = count('block-builder');
      if (!fromConfig) {
        // Partitions follow the consumers: one block-builder per partition, one live-store per partition per zone.
        const zones =
          new Set(found.filter((f) => f.target === 'live-store').map((f) => f.zone ?? '')).size || 1;
        const p = Math.min(max, bb > 0 ? bb : Math.round(count('live-store') / zones));
        if (p >= LIMITS.kafkaPartitions.min && p <= LIMITS.kafkaPartitions.max)
          s.settings.kafkaPartitions = p;
      }
      const p = s.settings.kafkaPartitions;
      if (bb > p && (fromConfig || bb <= max)) {
        warnings.push({
          message: `${bb.toLocaleString('en-US')} block-builders for ${p} Kafka partition${p === 1 ? '' : 's'}: Tempo gives each block-builder one partition, so ${(bb - p).toLocaleString('en-US')} would sit idle; read as ${p}`,
          key: 'services',
        });
        drawn.set('block-builder', p);
      }
    }
  }
  for (const [k, n] of drawn)
    if (n > max) {
      warnings.push({
        message: `${n.toLocaleString('en-US')} ${targetOf(k)} processes: the playground runs at most ${max} per component; read as ${max}`,
        key: 'services',
      });
      drawn.set(k, max);
    }
  if (mode !== 'microservices' && count('metrics-generator') > 0) s.settings.metricsGenerator = true;
  if (configText === undefined && Object.keys(services).includes('minio')) s.settings.storageBackend = 's3';
  const n = normalizeScenario(s);
  for (const k of kinds) {
    const c = n.components[k];
    const replicas = drawn.get(k) ?? 0;
    if (c && replicas > 0) n.components[k] = { ...c, replicas };
    else if (c && mode === 'microservices' && processKindsRun(n).includes(k))
      warnings.push({
        message: `no ${k} service: kept the playground's default of ${c.replicas}`,
        key: 'services',
      });
  }
  // Only the processes this version x mode runs: nothing left over from another mode.
  const run = new Set(processKindsRun(n));
  n.components = Object.fromEntries(
    Object.entries(n.components).filter(([k]) => run.has(k as ProcessKind)),
  ) as Scenario['components'];
  const checked = parseScenario({
    ...n,
    name: base?.name ?? `Imported docker-compose (Tempo ${version} ${mode})`,
  });
  if (!checked.ok) return { ok: false, errors: checked.errors.map((message) => ({ message })) };
  for (const issue of validateScenario(checked.value))
    if (issue.severity === 'error')
      warnings.push({ message: `as written, this file fails a check: ${issue.message}` });
  return {
    ok: true,
    scenario: checked.value,
    warnings,
    kind: `docker-compose (Tempo ${version} ${mode})`,
    ...(path && configText === undefined ? { awaitsConfig: path } : {}),
  };
}
