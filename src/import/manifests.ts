/**
 * Rendered Kubernetes manifests -> scenario: `helm template` output, `kubectl get ... -o yaml`
 * lists, or any multi-document YAML of Deployments, StatefulSets, Services, ConfigMaps and
 * Secrets (jsonnet/Tanka, an operator). The Tempo workloads are those whose container runs the
 * grafana/tempo image or passes -target; their -target (or the config's `target`, else `all`) gives
 * the process, spec.replicas the count, the container's resources the CPU and memory, the image tag
 * the version, and the tempo.yaml the container reads (-config.file) from its ConfigMap or Secret
 * (base64 under `data`) the settings. Messages name the document, line and key.
 */
import { type ProcessKind, type TempoVersion, VALID_TARGETS } from '../model/catalog';
import {
  createScenario,
  normalizeScenario,
  parseScenario,
  processKinds,
  type Scenario,
} from '../model/scenario';
import { modeOfTargets, tempoImage } from './common';
import { describeTempo, versionOfTag } from './helmValues';
import {
  at,
  type ImportMessage,
  type ImportResult,
  MAX_INPUT_CHARS,
  type ParsedYaml,
  parseYamlMapping,
} from './messages';
import { importTempoConfig } from './tempoConfig';
import { parseCpu, parseMemory } from './units';

/** Documents in one input; a helm template of a large chart has a few hundred. */
export const MAX_DOCUMENTS = 2000;
const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

interface K8sObject {
  kind: string;
  name: string;
  namespace?: string;
  data: Record<string, unknown>;
  /** Where the object starts, for messages: its document's first line and path prefix. */
  line: number;
  doc: ParsedYaml;
  prefix: string;
}

export interface TempoWorkload {
  object: K8sObject;
  target: string;
  replicas: number;
  tag?: string;
  cpu?: number;
  memoryBytes?: number;
  configText?: string;
  configFrom?: string;
}

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** Does this text look like Kubernetes objects (apiVersion and kind at the top of a document)? */
export function looksLikeManifests(data: Record<string, unknown>): boolean {
  return typeof data.apiVersion === 'string' && typeof data.kind === 'string';
}

/** Documents of a multi-document YAML stream, each with the line it starts on. */
function splitDocuments(text: string): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  const lines = text.split('\n');
  let start = 0;
  let current: string[] = [];
  const flush = () => {
    if (current.some((l) => l.trim() && !l.trimStart().startsWith('#')))
      out.push({ text: current.join('\n'), line: start + 1 });
    current = [];
  };
  for (const [i, l] of lines.entries()) {
    if (/^---(\s|$)/.test(l) || /^\.\.\.\s*$/.test(l)) {
      flush();
      start = i + 1;
      const rest = l.replace(/^---/, '');
      if (l.startsWith('---') && rest.trim() && !rest.trim().startsWith('#')) current.push(` ${rest}`);
      continue;
    }
    current.push(l);
  }
  flush();
  return out;
}

function toObject(
  data: unknown,
  doc: ParsedYaml,
  line: number,
  prefix: string,
  out: K8sObject[],
  errors: ImportMessage[],
) {
  if (!isMap(data)) return;
  const kind = data.kind;
  if (typeof kind !== 'string') return;
  if (kind === 'List' || kind.endsWith('List')) {
    const items = data.items;
    if (!Array.isArray(items)) return;
    for (const [i, item] of items.entries()) {
      if (out.length >= MAX_DOCUMENTS) return;
      toObject(item, doc, line, `${prefix}items.${i}.`, out, errors);
    }
    return;
  }
  const name = at(data, 'metadata.name');
  const ns = at(data, 'metadata.namespace');
  if (typeof name !== 'string') {
    if (WORKLOADS.has(kind) || kind === 'ConfigMap' || kind === 'Secret')
      errors.push({ message: `a ${kind} without metadata.name`, line, key: `${prefix}metadata.name` });
    return;
  }
  out.push({
    kind,
    name,
    namespace: typeof ns === 'string' ? ns : undefined,
    data,
    line,
    doc,
    prefix,
  });
}

