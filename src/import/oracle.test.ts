/**
 * The oracle for the Helm values importer: for every chart CI values file and Tempo example
 * (fixtures/helm, and the charts' own ci/ folders when ../shared has them) and every Helm export of
 * the playground, import(values) equals import(what a real Helm renders from those values). The
 * values importer reads the chart's defaults from chartDefaults.json; the manifest importer reads
 * what the chart's templates made of them, so a default or template the values importer gets
 * wrong shows up here. Skipped, with the reason, only where Helm or the charts cannot be found.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { helmValues } from '../export/helm';
import { SUPPORTED_PAIRS } from '../model/modes';
import { createScenario } from '../model/scenario';
import { type ChartId, importHelmValues } from './helmValues';
import { importManifests } from './manifests';
import type { ImportResult } from './messages';

const root = join(import.meta.dirname, '..', '..');
const shared = join(root, '..', 'shared');
const CHART_DIRS: Record<ChartId, string> = {
  'tempo-2.2.4': 'tempo',
  'tempo-distributed-1.61.3': 'tempo-distributed-2',
  'tempo-distributed-3.3.0': 'tempo-distributed-3',
};
const PREFIX: Record<string, ChartId> = {
  tempo: 'tempo-2.2.4',
  d1: 'tempo-distributed-1.61.3',
  d3: 'tempo-distributed-3.3.0',
};

function findHelm(): { helm?: string; reason?: string } {
  if (!existsSync(join(shared, 'tempo', 'charts'))) return { reason: '../shared/tempo/charts is absent' };
  const get = join(shared, 'tools', 'get-helm');
  if (!existsSync(get)) return { reason: '../shared/tools/get-helm is absent' };
  try {
    const helm = execFileSync(get, { encoding: 'utf8' }).trim();
    return existsSync(helm) ? { helm } : { reason: `get-helm printed ${helm}, which does not exist` };
  } catch (e) {
    return { reason: `get-helm failed: ${(e as Error).message}` };
  }
}
const { helm, reason } = findHelm();

interface Case {
  name: string;
  chart: ChartId;
  values: string;
}

function cases(): Case[] {
  const out: Case[] = [];
  const fixtures = join(import.meta.dirname, 'fixtures', 'helm');
  for (const f of readdirSync(fixtures)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    const chart = PREFIX[f.split('--')[0] ?? ''];
    if (!chart) throw new Error(`${f}: the name must start with tempo--, d1-- or d3--`);
    out.push({ name: `fixture ${f}`, chart, values: readFileSync(join(fixtures, f), 'utf8') });
  }
  // The charts' own CI values, when the shared copy carries them.
  for (const [chart, dir] of Object.entries(CHART_DIRS) as [ChartId, string][]) {
    const ci = join(shared, 'tempo', 'charts', dir, 'ci');
    if (!existsSync(ci)) continue;
    for (const f of readdirSync(ci).filter((f) => f.endsWith('.yaml')))
      out.push({ name: `${dir}/ci/${f}`, chart, values: readFileSync(join(ci, f), 'utf8') });
  }
  for (const [v, m] of SUPPORTED_PAIRS) {
    const h = helmValues(createScenario(v, m));
    if (!h.support.ok) continue;
    const chart = (
      m === 'microservices'
        ? v === '3.0'
          ? 'tempo-distributed-3.3.0'
          : 'tempo-distributed-1.61.3'
        : 'tempo-2.2.4'
    ) as ChartId;
    out.push({ name: `the playground's Helm export, Tempo ${v} ${m}`, chart, values: h.yaml });
  }
  return out;
}

function render(chart: ChartId, values: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'oracle-'));
  try {
    const file = join(dir, 'values.yaml');
    writeFileSync(file, values);
    return execFileSync(
      helm as string,
      ['template', 'tempo', join(shared, 'tempo', 'charts', CHART_DIRS[chart]), '-f', file],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a user sees of an import: the cluster and its settings, or that it was refused. */
const seen = (r: ImportResult) =>
  r.ok
    ? {
        tempoVersion: r.scenario.tempoVersion,
        mode: r.scenario.mode,
        components: r.scenario.components,
        settings: r.scenario.settings,
      }
    : { refused: true };

