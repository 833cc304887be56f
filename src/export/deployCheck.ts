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
import { envNames, perTenantOverrides, SINGLE_TENANT } from './tempoConfig';

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
  /** Labels of the pod template (what a Service selects). */
  labels: Record<string, string>;
  /** Plain environment variables of the container (name -> value). */
  env: Record<string, string>;
  /** mountPath -> how that volume is backed: 'pvc', 'emptyDir', 'configMap', 'secret', 'other', or 'missing'. */
  mounts: Record<string, string>;
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

const stringMap = (v: unknown): Record<string, string> =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v as Obj).map(([k, x]) => [k, String(x)]))
    : {};

/** What backs each mount of a container: a claim (template or volume), an emptyDir, a ConfigMap... */
function mountsOf(workload: Obj, container: unknown): Record<string, string> {
  const claims = new Set(
    list(get(workload, 'spec.volumeClaimTemplates')).map((v) => String(get(v, 'metadata.name'))),
  );
  const volumes = new Map(
    list(get(workload, 'spec.template.spec.volumes')).map((v) => {
      const kinds = Object.keys(v as Obj).filter((k) => k !== 'name');
      const kind = kinds.includes('persistentVolumeClaim')
        ? 'pvc'
        : (['emptyDir', 'configMap', 'secret'].find((k) => kinds.includes(k)) ?? 'other');
      return [String(get(v, 'name')), kind] as const;
    }),
  );
  const out: Record<string, string> = {};
  for (const m of list(get(container, 'volumeMounts'))) {
    const name = String(get(m, 'name'));
    out[String(get(m, 'mountPath'))] = claims.has(name) ? 'pvc' : (volumes.get(name) ?? 'missing');
  }
  return out;
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
        labels: stringMap(get(o, 'spec.template.metadata.labels')),
        env: Object.fromEntries(
          list(get(c, 'env'))
            .filter((e) => get(e, 'value') !== undefined)
            .map((e) => [String(get(e, 'name')), String(get(e, 'value'))]),
        ),
        mounts: mountsOf(o, c),
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
    const host = hostOf(a);
    if (LOOPBACK.test(host)) continue;
    const svc = services.get(host);
    if (!svc) problems.push(`${a}: no Service ${host} is rendered`);
    else if (a.startsWith('dns+') && get(svc, 'spec.clusterIP') !== 'None')
      problems.push(`${a}: Service ${host} is not headless, so it resolves to one address`);
  }
  problems.push(...checkSemantics(s, objects, config, workloads));
  return { problems, workloads, objects: objects.length };
}

/** Targets whose process runs a query-frontend, a querier, a WAL it replays, a metrics-generator. */
const RUNS = {
  frontend: ['query-frontend', 'all', 'scalable-single-binary'],
  querier: ['querier', 'all', 'scalable-single-binary'],
  wal: ['ingester', 'all', 'scalable-single-binary'],
  generator: ['metrics-generator'],
};

/** Flags only Tempo reads: a container of another image that gets one stops or misreads it. */
const TEMPO_FLAG = /^-(config\.|target=|mem-ballast-size-mbs)/;

const LOOPBACK = /^(127\.0\.0\.1|localhost|\[::1\])$/;