/** Parse every document (each with the importers' limits) into Kubernetes objects. */
export function parseManifests(
  text: string,
): { ok: true; objects: K8sObject[] } | { ok: false; errors: ImportMessage[] } {
  if (text.length > MAX_INPUT_CHARS)
    return { ok: false, errors: [{ message: `the input is over ${MAX_INPUT_CHARS / 1e6} MB` }] };
  const docs = splitDocuments(text);
  if (docs.length > MAX_DOCUMENTS)
    return { ok: false, errors: [{ message: `more than ${MAX_DOCUMENTS} YAML documents` }] };
  const objects: K8sObject[] = [];
  const errors: ImportMessage[] = [];
  for (const d of docs) {
    const parsed = parseYamlMapping(d.text);
    if (!parsed.ok) {
      for (const e of parsed.errors.slice(0, 3))
        errors.push({ ...e, line: e.line === undefined ? d.line : d.line + e.line - 1 });
      if (errors.length >= 10) break;
      continue;
    }
    const offset = d.line - 1;
    const doc: ParsedYaml = {
      data: parsed.doc.data,
      lineOf: (path) => {
        const l = parsed.doc.lineOf(path);
        return l === undefined ? undefined : l + offset;
      },
    };
    toObject(parsed.doc.data, doc, d.line, '', objects, errors);
    if (objects.length > MAX_DOCUMENTS)
      return { ok: false, errors: [{ message: `more than ${MAX_DOCUMENTS} Kubernetes objects` }] };
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, objects };
}

/** A container's arguments (command then args), as strings. */
function argsOf(container: unknown): string[] {
  const list: string[] = [];
  for (const k of ['command', 'args']) {
    const v = at(container, k);
    if (Array.isArray(v))
      for (const a of v) if (typeof a === 'string' || typeof a === 'number') list.push(String(a));
  }
  return list;
}

function flag(list: string[], name: string): string | undefined {
  for (const [i, a] of list.entries()) {
    const bare = a.replace(/^--?/, '-');
    if (bare.startsWith(`-${name}=`)) return bare.slice(name.length + 2);
    if (bare === `-${name}`) return list[i + 1];
  }
  return undefined;
}

/** base64 as Kubernetes writes Secret data; null when it is not. */
function fromBase64(s: string): string | null {
  const clean = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) return null;
  try {
    const bin = atob(clean);
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  } catch {
    return null;
  }
}

/** The tempo.yaml a container reads: -config.file -> its volume mount -> the ConfigMap or Secret. */
function configOf(
  container: unknown,
  podSpec: unknown,
  namespace: string | undefined,
  objects: K8sObject[],
): { text?: string; from?: string; missing?: string } {
  const file = flag(argsOf(container), 'config.file');
  if (!file) return {};
  const mounts = at(container, 'volumeMounts');
  if (!Array.isArray(mounts)) return {};
  let best: { volume: string; key: string } | undefined;
  let bestLen = -1;
  for (const m of mounts) {
    const path = at(m, 'mountPath');
    const volume = at(m, 'name');
    if (typeof path !== 'string' || typeof volume !== 'string') continue;
    const sub = at(m, 'subPath');
    if (path === file && typeof sub === 'string') {
      best = { volume, key: sub };
      break;
    }
    const dir = path.endsWith('/') ? path : `${path}/`;
    if (file.startsWith(dir) && dir.length > bestLen) {
      best = { volume, key: file.slice(dir.length) };
      bestLen = dir.length;
    }
  }
  if (!best) return {};
  const volumes = at(podSpec, 'volumes');
  const vol = Array.isArray(volumes) ? volumes.find((v) => at(v, 'name') === best?.volume) : undefined;
  const sources: unknown[] = Array.isArray(at(vol, 'projected.sources'))
    ? (at(vol, 'projected.sources') as unknown[])
    : [vol];
  for (const src of sources) {
    for (const [field, kind, nameKey] of [
      ['configMap', 'ConfigMap', 'name'],
      ['secret', 'Secret', 'secretName'],
      ['secret', 'Secret', 'name'],
    ] as const) {
      const ref = at(src, field);
      const name = at(ref, nameKey);
      if (typeof name !== 'string') continue;
      const items = at(ref, 'items');
      const item = Array.isArray(items) ? items.find((i) => at(i, 'path') === best?.key) : undefined;
      const key = typeof at(item, 'key') === 'string' ? (at(item, 'key') as string) : best.key;
      const obj = objects.find(
        (o) =>
          o.kind === kind && o.name === name && (o.namespace ?? namespace) === (namespace ?? o.namespace),
      );
      const from = `${kind} ${name}, key ${key}`;
      if (!obj) return { missing: from };
      const plain = at(obj.data, 'stringData');
      const data = at(obj.data, 'data');
      const raw =
        isMap(plain) && typeof plain[key] === 'string' ? plain[key] : isMap(data) ? data[key] : undefined;
      if (typeof raw !== 'string') return { missing: from };
      const text = kind === 'Secret' && !(isMap(plain) && key in plain) ? fromBase64(raw) : raw;
      return text === null ? { missing: `${from} (not base64)` } : { text, from };
    }
  }
  return {};
}

