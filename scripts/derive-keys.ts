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
