/**
 * `npm run check:deploy`: render every Helm export with a real Helm against the charts in
 * ../shared/tempo/charts, compare the rendered objects with the scenario, check each tempo.yaml
 * against its version's keys and each docker-compose file against the Compose schema. Writes what
 * passed to src/export/proven.json, which the Export panel quotes. Exit 1 on any difference.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { checkCompose } from '../src/export/composeCheck';
import { IMAGE_TAG } from '../src/export/deploy';
import { checkRendered, parseObjects, renderedConfig, tempoWorkloads } from '../src/export/deployCheck';
import { deployVariants } from '../src/export/deployVariants';
import { escapeTpl, helmValues } from '../src/export/helm';
import { unknownKeys } from '../src/export/keyCheck';
import { type Proven, summarize, type VariantResult } from '../src/export/proven';
import { tempoConfig } from '../src/export/tempoConfig';
import type { Scenario } from '../src/model/scenario';

const root = join(import.meta.dirname, '..');
const shared = join(root, '..', 'shared');
if (!existsSync(join(shared, 'tempo', 'charts'))) {
  console.log('check:deploy SKIPPED: ../shared/tempo/charts is absent, so no Helm rendering was checked.');
  process.exit(0);
}

const CHART_DIRS: Record<string, string> = {
  'tempo 2.2.4': 'tempo',
  'tempo-distributed 1.61.3': 'tempo-distributed-2',
  'tempo-distributed 3.3.0': 'tempo-distributed-3',
};
for (const [want, dir] of Object.entries(CHART_DIRS)) {
  const meta = parse(readFileSync(join(shared, 'tempo', 'charts', dir, 'Chart.yaml'), 'utf8'));
  if (`${meta.name} ${meta.version}` !== want) {
    console.error(`check:deploy: charts/${dir} is ${meta.name} ${meta.version}, expected ${want}`);
    process.exit(1);
  }
}

const helm = execFileSync(join(shared, 'tools', 'get-helm'), { encoding: 'utf8' }).trim();

/**
 * The reason given for 3.0 monolithic, proved on the chart: with the scenario's 3.0 tempo.yaml as
 * `config` and the 3.0 image, the rendered config has only 3.0 keys (the config blocks can be
 * overridden), and the container still gets -mem-ballast-size-mbs, a flag Tempo 3.0 does not know.
 */
function ballastStillFatal(s: Scenario): string[] {
  const file = join(work, 'values-3.0-monolithic.yaml');
  writeFileSync(
    file,
    stringify({ tempo: { tag: IMAGE_TAG['3.0'] }, config: escapeTpl(tempoConfig(s).yaml) }),
  );
  const out = execFileSync(
    helm,
    ['template', 'playground', join(shared, 'tempo', 'charts', 'tempo'), '-f', file],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const objects = parseObjects(out);
  const config = renderedConfig(objects);
  const problems: string[] = [];
  const unknown = unknownKeys('tempo-3.0', config);
  if (!config || unknown.length)
    problems.push(
      `tempo chart with a 3.0 config: the rendered tempo.yaml has keys 3.0 refuses (${unknown.join(', ')}), so the reason understates it`,
    );
  const args = tempoWorkloads(objects, config).flatMap((w) => w.args);
  if (!args.some((a) => a.startsWith('-mem-ballast-size-mbs')))
    problems.push(
      'tempo chart no longer passes -mem-ballast-size-mbs: the reason 3.0 monolithic is refused is stale',
    );
  return problems;
}
const helmVersion =
  execFileSync(helm, ['version', '--short'], { encoding: 'utf8' }).trim().split('+')[0] ?? '';
const work = mkdtempSync(join(tmpdir(), 'check-deploy-'));
const results: VariantResult[] = [];
let failed = 0;

for (const { id, scenario: s } of deployVariants()) {
  const r: VariantResult = {
    id,
    pair: `${s.tempoVersion}-${s.mode}`,
    problems: [],
    tempoKeys: 0,
  };
  const t = tempoConfig(s);
  const unknown = unknownKeys(s.tempoVersion === '2.10' ? 'tempo-2.10' : 'tempo-3.0', parse(t.yaml));
  r.problems.push(...unknown.map((k) => `tempo.yaml: unknown key ${k}`));
  r.tempoKeys = Object.keys(t.config).length;

  const h = helmValues(s);
  const chartId = `${h.chart.name} ${h.chart.version}`;
  if (!h.support.ok) {
    r.helm = { chart: chartId, deployable: false, reason: h.support.reason ?? '' };
    if (!h.fileName.endsWith('.txt') || !h.yaml.startsWith('No Helm chart'))
      r.problems.push('an undeployable pair must export an explanation, not a values file');
    if (s.tempoVersion === '3.0' && s.mode === 'monolithic') r.problems.push(...ballastStillFatal(s));
  } else {
    const file = join(work, 'values.yaml');
    writeFileSync(file, h.yaml);
    const dir = join(shared, 'tempo', 'charts', CHART_DIRS[chartId] ?? '');
    let out = '';
    try {
      out = execFileSync(helm, ['template', 'playground', dir, '-f', file, '--namespace', 'tempo'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (e) {
      const err = e as { stderr?: string; message: string };
      r.problems.push(
        `helm template failed: ${(err.stderr ?? err.message).trim().split('\n').slice(0, 3).join(' ')}`,
      );
    }
    if (out) {
      const c = checkRendered(s, out);
      r.problems.push(...c.problems);
      r.helm = {
        chart: chartId,
        deployable: true,
        objects: c.objects,
        workloads: c.workloads.map((w) => ({
          target: w.target,
          kind: w.kind,
          replicas: w.replicas,
          image: w.image.replace(/^.*\//, ''),
        })),
      };
    }
  }

  const compose = checkCompose(s);
  r.compose = compose.summary;
  r.problems.push(...compose.problems);

  results.push(r);
  if (r.problems.length) failed++;
  const mark = r.problems.length ? 'FAIL' : 'ok  ';
  const what = r.helm?.deployable
    ? `${r.helm.workloads?.length} workloads: ${r.helm.workloads?.map((w) => `${w.target} x${w.replicas}`).join(', ')}`
    : `no chart: ${(r.helm?.reason ?? '').slice(0, 60)}...`;
  console.log(
    `${mark} ${id}\n       helm ${chartId}: ${what}\n       compose: ${r.compose?.services} services, schema ok=${r.compose?.schemaValid}`,
  );
  for (const p of r.problems) console.log(`       - ${p}`);
}
rmSync(work, { recursive: true, force: true });

const proven: Proven = summarize(results, helmVersion);
writeFileSync(join(root, 'src', 'export', 'proven.json'), `${JSON.stringify(proven, null, 2)}\n`);
console.log(
  `\ncheck:deploy: ${results.length - failed}/${results.length} variants match their scenario (helm ${helmVersion}); wrote src/export/proven.json`,
);
process.exit(failed ? 1 : 0);
