/**
 * Compare what `helm template` rendered from a Helm export with the scenario it came from: every
 * Tempo workload's -target, replicas, resources and image, and the tempo.yaml in the ConfigMap
 * (keys of the version, retention, receivers, storage, RF, Kafka, rings, remote_write).
 * Pure: scripts/check-deploy.ts runs Helm and hands the output here.
 */
import { parseAllDocuments } from 'yaml';
import { parseCpu, parseDurationHours, parseMemory } from '../import/units';
import { type ProcessKind, VALID_TARGETS } from '../model/catalog';
import { envsubstUnescape } from '../model/envsubst';
import { processKinds, type Scenario } from '../model/scenario';
import { IMAGE_TAG, partitionsPerBlockBuilder, SECRET_NAME } from './deploy';
import { unknownKeys } from './keyCheck';
import { envNames } from './tempoConfig';

type Obj = Record<string, unknown>;

export interface RenderedWorkload {
  kind: string;
  name: string;
  target: string;
  replicas: number;
  image: string;
  args: string[];
  cpu: number | null;
  memoryBytes: number | null;
  /** Secrets the container loads its environment from. */
  envFrom: string[];
}

export interface RenderCheck {
  problems: string[];
  workloads: RenderedWorkload[];
  objects: number;
}

const get = (o: unknown, path: string): unknown => {
  let cur: unknown = o;
  for (const k of path.split('.')) {
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Obj)[k];
  }
  return cur;
};
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Parse a multi-document YAML stream into its objects (skipping empty documents). */
export function parseObjects(text: string): Obj[] {
  return parseAllDocuments(text)
    .flatMap((d) => ('toJS' in d ? [d.toJS({ maxAliasCount: 1000 }) as unknown] : []))
    .filter((o): o is Obj => !!o && typeof o === 'object' && !Array.isArray(o));
}

/** Tempo workloads: Deployments and StatefulSets whose container runs grafana/tempo. */
export function tempoWorkloads(objects: Obj[], config: Obj | undefined): RenderedWorkload[] {
  const out: RenderedWorkload[] = [];
  for (const o of objects) {
    const kind = String(o.kind);
    if (kind !== 'Deployment' && kind !== 'StatefulSet') continue;
    for (const c of list(get(o, 'spec.template.spec.containers'))) {
      const image = String(get(c, 'image') ?? '');
      if (!/\/grafana\/tempo:|^grafana\/tempo:/.test(image)) continue;
      const args = list(get(c, 'args')).map(String);
      const flag = args.find((a) => a.startsWith('-target='))?.slice('-target='.length);
      const target = flag ?? (typeof config?.target === 'string' ? config.target : 'all');
      out.push({
        kind,
        name: String(get(o, 'metadata.name')),
        target,
        replicas: Number(get(o, 'spec.replicas') ?? 1),
        image,
        args,
        cpu: parseCpu(get(c, 'resources.limits.cpu')),
        memoryBytes: parseMemory(get(c, 'resources.limits.memory')),
        envFrom: list(get(c, 'envFrom')).map((e) => String(get(e, 'secretRef.name') ?? '')),
      });
    }
  }
  return out;
}

/** The tempo.yaml the chart mounts: the ConfigMap (or Secret) data key tempo.yaml. */
export function renderedConfig(objects: Obj[]): Obj | undefined {
  for (const o of objects) {
    const text = get(o, 'data') && (get(o, 'data') as Obj)['tempo.yaml'];
    if (o.kind === 'ConfigMap' && typeof text === 'string') {
      const docs = parseObjects(text);
      return docs[0];
    }
  }
  return undefined;
}

const close = (a: number | null, b: number) => a !== null && Math.abs(a - b) <= b * 0.001;

function receiversOn(config: Obj): Record<'otlpGrpc' | 'otlpHttp' | 'jaeger' | 'zipkin', boolean> {
  const r = get(config, 'distributor.receivers');
  const present = (p: string) => get(r, p) !== undefined && get(r, p) !== null;
  return {
    otlpGrpc: present('otlp.protocols.grpc'),
    otlpHttp: present('otlp.protocols.http'),
    jaeger: present('jaeger'),
    zipkin: present('zipkin'),
  };
}

