/**
 * docker-compose -> scenario: the Tempo services are those running the grafana/tempo image or a
 * `-target=` flag; their targets give the mode, their count (times deploy.replicas or scale) the
 * replicas, the image tag or the targets the version, and the mounted tempo.yaml, when the caller
 * can read it, the settings. Zone-aware live-stores (-live-store.instance-availability-zone) count
 * once per zone. Messages name the line and key.
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
  normalizeScenario,
  parseScenario,
  processKinds,
  type Scenario,
} from '../model/scenario';
import { tempoImage } from './common';
import { at, type ImportMessage, type ImportResult, type ParsedYaml, parseYamlMapping } from './messages';
import { importTempoConfig } from './tempoConfig';

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

/** A compose `command` as a list of arguments (a string is split on whitespace, quotes removed). */
function args(v: unknown): string[] | null {
  if (Array.isArray(v)) return v.map((x) => String(x));
  if (typeof v === 'string')
    return (v.match(/"[^"]*"|'[^']*'|\S+/g) ?? []).map((a) => a.replace(/^["']|["']$/g, ''));
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

/** Does this mapping look like a compose file with Tempo in it? */
export function looksLikeCompose(data: Record<string, unknown>): boolean {
  const services = data.services;
  if (!services || typeof services !== 'object' || Array.isArray(services)) return false;
  return Object.values(services).some((svc) => {
    const image = at(svc, 'image');
    return tempoImage(image) !== null || !!args(at(svc, 'command'))?.some((a) => /^--?target[= ]?/.test(a));
  });
}

function replicasOf(doc: ParsedYaml, name: string, errors: ImportMessage[]): number {
  for (const key of [`services.${name}.deploy.replicas`, `services.${name}.scale`]) {
    const v = at(doc.data, key);
    if (v === undefined) continue;
    if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 500) return v;
    errors.push({ message: 'replicas must be a whole number from 0 to 500', key, line: doc.lineOf(key) });
  }
  return 1;
}

