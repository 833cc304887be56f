// biome-ignore-all lint/suspicious/noTemplateCurlyInString: buckets that look like ${VAR} are the point
/**
 * User text in files Tempo expands (-config.expand-env=true): the bucket reaches Tempo as typed, in
 * tempo.yaml, the `tempo` chart's `config` and tempo-distributed's `storage`, and docker compose
 * and Tempo agree on it. Tempo's expansion is modelled on drone/envsubst v1.0.3 (parse/scan.go:
 * `$$` -> `$`, `\\` -> `\`, `\/` -> `/`, `${NAME}` -> the variable), run over the whole file text
 * before YAML parsing, as cmd/tempo/main.go does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { importTempoConfig } from '../import';
import { interpolate } from '../import/composeSyntax';
import { envsubstLiteral, envsubstUnescape } from '../model/envsubst';
import { SUPPORTED_PAIRS } from '../model/modes';
import { createScenario, type Scenario } from '../model/scenario';
import { composeExport } from './compose';
import { helmValues } from './helm';
import { tempoConfig } from './tempoConfig';

const ENV: Record<string, string> = {
  TEMPO_S3_SECRET_KEY: 'the-secret',
  TEMPO_S3_ACCESS_KEY: 'the-access-key',
  HOME: '/root',
};

/** Tempo's expansion of a file's text (drone/envsubst v1.0.3 at the top level). */
function expandEnv(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const n = text[i + 1];
    if (c === '$' && n === '$') {
      out += '$';
      i++;
    } else if (c === '\\' && (n === '\\' || n === '/')) {
      out += n;
      i++;
    } else if (c === '$' && n === '{') {
      const end = text.indexOf('}', i);
      out += ENV[text.slice(i + 2, end)] ?? '';
      i = end;
    } else out += c;
  }
  return out;
}

const bucketIn = (config: unknown): unknown => {
  const t = (config as { storage?: { trace?: Record<string, Record<string, unknown>> } }).storage?.trace;
  return t?.s3?.bucket ?? t?.gcs?.bucket_name ?? t?.azure?.container_name;
};

function scenarioWith(
  bucket: string,
  backend: Scenario['settings']['storageBackend'],
  v = '2.10',
  m = 'microservices',
) {
  const s = createScenario(v as Scenario['tempoVersion'], m as Scenario['mode']);
  s.settings = { ...s.settings, storageBackend: backend, bucket };
  return s;
}

/** The bucket Tempo runs with, read from every file of every export that reaches it. */
function bucketsTempoUses(s: Scenario): { where: string; bucket: unknown }[] {
  const out: { where: string; bucket: unknown }[] = [];
  out.push({ where: 'tempo.yaml', bucket: bucketIn(parse(expandEnv(tempoConfig(s).yaml))) });
  const h = helmValues(s);
  if (h.support.ok) {
    const values = parse(h.yaml) as { config?: string; storage?: unknown };
    // The charts pass `config` (tempo) and `storage` (tempo-distributed) through tpl into the
    // ConfigMap; `{{ "{{" }}` is how a literal `{{` survives tpl.
    const tpl = (t: string) => t.replaceAll('{{ "{{" }}', '{{');
    if (typeof values.config === 'string')
      out.push({ where: 'helm config', bucket: bucketIn(parse(expandEnv(tpl(values.config)))) });
    if (values.storage) {
      // tpl acts on the values (check:deploy proves it with a real Helm); the text is then expanded.
      const untpl = (x: unknown): unknown =>
        typeof x === 'string'
          ? tpl(x)
          : x && typeof x === 'object'
            ? Object.fromEntries(Object.entries(x).map(([k, y]) => [k, untpl(y)]))
            : x;
      const rendered = stringify({ storage: untpl(values.storage) }, { defaultStringType: 'QUOTE_DOUBLE' });
      out.push({ where: 'helm storage', bucket: bucketIn(parse(expandEnv(rendered))) });
    }
  }
  const compose = composeExport(s);
  const mounted = compose.files.find((f) => f.name === 'tempo.yaml')?.text ?? '';
  out.push({ where: 'compose tempo.yaml', bucket: bucketIn(parse(expandEnv(mounted))) });
  const minio = (
    parse(compose.files.find((f) => f.name === 'docker-compose.yaml')?.text ?? '') as {
      services: Record<string, { environment?: Record<string, string> }>;
    }
  ).services.minio;
  // Compose interpolates the compose file: BUCKET is what MinIO's entrypoint creates.
  if (minio?.environment?.BUCKET !== undefined)
    out.push({ where: 'compose MinIO BUCKET', bucket: interpolate(minio.environment.BUCKET).text });
  return out;
}

describe('a bucket that looks like a variable stays a bucket (item 3)', () => {
  it('${TEMPO_S3_SECRET_KEY} from a shared link is never the secret, in any file Tempo expands', () => {
    for (const [v, m] of SUPPORTED_PAIRS)
      for (const backend of ['s3', 'gcs', 'azure'] as const) {
        const s = scenarioWith('${TEMPO_S3_SECRET_KEY}', backend, v, m);
        for (const { where, bucket } of bucketsTempoUses(s))
          expect(bucket, `${v} ${m} ${backend} ${where}`).toBe('${TEMPO_S3_SECRET_KEY}');
        const yaml = tempoConfig(s).yaml;
        expect(yaml).not.toContain('the-secret');
        // The header lists only the variables the config really reads.
        if (backend === 'gcs') expect(yaml).not.toContain('Environment (read with');
      }
  });

  it('generated buckets (1,000): Tempo, the charts and compose all use the bucket as typed', () => {
    const text = fc.string({
      unit: fc.constantFrom('$', '{', '}', '\\', '/', 'a', 'B_', '"', "'", ':', ' ', '#', '\n', '{{'),
    });
    fc.assert(
      fc.property(
        text.filter((b) => b.length > 0 && b.length <= 60),
        fc.constantFrom(...SUPPORTED_PAIRS),
        fc.constantFrom('s3' as const, 'gcs' as const, 'azure' as const),
        (bucket, [v, m], backend) => {
          for (const { where, bucket: used } of bucketsTempoUses(scenarioWith(bucket, backend, v, m)))
            expect(used, where).toBe(bucket);
        },
      ),
      { numRuns: 1000 },
    );
  }, 120_000);

  it('the tempo.yaml importer reads an escaped bucket back as typed', () => {
    for (const bucket of ['${TEMPO_S3_SECRET_KEY}', 'a$$b', 'back\\slash\\/', 'plain']) {
      const r = importTempoConfig(tempoConfig(scenarioWith(bucket, 's3')).yaml);
      expect(r.ok && r.scenario.settings.bucket, bucket).toBe(bucket);
    }
    expect(envsubstUnescape(envsubstLiteral('$${X}\\/'))).toBe('$${X}\\/');
  });
});