function bucketOf(config: Obj): unknown {
  const t = get(config, 'storage.trace');
  const b = get(t, 's3.bucket') ?? get(t, 'gcs.bucket_name') ?? get(t, 'azure.container_name');
  // What Tempo uses once -config.expand-env=true has run over the file.
  return typeof b === 'string' ? envsubstUnescape(b) : b;
}

/** Every difference between the rendered objects and the scenario, in words. */
export function checkRendered(s: Scenario, text: string): RenderCheck {
  const objects = parseObjects(text);
  const config = renderedConfig(objects);
  const problems: string[] = [];
  const workloads = tempoWorkloads(objects, config);
  if (!config) problems.push('no ConfigMap with tempo.yaml');
  const v = s.tempoVersion;
  const micro = s.mode === 'microservices';
  const tag = IMAGE_TAG[v];

  // Workloads: one per process kind, each with the scenario's numbers.
  const kinds: ProcessKind[] = processKinds(v, s.mode, s.settings);
  const wantTarget = (k: ProcessKind) =>
    k === 'tempo' ? (s.mode === 'scalable-single-binary' ? 'scalable-single-binary' : 'all') : k;
  for (const k of kinds) {
    const want = s.components[k];
    const t = wantTarget(k);
    const found = workloads.filter((w) => w.target === t);
    if (found.length !== 1) {
      problems.push(`${found.length} workloads run -target=${t}, expected 1`);
      continue;
    }
    const w = found[0] as RenderedWorkload;
    if (!want) continue;
    if (w.replicas !== want.replicas)
      problems.push(`${t}: ${w.replicas} replicas, scenario has ${want.replicas}`);
    if (!close(w.cpu, want.cpu)) problems.push(`${t}: CPU limit ${w.cpu}, scenario has ${want.cpu}`);
    if (!close(w.memoryBytes, want.memoryBytes))
      problems.push(`${t}: memory limit ${w.memoryBytes}, scenario has ${want.memoryBytes}`);
    if (!w.image.endsWith(`:${tag}`)) problems.push(`${t}: image ${w.image}, expected tag ${tag}`);
    if (!w.args.includes('-config.expand-env=true')) problems.push(`${t}: no -config.expand-env=true`);
    if (!VALID_TARGETS[v].includes(w.target)) problems.push(`${t}: not a Tempo ${v} target`);
  }
  for (const w of workloads)
    if (!kinds.some((k) => wantTarget(k) === w.target))
      problems.push(`extra workload ${w.name} runs ${w.target}, which the scenario does not have`);
  if (!config) return { problems, workloads, objects: objects.length };

  // The config every process starts with, and the environment it reads.
  const env = envNames(config);
  if (env.length)
    for (const w of workloads)
      if (!w.envFrom.includes(SECRET_NAME))
        problems.push(`${w.target}: reads ${env.join(', ')} but loads no Secret ${SECRET_NAME}`);
  const keyList = v === '2.10' ? 'tempo-2.10' : 'tempo-3.0';
  for (const k of unknownKeys(keyList, config)) problems.push(`tempo.yaml: Tempo ${v} has no key ${k}`);
  const retentionPaths = [
    'compactor.compaction.block_retention',
    'backend_worker.compaction.block_retention',
    'backend_scheduler.provider.compaction.compaction.block_retention',
  ];
  const usesScheduler = v === '3.0' || (micro && s.settings.compaction === 'backend-scheduler');
  for (const p of retentionPaths) {
    const wanted = usesScheduler ? !p.startsWith('compactor') : p.startsWith('compactor');
    if (!wanted) continue;
    const h = parseDurationHours(get(config, p));
    if (h === null || Math.abs(h - Math.round(s.settings.retentionHours)) > 1e-6)
      problems.push(
        `retention ${p} is ${String(get(config, p))}, scenario has ${Math.round(s.settings.retentionHours)}h`,
      );
  }
  const on = receiversOn(config);
  for (const [k, want] of Object.entries(s.settings.receivers) as [keyof typeof on, boolean][])
    if (on[k] !== want)
      problems.push(`receiver ${k} is ${on[k] ? 'on' : 'off'}, scenario has it ${want ? 'on' : 'off'}`);
  const backend = get(config, 'storage.trace.backend');
  if (backend !== s.settings.storageBackend)
    problems.push(`storage backend ${String(backend)}, scenario has ${s.settings.storageBackend}`);
  if (s.settings.storageBackend !== 'local' && bucketOf(config) !== s.settings.bucket)
    problems.push(
      `bucket ${JSON.stringify(bucketOf(config))}, scenario has ${JSON.stringify(s.settings.bucket)}`,
    );
  if (v === '2.10' && s.mode !== 'monolithic') {
    const rf = get(config, 'ingester.lifecycler.ring.replication_factor');
    if (rf !== s.settings.replicationFactor)
      problems.push(`replication_factor ${String(rf)}, scenario has ${s.settings.replicationFactor}`);
  }
  if (s.mode !== 'monolithic' && list(get(config, 'memberlist.join_members')).length === 0)
    problems.push('no memberlist.join_members: replicas never find each other');
  if (v === '3.0' && micro) {
    const p = s.settings.kafkaPartitions;
    if (!get(config, 'ingest.kafka.address')) problems.push('no ingest.kafka.address');
    if (!get(config, 'ingest.kafka.topic')) problems.push('no ingest.kafka.topic');
    const parts = get(config, 'ingest.kafka.auto_create_topic_default_partitions');
    if (parts !== p) problems.push(`topic created with ${String(parts)} partitions, scenario has ${p}`);
    const per = get(config, 'block_builder.partitions_per_instance');
    const bb = workloads.find((w) => w.target === 'block-builder')?.replicas ?? 0;
    if (per !== partitionsPerBlockBuilder(s) || typeof per !== 'number' || per * bb !== p)
      problems.push(
        `block-builders: ${bb} x partitions_per_instance ${String(per)} does not cover ${p} partitions`,
      );
    const ls = workloads.find((w) => w.target === 'live-store')?.replicas ?? 0;
    if (ls !== p) problems.push(`${ls} live-stores for ${p} partitions (one zone)`);
  }
  if (s.settings.metricsGenerator && list(get(config, 'metrics_generator.storage.remote_write')).length === 0)
    problems.push('metrics-generator without remote_write: its metrics never leave the process');
  const several = (k: ProcessKind) =>
    (workloads.find((w) => w.target === k)?.replicas ?? 0) > 1 ||
    (s.mode === 'scalable-single-binary' && (s.components.tempo?.replicas ?? 1) > 1);
  if (kinds.includes('compactor') || (s.mode === 'scalable-single-binary' && v === '2.10'))
    if (several('compactor') && get(config, 'compactor.ring.kvstore.store') !== 'memberlist')
      problems.push('several compactors without compactor.ring.kvstore.store: memberlist');
  if (kinds.includes('backend-worker') && several('backend-worker')) {
    if (get(config, 'backend_worker.ring.kvstore.store') !== 'memberlist')
      problems.push('several backend-workers without backend_worker.ring.kvstore.store: memberlist');
    const pdb = objects.some(
      (o) => o.kind === 'PodDisruptionBudget' && String(get(o, 'metadata.name')).includes('backend-worker'),
    );
    if (!pdb) problems.push('no PodDisruptionBudget for the backend-workers');
  }
  if (micro && !String(get(config, 'querier.frontend_worker.frontend_address') ?? ''))
    problems.push('queriers have no frontend_address');
  // Every address in the config is a Service the chart creates (headless where dns+ needs every pod).
  const services = new Map(
    objects.filter((o) => o.kind === 'Service').map((o) => [String(get(o, 'metadata.name')), o] as const),
  );
  const addresses = [
    ...list(get(config, 'memberlist.join_members')).map(String),
    String(get(config, 'querier.frontend_worker.frontend_address') ?? ''),
    String(get(config, 'backend_worker.backend_scheduler_addr') ?? ''),
  ].filter((a) => a && !a.includes('${'));
  for (const a of addresses) {
    const host =
      a
        .replace(/^dns\+/, '')
        .replace(/:\d+$/, '')
        .split('.')[0] ?? '';
    const svc = services.get(host);
    if (!svc) problems.push(`${a}: no Service ${host} is rendered`);
    else if (a.startsWith('dns+') && get(svc, 'spec.clusterIP') !== 'None')
      problems.push(`${a}: Service ${host} is not headless, so it resolves to one address`);
  }
  return { problems, workloads, objects: objects.length };
}