/** The Tempo services of a parsed compose file. */
export function tempoServices(doc: ParsedYaml, errors: ImportMessage[]): TempoService[] {
  const services = doc.data.services as Record<string, unknown>;
  const out: TempoService[] = [];
  for (const [name, svc] of Object.entries(services)) {
    if (!svc || typeof svc !== 'object') continue;
    const image = at(svc, 'image');
    const isTempo = tempoImage(image) !== null;
    const cmdKey = `services.${name}.command`;
    const list = args(at(svc, 'command'));
    if (at(svc, 'command') !== undefined && list === null)
      errors.push({
        message: 'command must be a string or a list of strings',
        key: cmdKey,
        line: doc.lineOf(cmdKey),
      });
    const target = list ? flag(list, 'target') : undefined;
    if (!isTempo && target === undefined) continue;
    const mounts = Array.isArray(at(svc, 'volumes')) ? (at(svc, 'volumes') as unknown[]) : [];
    const configFile = list ? flag(list, 'config.file') : undefined;
    const mount = mounts
      .map((m) =>
        typeof m === 'string' ? m.split(':') : [String(at(m, 'source') ?? ''), String(at(m, 'target') ?? '')],
      )
      .find(([, dest]) => dest !== undefined && dest === configFile);
    out.push({
      name,
      target: target ?? 'all',
      replicas: replicasOf(doc, name, errors),
      zone: list ? flag(list, 'live-store.instance-availability-zone') : undefined,
      tag: tempoImage(image)?.tag,
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
      message: `Tempo images of two generations (${tags.join(', ')}); read as the first`,
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

const processKindsRun = (s: Scenario) => processKinds(s.tempoVersion, s.mode, s.settings);

export function importCompose(
  text: string,
  readMounted?: (path: string) => string | undefined,
  base?: Scenario,
): ImportResult {
  const parsed = parseYamlMapping(text);
  if (!parsed.ok) return parsed;
  const doc = parsed.doc;
  const errors: ImportMessage[] = [];
  const warnings: ImportMessage[] = [];
  if (!looksLikeCompose(doc.data))
    return {
      ok: false,
      errors: [
        { message: 'no Tempo service here (no grafana/tempo image, no -target flag)', key: 'services' },
      ],
    };
  const found = tempoServices(doc, errors).filter((f) => f.replicas > 0);
  const version = versionOf(found, doc, warnings);
  for (const f of found)
    if (!VALID_TARGETS[version].includes(f.target)) {
      const key = `services.${f.name}.command`;
      errors.push({
        message: `"${f.target}" is not a Tempo ${version} target (${VALID_TARGETS[version].join(', ')})`,
        key,
        line: doc.lineOf(key),
      });
    }
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
  const mode: DeploymentMode = found.some((f) => f.target === 'scalable-single-binary')
    ? 'scalable-single-binary'
    : found.every((f) => f.target === 'all')
      ? 'monolithic'
      : 'microservices';
  if (
    mode === 'microservices' &&
    found.some((f) => f.target === 'all' || f.target === 'scalable-single-binary')
  )
    warnings.push({
      message: 'single-binary services next to microservices: the single binaries are ignored',
      key: 'services',
    });

  // Settings from the mounted tempo.yaml, when it can be read.
  let s: Scenario = createScenario(version, mode);
  const path = found.find((f) => f.configPath)?.configPath;
  const configText = path ? readMounted?.(path) : undefined;
  if (configText !== undefined) {
    const r = importTempoConfig(configText, createScenario(version, mode), { keepTopology: true });
    if (r.ok) s = structuredClone({ ...r.scenario, tempoVersion: version, mode });
    else for (const e of r.errors) errors.push({ ...e, message: `${path}: ${e.message}` });
    if (r.ok) warnings.push(...r.warnings.map((w) => ({ ...w, message: `${path}: ${w.message}` })));
  } else
    warnings.push({
      message: path
        ? `${path} (the mounted tempo.yaml) was not read: storage, retention and receivers are the defaults; import it too to carry them`
        : 'no tempo.yaml mounted: settings are the defaults',
    });
  if (errors.length) return { ok: false, errors };

  const count = (target: string) =>
    found.filter((f) => f.target === target).reduce((a, f) => a + f.replicas, 0);
  const kinds =
    mode === 'microservices' ? PROCESS_KINDS.filter((k) => k !== 'tempo') : (['tempo'] as ProcessKind[]);
  if (mode === 'microservices') {
    if (count('metrics-generator') > 0) s.settings.metricsGenerator = true;
    if (version === '2.10')
      s.settings.compaction =
        count('backend-scheduler') + count('backend-worker') > 0 ? 'backend-scheduler' : 'compactor';
    if (version === '3.0' && !/auto_create_topic_default_partitions/.test(configText ?? '')) {
      // Partitions follow the consumers: one block-builder per partition, one live-store per partition per zone.
      const zones =
        new Set(found.filter((f) => f.target === 'live-store').map((f) => f.zone ?? '')).size || 1;
      const bb = count('block-builder');
      const p = bb > 0 ? bb : Math.round(count('live-store') / zones);
      if (p >= 1 && p <= 1000) s.settings.kafkaPartitions = p;
    }
  } else if (count('metrics-generator') > 0) s.settings.metricsGenerator = true;
  if (configText === undefined && Object.keys(doc.data.services as object).includes('minio'))
    s.settings.storageBackend = 's3';
  const n = normalizeScenario(s);
  for (const k of kinds) {
    const c = n.components[k];
    const target = k === 'tempo' ? (mode === 'scalable-single-binary' ? 'scalable-single-binary' : 'all') : k;
    const replicas = count(target);
    if (c && replicas > 0) n.components[k] = { ...c, replicas: Math.min(500, replicas) };
    else if (c && mode === 'microservices' && processKindsRun(n).includes(k))
      warnings.push({
        message: `no ${k} service: kept the playground's default of ${c.replicas}`,
        key: 'services',
      });
  }
  const checked = parseScenario({
    ...n,
    name: base?.name ?? `Imported docker-compose (Tempo ${version} ${mode})`,
  });
  if (!checked.ok) return { ok: false, errors: checked.errors.map((message) => ({ message })) };
  return {
    ok: true,
    scenario: checked.value,
    warnings,
    kind: `docker-compose (Tempo ${version} ${mode})`,
    ...(path && configText === undefined ? { awaitsConfig: path } : {}),
  };
}
