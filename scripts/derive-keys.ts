/**
 * Derive the key-path lists the exporters are checked against, from Tempo's own config manifests
 * and the Helm charts' values files in ../shared/tempo. Commits the lists, never the sources.
 *   npx tsx scripts/derive-keys.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const shared = join(import.meta.dirname, '..', '..', 'shared', 'tempo');
const out = join(import.meta.dirname, '..', 'src', 'export', 'keys');

/** Every path to a leaf; an empty map or a list is a leaf too (its contents are free-form). */
function paths(doc: unknown, prefix = ''): string[] {
  if (doc && typeof doc === 'object' && !Array.isArray(doc)) {
    const entries = Object.entries(doc as Record<string, unknown>);
    if (entries.length === 0) return [prefix];
    return entries.flatMap(([k, v]) => paths(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

const sources: [string, string][] = [
  ['tempo-2.10.json', 'manifest-v2.10.8.yaml'],
  ['tempo-3.0.json', 'manifest-v3.0.3.yaml'],
  ['helm-tempo-2.2.4.json', 'chart-values/tempo-2.2.4.values.yaml'],
  ['helm-tempo-distributed-1.61.3.json', 'chart-values/tempo-distributed-1.61.3.values.yaml'],
  ['helm-tempo-distributed-3.3.0.json', 'chart-values/tempo-distributed-3.3.0.values.yaml'],
];
for (const [name, src] of sources) {
  const list = [...new Set(paths(parse(readFileSync(join(shared, src), 'utf8'))))].sort();
  writeFileSync(join(out, name), `${JSON.stringify(list, null, 0).replaceAll('","', '",\n"')}\n`);
  console.log(`${name}: ${list.length} key paths from ${src}`);
}

/**
 * The charts' own defaults the Helm values importer starts from (src/import/chartDefaults.json):
 * only the values it reads, so the import worker stays small. Chart name, version and the Tempo
 * version it deploys come from each chart's Chart.yaml.
 */
const COMPONENTS = [
  'distributor',
  'ingester',
  'queryFrontend',
  'querier',
  'compactor',
  'metricsGenerator',
  'blockBuilder',
  'liveStore',
  'backendScheduler',
  'backendWorker',
];
const charts: [string, string[]][] = [
  [
    'tempo',
    [
      'replicas',
      'tempo.repository',
      'tempo.tag',
      'tempo.retention',
      'tempo.receivers',
      'tempo.storage',
      'tempo.overrides',
      'tempo.resources',
      'tempo.metricsGenerator.enabled',
    ],
  ],
  ...['tempo-distributed-2', 'tempo-distributed-3'].map((c): [string, string[]] => [
    c,
    [
      ...COMPONENTS.flatMap((k) => [`${k}.enabled`, `${k}.replicas`, `${k}.resources`]),
      'ingester.config.replication_factor',
      'ingester.zoneAwareReplication.enabled',
      'compactor.config.compaction.block_retention',
      'backendScheduler.config.provider.compaction.compaction.block_retention',
      'backendWorker.config.compaction',
      'storage.trace.backend',
      'storage.trace.s3',
      'storage.trace.gcs',
      'storage.trace.azure',
      'traces',
      'ingest',
      'overrides',
      'tempo.image',
      'minio.enabled',
    ],
  ]),
];
const pick = (doc: unknown, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>(
      (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
      doc,
    );
const defaults: Record<string, unknown> = {};
for (const [dir, keep] of charts) {
  const chart = parse(readFileSync(join(shared, 'charts', dir, 'Chart.yaml'), 'utf8')) as Record<
    string,
    string
  >;
  const values = parse(readFileSync(join(shared, 'charts', dir, 'values.yaml'), 'utf8'));
  const out: Record<string, unknown> = {};
  for (const path of keep) {
    const v = pick(values, path);
    if (v === undefined) continue;
    const keys = path.split('.');
    let node = out;
    for (const k of keys.slice(0, -1)) {
      node[k] ??= {};
      node = node[k] as Record<string, unknown>;
    }
    node[keys[keys.length - 1] as string] = v;
  }
  defaults[`${chart.name}-${chart.version}`] = {
    chart: chart.name,
    version: chart.version,
    appVersion: chart.appVersion,
    values: out,
  };
}
const defaultsFile = join(import.meta.dirname, '..', 'src', 'import', 'chartDefaults.json');
writeFileSync(defaultsFile, `${JSON.stringify(defaults, null, 2)}\n`);
console.log(`chartDefaults.json: ${Object.keys(defaults).join(', ')}`);
