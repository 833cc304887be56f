/**
 * Is every key path an exporter writes one that Tempo (or the chart) knows? The lists are derived
 * from Tempo's config manifests and the charts' values files by scripts/derive-keys.ts.
 */
import helmTempo from './keys/helm-tempo-2.2.4.json';
import helmDist1 from './keys/helm-tempo-distributed-1.61.3.json';
import helmDist3 from './keys/helm-tempo-distributed-3.3.0.json';
import tempo210 from './keys/tempo-2.10.json';
import tempo30 from './keys/tempo-3.0.json';

/**
 * Free-form maps the manifests print empty (or omit), under which any key is Tempo's to accept:
 * - distributor.receivers: the OpenTelemetry receivers block (manifest: `receivers: {}`);
 * - memberlist.join_members: a list (manifest: `join_members: []`);
 * - overrides.defaults.metrics_generator: per-tenant generator settings (Tempo's overrides docs).
 */
const TEMPO_OPEN: readonly string[] = [
  'distributor.receivers',
  'memberlist.join_members',
  'overrides.defaults.metrics_generator',
  // A list of Prometheus remote-write configs (modules/generator/storage/config.go, `remote_write,omitempty`).
  'metrics_generator.storage.remote_write',
  // map[string]string (modules/generator/registry/config.go, `external_labels,omitempty`).
  'metrics_generator.registry.external_labels',
];

/**
 * Keys Tempo accepts that its manifests omit (`omitempty` fields and inlined structs), confirmed in
 * Tempo's source at v2.10.8 and v3.0.3: cmd/tempo/app/config.go (the two top-level switches) and
 * modules/frontend/config.go (SLOConfig inlined into the search, trace_by_id and metrics blocks).
 */
const TEMPO_EXTRA: readonly string[] = [
  // modules/overrides/config.go CompactionOverrides (`compaction_disabled,omitempty`), both tags.
  'overrides.defaults.compaction.compaction_disabled',
  'multitenancy_enabled',
  'stream_over_http_enabled',
  ...['search', 'trace_by_id', 'metrics'].flatMap((b) => [
    `query_frontend.${b}.duration_slo`,
    `query_frontend.${b}.throughput_bytes_slo`,
  ]),
];
/**
 * Chart values that are Kubernetes objects or blocks the charts copy verbatim into Tempo's config
 * (`toYaml`): resources, receiver configs, overrides, and the storage block (Tempo's own keys).
 */
const HELM_OPEN: readonly string[] = [
  'resources',
  'receiverConfig',
  'overrides.defaults',
  'tempo.overrides.defaults',
  'tempo.storage.trace',
  'storage.trace',
  'config.replication_factor',
  'tempo.receivers',
];

/**
 * Keys a chart's templates read that its values.yaml lacks: tempo-distributed 3.3.0's
 * templates/backend-worker/poddisruptionbudget-backend-worker.yaml reads both when
 * backendWorker.replicas > 1, and fails to render without the first.
 */
const HELM_TEMPLATE_KEYS: readonly string[] = [
  'backendWorker.podDisruptionBudget.enabled',
  'backendWorker.maxUnavailable',
];

export type KeyList =
  | 'tempo-2.10'
  | 'tempo-3.0'
  | 'helm-tempo-2.2.4'
  | 'helm-tempo-distributed-1.61.3'
  | 'helm-tempo-distributed-3.3.0';

const LISTS: Record<KeyList, ReadonlySet<string>> = {
  'tempo-2.10': new Set([...tempo210, ...TEMPO_EXTRA]),
  'tempo-3.0': new Set([...tempo30, ...TEMPO_EXTRA]),
  'helm-tempo-2.2.4': new Set(helmTempo),
  'helm-tempo-distributed-1.61.3': new Set(helmDist1),
  'helm-tempo-distributed-3.3.0': new Set([...helmDist3, ...HELM_TEMPLATE_KEYS]),
};

/** Leaf paths of a plain object; lists and empty maps are leaves. */
export function leafPaths(doc: unknown, prefix = ''): string[] {
  if (doc && typeof doc === 'object' && !Array.isArray(doc)) {
    const entries = Object.entries(doc as Record<string, unknown>);
    if (entries.length === 0) return [prefix];
    return entries.flatMap(([k, v]) => leafPaths(v, prefix ? `${prefix}.${k}` : k));
  }
  return [prefix];
}

function isOpen(path: string, list: KeyList): boolean {
  const open = list.startsWith('tempo-') ? TEMPO_OPEN : HELM_OPEN;
  return open.some(
    (o) => path === o || path.startsWith(`${o}.`) || path.includes(`.${o}.`) || path.endsWith(`.${o}`),
  );
}

function isEmptyAt(doc: unknown, path: string): boolean {
  let cur: unknown = doc;
  for (const k of path.split('.'))
    cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
  return cur === null || (typeof cur === 'object' && !Array.isArray(cur) && Object.keys(cur).length === 0);
}

/** The key paths of `doc` that `list` does not know. Empty means every key is real. */
export function unknownKeys(list: KeyList, doc: unknown): string[] {
  const known = LISTS[list];
  return leafPaths(doc).filter((p) => {
    if (known.has(p) || isOpen(p, list)) return false;
    // An empty or null block whose children the source lists (e.g. `overrides.defaults: {}`).
    if (isEmptyAt(doc, p) && [...known].some((k) => k.startsWith(`${p}.`))) return false;
    // A leaf written under a key the source lists as a leaf map ({}), e.g. tempo.storage.trace.s3.
    const parts = p.split('.');
    for (let i = parts.length - 1; i > 0; i--) if (known.has(parts.slice(0, i).join('.'))) return false;
    return true;
  });
}