/** The host of an address: a Service name (first DNS label) or an IP as written. */
const hostOf = (address: string) => {
  const host = address.replace(/^dns\+/, '').replace(/:\d+$/, '');
  return /^[\d.]+$|^\[|^localhost$/.test(host) ? host : (host.split('.')[0] ?? '');
};

const selects = (svc: Obj, w: RenderedWorkload) => {
  const sel = stringMap(get(svc, 'spec.selector'));
  return Object.keys(sel).length > 0 && Object.entries(sel).every(([k, v]) => w.labels[k] === v);
};

/** The mount a path lies under (the longest mountPath that is a prefix of it). */
function mountFor(w: RenderedWorkload, path: string): string | undefined {
  const hits = Object.keys(w.mounts).filter((m) => path === m || path.startsWith(`${m.replace(/\/$/, '')}/`));
  return hits.sort((a, b) => b.length - a.length)[0];
}

/**
 * What makes a rendered deployment run, beyond matching the scenario's numbers:
 * - the query-frontend address resolves before any pod is Ready (a process that runs a
 *   query-frontend is not Ready until a querier has connected: v2.10.8 cmd/tempo/app/app.go
 *   readyHandler, modules/frontend/v1/frontend.go CheckReady; a Service lists not-Ready pods only
 *   with publishNotReadyAddresses, and an OrderedReady StatefulSet creates pod N+1 only after pod N
 *   is Ready);
 * - no container of another image gets Tempo's flags (tempo-distributed 1.61.3 appends
 *   global.extraArgs to memcached, which reads -config.expand-env=true as -c and exits);
 * - no distributed mode on local storage (every pod keeps its own blocks);
 * - every Service an address names selects the pods that serve it, and every path a Tempo process
 *   writes (WAL, local blocks, generator WAL) lies on a mounted volume, the WAL on a claim.
 */
export function checkSemantics(
  s: Scenario,
  objects: Obj[],
  config: Obj | undefined,
  workloads: RenderedWorkload[],
): string[] {
  const problems: string[] = [];
  for (const o of objects) {
    if (!['Deployment', 'StatefulSet', 'DaemonSet', 'Job'].includes(String(o.kind))) continue;
    const pod = get(o, 'spec.template.spec');
    for (const c of [...list(get(pod, 'containers')), ...list(get(pod, 'initContainers'))]) {
      const image = String(get(c, 'image') ?? '');
      if (/(^|\/)grafana\/tempo:/.test(image)) continue;
      const flags = list(get(c, 'args'))
        .map(String)
        .filter((a) => TEMPO_FLAG.test(a));
      if (flags.length)
        problems.push(
          `${String(get(o, 'metadata.name'))}/${String(get(c, 'name'))} (${image}) gets Tempo's flags ${flags.join(' ')}: it is not Tempo and will misread them`,
        );
    }
  }
  if (!config) return problems;

  const tempoPods = workloads.reduce((n, w) => n + w.replicas, 0);
  if (get(config, 'storage.trace.backend') === 'local' && (workloads.length > 1 || tempoPods > 1))
    problems.push(
      `storage.trace.backend is local on ${tempoPods} Tempo pods: each keeps its own blocks, so queriers and compaction on the others never see them`,
    );

  const services = new Map(
    objects.filter((o) => o.kind === 'Service').map((o) => [String(get(o, 'metadata.name')), o] as const),
  );
  const frontends = workloads.filter((w) => RUNS.frontend.includes(w.target));
  const queriers = workloads.filter((w) => RUNS.querier.includes(w.target));
  const configured = String(get(config, 'querier.frontend_worker.frontend_address') ?? '');
  if (frontends.length)
    for (const q of queriers) {
      // Target `all` with no address uses its own gRPC port (v2.10.8 cmd/tempo/app/modules.go initQuerier).
      const address = configured || (q.target === 'all' ? '127.0.0.1:9095' : '');
      const host = hostOf(address);
      if (!address)
        problems.push(
          `${q.name}: no frontend_address: Tempo refuses to start a ${q.target} querier without one`,
        );
      else if (LOOPBACK.test(host)) {
        if (!RUNS.frontend.includes(q.target))
          problems.push(
            `${q.name}: frontend_address ${address} is its own pod, which runs no query-frontend`,
          );
      } else {
        const svc = services.get(host);
        if (!svc) problems.push(`frontend_address ${address}: no Service ${host} is rendered`);
        else {
          if (!frontends.some((w) => selects(svc, w)))
            problems.push(`Service ${host} (frontend_address) selects no pod that runs a query-frontend`);
          if (get(svc, 'spec.publishNotReadyAddresses') !== true)
            problems.push(
              `frontend_address ${address}: Service ${host} lists only Ready pods, and a query-frontend is Ready only once a querier has connected: no pod running one ever becomes Ready`,
            );
        }
      }
    }
  const scheduler = String(get(config, 'backend_worker.backend_scheduler_addr') ?? '');
  if (scheduler && workloads.some((w) => w.target === 'backend-scheduler')) {
    const svc = services.get(hostOf(scheduler));
    if (svc && !workloads.some((w) => w.target === 'backend-scheduler' && selects(svc, w)))
      problems.push(`Service ${hostOf(scheduler)} (backend_scheduler_addr) selects no backend-scheduler pod`);
  }
  for (const m of list(get(config, 'memberlist.join_members')).map(String)) {
    const svc = services.get(hostOf(m));
    if (svc && !workloads.some((w) => selects(svc, w)))
      problems.push(`Service ${hostOf(m)} (memberlist.join_members) selects no Tempo pod`);
  }

  // GCS reads a key file: every Tempo process points at one that a mounted Secret provides.
  if (get(config, 'storage.trace.backend') === 'gcs')
    for (const w of workloads) {
      const path = w.env.GOOGLE_APPLICATION_CREDENTIALS;
      const m = path ? mountFor(w, path) : undefined;
      if (!path) problems.push(`${w.name}: GCS storage without GOOGLE_APPLICATION_CREDENTIALS`);
      else if (!m || w.mounts[m] !== 'secret')
        problems.push(`${w.name}: GOOGLE_APPLICATION_CREDENTIALS ${path} is on no mounted Secret`);
    }

  // The per-tenant runtime overrides reach every Tempo process with the scenario's limits.
  const overridesPath = String(get(config, 'overrides.per_tenant_override_config') ?? '');
  if (!overridesPath)
    problems.push('overrides.per_tenant_override_config is not set: the per-tenant overrides are never read');
  else {
    const dir = overridesPath.replace(/\/[^/]*$/, '');
    for (const w of workloads)
      if (!w.mounts[dir])
        problems.push(`${w.name}: nothing is mounted at ${dir}, where ${overridesPath} is read`);
    const file = overridesPath.slice(dir.length + 1);
    const text = objects
      .filter((o) => o.kind === 'ConfigMap')
      .map((o) => get(o, 'data') as Obj | undefined)
      .map((d) => d?.[file])
      .find((x): x is string => typeof x === 'string');
    const tenant = text ? get(parseObjects(text)[0], `overrides.${SINGLE_TENANT}`) : undefined;
    const want = get(perTenantOverrides(s), `${SINGLE_TENANT}.ingestion.rate_limit_bytes`);
    if (!tenant) problems.push(`no ConfigMap carries ${file} with the tenant ${SINGLE_TENANT}`);
    else if (get(tenant, 'ingestion.rate_limit_bytes') !== want)
      problems.push(
        `${file}: ${SINGLE_TENANT} rate_limit_bytes ${String(get(tenant, 'ingestion.rate_limit_bytes'))}, scenario has ${String(want)}`,
      );
  }

  const wal = String(get(config, 'storage.trace.wal.path') ?? '/var/tempo/wal');
  const local = String(get(config, 'storage.trace.local.path') ?? '');
  const generator = String(get(config, 'metrics_generator.storage.path') ?? '');
  for (const w of workloads) {
    const needs: [string, string, boolean][] = [];
    if (RUNS.wal.includes(w.target) && s.tempoVersion === '2.10') needs.push(['WAL', wal, true]);
    if (['all', 'scalable-single-binary'].includes(w.target) && local)
      needs.push(['local blocks', local, true]);
    if (
      generator &&
      (RUNS.generator.includes(w.target) || (w.target === 'all' && s.settings.metricsGenerator))
    )
      needs.push(['metrics-generator WAL', generator, false]);
    for (const [what, path, claim] of needs) {
      const m = mountFor(w, path);
      const backing = m ? w.mounts[m] : undefined;
      if (!m || backing === 'missing') problems.push(`${w.name}: ${what} at ${path} is on no mounted volume`);
      else if (claim && backing !== 'pvc')
        problems.push(
          `${w.name}: ${what} at ${path} is on ${backing}, not a PersistentVolumeClaim: a restart loses what it holds`,
        );
    }
  }
  return problems;
}