/** The Tempo workloads among the objects. */
export function tempoWorkloads(objects: K8sObject[], errors: ImportMessage[]): TempoWorkload[] {
  const out: TempoWorkload[] = [];
  for (const o of objects) {
    if (!WORKLOADS.has(o.kind)) continue;
    const podSpec = at(o.data, 'spec.template.spec');
    const containers = at(podSpec, 'containers');
    if (!Array.isArray(containers)) continue;
    const container = containers.find(
      (c) => tempoImage(at(c, 'image')) !== null || argsOf(c).some((a) => /^--?target[= ]?/.test(a)),
    );
    if (!container) continue;
    const replicasKey = `${o.prefix}spec.replicas`;
    const r = at(o.data, 'spec.replicas');
    let replicas = 1;
    if (o.kind === 'DaemonSet') replicas = 1;
    else if (r !== undefined) {
      if (typeof r === 'number' && Number.isInteger(r) && r >= 0 && r <= 500) replicas = r;
      else {
        errors.push({
          message: `${o.kind} ${o.name}: replicas must be a whole number from 0 to 500`,
          key: replicasKey,
          line: o.doc.lineOf(replicasKey) ?? o.line,
        });
        continue;
      }
    }
    const resources = (which: 'cpu' | 'memory') => {
      const lim = at(container, `resources.limits.${which}`);
      const req = at(container, `resources.requests.${which}`);
      const v = lim ?? req;
      if (v === undefined) return undefined;
      const n = which === 'cpu' ? parseCpu(v) : parseMemory(v);
      if (n === null)
        errors.push({
          message: `${o.kind} ${o.name}: not a ${which === 'cpu' ? 'CPU quantity such as 2 or 500m' : 'memory quantity such as 4Gi'}`,
          line: o.line,
        });
      return n ?? undefined;
    };
    const cpu = resources('cpu');
    const mem = resources('memory');
    const config = configOf(container, podSpec, o.namespace, objects);
    out.push({
      object: o,
      target: flag(argsOf(container), 'target') ?? '',
      replicas,
      tag: tempoImage(at(container, 'image'))?.tag,
      cpu: cpu === undefined ? undefined : Math.min(256, Math.max(0.1, cpu)),
      memoryBytes: mem === undefined ? undefined : Math.min(4096 * 1024 ** 3, Math.max(64 * 1024 ** 2, mem)),
      configText: config.text,
      configFrom: config.from ?? config.missing,
    });
  }
  return out;
}

export function importManifests(text: string, base?: Scenario): ImportResult {
  const parsed = parseManifests(text);
  if (!parsed.ok) return parsed;
  return manifestsFromObjects(parsed.objects, base);
}

