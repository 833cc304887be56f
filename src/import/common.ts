import type { DeploymentMode } from '../model/catalog';
/** Blocks a tempo.yaml and the charts' values share (the charts copy them into Tempo's config). */
import { envsubstUnescape } from '../model/envsubst';
import { type Scenario, STORAGE_BACKENDS } from '../model/scenario';
import { at, type ImportMessage, type ParsedYaml, valueText } from './messages';

/** `<prefix>.trace.backend` and its bucket. */
export function readStorage(doc: ParsedYaml, prefix: string, s: Scenario, errors: ImportMessage[]) {
  const backendKey = `${prefix}.trace.backend`;
  const backend = at(doc.data, backendKey);
  if (backend !== undefined) {
    const b = valueText(backend) === 'filesystem' ? 'local' : valueText(backend);
    if ((STORAGE_BACKENDS as readonly string[]).includes(b))
      s.settings.storageBackend = b as Scenario['settings']['storageBackend'];
    else
      errors.push({
        message: `storage backend must be one of ${STORAGE_BACKENDS.join(', ')}`,
        key: backendKey,
        line: doc.lineOf(backendKey),
      });
  }
  const bucket =
    at(doc.data, `${prefix}.trace.s3.bucket`) ??
    at(doc.data, `${prefix}.trace.gcs.bucket_name`) ??
    at(doc.data, `${prefix}.trace.azure.container_name`);
  // Tempo reads these files with -config.expand-env=true: `$$` in the file is a `$` in the bucket.
  if (typeof bucket === 'string' && bucket.length <= 200) s.settings.bucket = envsubstUnescape(bucket);
}

/** `<prefix>.defaults.ingestion.*` rate limits and the metrics-generator switch. */
export function readLimits(doc: ParsedYaml, prefix: string, s: Scenario, errors: ImportMessage[]) {
  for (const [k, field] of [
    ['rate_limit_bytes', 'rateLimitBytes'],
    ['burst_size_bytes', 'burstSizeBytes'],
  ] as const) {
    const key = `${prefix}.defaults.ingestion.${k}`;
    const v = at(doc.data, key);
    if (v === undefined) continue;
    if (typeof v === 'number' && v >= 1 && v <= 1e12) s.settings[field] = v;
    else errors.push({ message: 'must be a number of bytes', key, line: doc.lineOf(key) });
  }
  if (at(doc.data, `${prefix}.defaults.metrics_generator`) !== undefined) s.settings.metricsGenerator = true;
  // overrides.defaults.compaction.compaction_disabled (modules/overrides/config.go at both tags).
  const cdKey = `${prefix}.defaults.compaction.compaction_disabled`;
  const cd = at(doc.data, cdKey);
  if (cd === true || cd === false) s.settings.compactionDisabled = cd || undefined;
  else if (cd !== undefined)
    errors.push({ message: 'must be true or false', key: cdKey, line: doc.lineOf(cdKey) });
}

/** A grafana/tempo image (or grafana/tempo-debug, the same binary with a debugger), with its tag. */
export function tempoImage(image: unknown): { tag?: string } | null {
  if (typeof image !== 'string') return null;
  const m = image.match(
    /^(?:[\w.-]+(?::\d+)?\/)?grafana\/tempo(?:-debug)?(?::([\w.-]+))?(?:@sha256:[0-9a-f]+)?$/,
  );
  return m ? (m[1] ? { tag: m[1] } : {}) : null;
}

/** A whole number in [min, max] at `key`: the value, undefined when absent, or an error with its line. */
export function readWhole(
  doc: ParsedYaml,
  key: string,
  min: number,
  max: number,
  errors: ImportMessage[],
): number | undefined {
  const v = at(doc.data, key);
  if (v === undefined) return undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max) return v;
  errors.push({ message: `must be a whole number from ${min} to ${max}`, key, line: doc.lineOf(key) });
  return undefined;
}

/**
 * The deployment mode a set of Tempo processes runs, from their -target values (one SSB target makes it
 * SSB, only `all` a monolith, anything else microservices); `mixed` when single binaries stand next
 * to microservices (they are ignored, and the caller says so).
 */
export function modeOfTargets(targets: readonly string[]): { mode: DeploymentMode; mixed: boolean } {
  const single = (t: string) => t === 'all' || t === 'scalable-single-binary';
  const mode: DeploymentMode = targets.includes('scalable-single-binary')
    ? 'scalable-single-binary'
    : targets.every((t) => t === 'all')
      ? 'monolithic'
      : 'microservices';
  return { mode, mixed: mode === 'microservices' && targets.some(single) };
}