describe.skipIf(!helm)(
  `import(values) = import(helm template values)${reason ? ` (skipped: ${reason})` : ''}`,
  () => {
    const all = cases();
    it('covers the CI values of both distributed charts, Tempo example and every chart export', () => {
      expect(all.filter((c) => c.chart === 'tempo-distributed-3.3.0').length).toBeGreaterThanOrEqual(5);
      expect(all.some((c) => c.name.includes('tempo-example'))).toBe(true);
      expect(all.filter((c) => c.name.includes('export')).length).toBeGreaterThanOrEqual(3);
    });
    for (const c of all) {
      it(c.name, () => {
        const fromValues = importHelmValues(c.values, undefined, c.chart);
        let rendered: string;
        try {
          rendered = render(c.chart, c.values);
        } catch (e) {
          // The chart refuses these values: so must the importer.
          expect(fromValues.ok, `helm refused: ${(e as { stderr?: string }).stderr ?? e}`).toBe(false);
          return;
        }
        const fromManifests = importManifests(rendered);
        expect(seen(fromManifests)).toEqual(seen(fromValues));
      }, 60_000);
    }
  },
);

describe('what the chart deploys, read from its defaults (issue cases)', () => {
  const read = (text: string) => {
    const r = importHelmValues(text);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r;
  };
  it("Tempo's Helm example: tempo-distributed 1.61.3, Tempo 2.9.0, one of each and 3 ingesters, 48 h", () => {
    const r = read(
      readFileSync(
        join(import.meta.dirname, 'fixtures', 'helm', 'd1--tempo-example-microservices.yaml'),
        'utf8',
      ),
    );
    expect(r.kind).toMatch(/tempo-distributed 1\.61\.3 \(Tempo 2\.9\.0, drawn as 2\.10\)/);
    expect(r.scenario.settings.retentionHours).toBe(48);
    const replicas = Object.fromEntries(
      Object.entries(r.scenario.components).map(([k, c]) => [k, c?.replicas]),
    );
    expect(replicas).toEqual({ distributor: 1, ingester: 3, 'query-frontend': 1, querier: 1, compactor: 1 });
    expect(r.warnings.map((w) => w.message).join('\n')).toMatch(
      /read as 1\.61\.3, since it has minio\.enabled/,
    );
  });
  it('tempo chart values without config: 24 h and jaeger on, as the chart renders', () => {
    const r = read('replicas: 1\ntempo:\n  storage:\n    trace:\n      backend: local\n');
    expect(r.scenario.settings.retentionHours).toBe(24);
    expect(r.scenario.settings.receivers.jaeger).toBe(true);
    expect(r.kind).toMatch(/tempo chart 2\.2\.4 \(Tempo 2\.10\.8\)/);
  });
  it('tempo-distributed 3.x with blockBuilder.enabled: false is refused with the reason, not drawn with 3', () => {
    const r = importHelmValues(
      'blockBuilder:\n  enabled: false\ningest:\n  kafka:\n    address: kafka:9092\n',
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ key: 'blockBuilder.enabled', line: 2 });
    if (!r.ok) expect(r.errors[0]?.message).toMatch(/deploys no block-builder/);
  });
  it('values that name no chart version say which they were read as', () => {
    const r = read('traces:\n  otlp:\n    grpc:\n      enabled: true\n');
    expect(r.kind).toMatch(/tempo-distributed 1\.61\.3 \(Tempo 2\.9\.0, drawn as 2\.10\)/);
    expect(r.warnings.map((w) => w.message).join('\n')).toMatch(
      /no component key tells tempo-distributed 1\.x .* read as 1\.61\.3, since it has no ingest\.kafka\.address/,
    );
    const v3 = read(
      'traces:\n  otlp:\n    grpc:\n      enabled: true\ningest:\n  kafka:\n    address: k:9092\n',
    );
    expect(v3.kind).toMatch(/tempo-distributed 3\.3\.0 \(Tempo 3\.0\.3\)/);
    expect(v3.scenario.components['block-builder']?.replicas).toBe(3);
  });
});