export function manifestsFromObjects(objects: K8sObject[], base?: Scenario): ImportResult {
  const errors: ImportMessage[] = [];
  const warnings: ImportMessage[] = [];
  const all = tempoWorkloads(objects, errors);
  if (errors.length) return { ok: false, errors };
  if (!all.length)
    return {
      ok: false,
      errors: [
        {
          message:
            'no Tempo workload here: no Deployment or StatefulSet runs the grafana/tempo image or passes -target',
        },
      ],
    };
  const found = all.filter((w) => w.replicas > 0);
  const where = (w: TempoWorkload) => ({
    key: `${w.object.kind} ${w.object.name}`,
    line: w.object.line,
  });

  // One shared tempo.yaml is the rule (the charts mount one ConfigMap into every component).
  const configs = [...new Set(found.map((w) => w.configText).filter((t): t is string => t !== undefined))];
  if (configs.length > 1)
    warnings.push({
      message: `the workloads read ${configs.length} different tempo.yaml files: settings are read from the first (${found.find((w) => w.configText === configs[0])?.configFrom})`,
    });
  const configText = configs[0];
  const configTarget = configText?.match(/^target:\s*["']?([a-z-]+)["']?\s*$/m)?.[1];
  for (const w of found) if (!w.target) w.target = configTarget ?? 'all';

  // Version: the image tags, else the targets.
  const tags = [
    ...new Set(found.map((w) => w.tag).filter((t): t is string => !!t && versionOfTag(t) !== null)),
  ];
  const byTag = tags.map((t) => versionOfTag(t) as TempoVersion);
  if (new Set(byTag).size > 1)
    warnings.push({ message: `Tempo images of two generations (${tags.join(', ')}); read as the first` });
  let version: TempoVersion;
  if (byTag[0]) version = byTag[0];
  else if (found.some((w) => ['ingester', 'compactor', 'scalable-single-binary'].includes(w.target)))
    version = '2.10';
  else if (found.some((w) => ['live-store', 'block-builder'].includes(w.target))) version = '3.0';
  else {
    version = '2.10';
    warnings.push({ message: 'no image tag or target tells Tempo 2.10 from 3.0; read as 2.10' });
  }
  for (const w of found)
    if (!VALID_TARGETS[version].includes(w.target))
      errors.push({
        message: `"${w.target}" is not a Tempo ${version} target (${VALID_TARGETS[version].join(', ')})`,
        ...where(w),
      });
  const consumers = found.filter((w) => w.target === 'block-builder' || w.target === 'live-store');
  if (version === '2.10' && consumers.length && !found.some((w) => w.target === 'ingester'))
    errors.push({
      message:
        "block-builders and live-stores with no ingester are Tempo 2.10's optional Kafka write path; the playground cannot draw that path for 2.10 (it models 2.10 with ingesters); the same path is Tempo 3.0 microservices, which it does draw",
      ...where(consumers[0] as TempoWorkload),
    });
  if (errors.length) return { ok: false, errors };

  const { mode, mixed } = modeOfTargets(found.map((w) => w.target));
  if (mixed)
    warnings.push({
      message: 'single-binary workloads next to microservices: the single binaries are ignored',
    });

  const count = (target: string) =>
    found.filter((w) => w.target === target).reduce((a, w) => a + w.replicas, 0);
  let s: Scenario = createScenario(version, mode);
  if (mode === 'microservices') {
    s.settings.metricsGenerator = count('metrics-generator') > 0;
    if (version === '2.10')
      s.settings.compaction =
        count('backend-scheduler') + count('backend-worker') > 0 ? 'backend-scheduler' : 'compactor';
    if (version === '3.0') {
      const bb = count('block-builder');
      if (bb >= 1 && bb <= 1000) s.settings.kafkaPartitions = bb;
    }
  }
  s = normalizeScenario(s);
  const kinds: ProcessKind[] = mode === 'microservices' ? processKinds(version, mode, s.settings) : ['tempo'];
  for (const k of kinds) {
    const target = k === 'tempo' ? (mode === 'scalable-single-binary' ? 'scalable-single-binary' : 'all') : k;
    const ws = found.filter((w) => w.target === target);
    const c = s.components[k];
    if (!c) continue;
    if (!ws.length) {
      errors.push({
        message: `no ${k} workload: a Tempo ${version} ${mode} cluster needs one, and the playground cannot draw it without`,
      });
      continue;
    }
    const first = ws[0] as TempoWorkload;
    s.components[k] = {
      replicas: Math.min(500, Math.max(1, count(target))),
      cpu: first.cpu ?? c.cpu,
      memoryBytes: first.memoryBytes ?? c.memoryBytes,
    };
  }
  if (errors.length) return { ok: false, errors };

  const from = found.find((w) => w.configText !== undefined)?.configFrom;
  let awaitsConfig: string | undefined;
  if (configText !== undefined) {
    const r = importTempoConfig(configText, s, { keepTopology: true });
    if (!r.ok)
      return { ok: false, errors: r.errors.map((e) => ({ ...e, message: `${from}: ${e.message}` })) };
    warnings.push(...r.warnings.map((w) => ({ ...w, message: `${from}: ${w.message}` })));
    const settings = { ...r.scenario.settings };
    if (mode === 'microservices') {
      // What runs decides these; the config only fills in the rest.
      settings.metricsGenerator = s.settings.metricsGenerator;
      settings.compaction = s.settings.compaction;
    }
    s = { ...s, settings };
    if (
      version === '3.0' &&
      mode === 'microservices' &&
      /auto_create_topic_default_partitions/.test(configText)
    )
      s.settings.kafkaPartitions = r.scenario.settings.kafkaPartitions;
  } else {
    const missing = found.find((w) => w.configFrom)?.configFrom;
    awaitsConfig = missing;
    warnings.push({
      message: missing
        ? `the tempo.yaml (${missing}) is not in these manifests: storage, retention and receivers are the defaults; import that tempo.yaml next to carry them`
        : 'no workload reads a tempo.yaml from a ConfigMap or Secret here: settings are the defaults',
    });
  }
  const tag = tags[0];
  const checked = parseScenario({
    ...normalizeScenario(s),
    name: base?.name ?? `Imported manifests (Tempo ${version} ${mode})`,
  });
  if (!checked.ok) return { ok: false, errors: checked.errors.map((message) => ({ message })) };
  return {
    ok: true,
    scenario: checked.value,
    warnings,
    kind: `Kubernetes manifests (${tag ? describeTempo(tag, version) : `Tempo ${version}`} ${mode}, ${found.length} Tempo workloads)`,
    ...(awaitsConfig ? { awaitsConfig } : {}),
  };
}
