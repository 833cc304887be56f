/**
 * One download for a scenario: tempo.yaml, a per-tenant overrides file, the Helm values (or why no
 * chart deploys the pair), the docker-compose setup, the diagram (Mermaid, SVG, and the PNG the caller
 * renders) and a README of what to fill in, zipped into a folder named after the scenario. Loaded on
 * demand by the Export panel.
 */
import { Document, parse } from 'yaml';
import { compareMeasured, comparisonMarkdown } from '../measure';
import type { Scenario } from '../model/scenario';
import { deriveTopology } from '../model/topology';
import { composeExport } from './compose';
import {
  ENV,
  GCS_KEY_PATH,
  GCS_KEY_SECRET,
  ingestBytesPerSecond,
  requiredEnv,
  SECRET_NAME,
  volumeSizes,
} from './deploy';
import { type HelmExport, helmValues } from './helm';
import { unknownKeys } from './keyCheck';
import { mermaidDiagram } from './mermaid';
import type { Proven, VariantResult } from './proven';
import proven from './proven.json';
import { provenFor } from './provenText';
import { DOCS_WIDTH, docsTopology, topologySvg, withDisplayWidth } from './svgDiagram';
import { commentText, envNames, perTenantOverrides, tempoConfig } from './tempoConfig';
import { emitYaml } from './yaml';
import { type ZipEntry, zip } from './zip';

/** A file and folder name from the scenario name: lower-case letters, digits and dashes. */
export function slug(s: Scenario): string {
  const base = s.name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return base || `tempo-${s.tempoVersion}-${s.mode}`;
}

/** Runtime per-tenant overrides: Tempo's single tenant without multitenancy is `single-tenant`. */
function overridesFile(s: Scenario): string {
  const doc = new Document({ overrides: perTenantOverrides(s) });
  doc.commentBefore = [
    ' Per-tenant runtime overrides (the Helm values carry the same block as per_tenant_overrides).',
    ' Point overrides.per_tenant_override_config at this file to change limits without a restart;',
    ' without multitenancy every span belongs to the tenant single-tenant.',
    ` Scenario: ${commentText(s.name)}`,
  ].join('\n');
  return emitYaml(doc);
}

/** The variant check:deploy rendered that is closest to this scenario (same pair, same backend first). */
function closestVariant(s: Scenario): VariantResult | undefined {
  const pair = `${s.tempoVersion}-${s.mode}`;
  const same = (proven as Proven).variants.filter((v) => v.pair === pair && v.problems.length === 0);
  const score = (v: VariantResult) => {
    const id = v.id.toLowerCase();
    let n = 0;
    if (id.includes(s.settings.storageBackend)) n += 4;
    if (s.settings.metricsGenerator === id.includes('metrics-generator')) n += 2;
    if (id.endsWith('/default')) n += 1;
    return n;
  };
  return same.filter((v) => v.helm?.deployable).sort((a, b) => score(b) - score(a))[0];
}

function readme(s: Scenario, folder: string, h: HelmExport, tempoYaml: string, withPng: boolean): string {
  const helmOk = h.support.ok;
  const k8s = requiredEnv(s, 'kubernetes');
  const compose = requiredEnv(s, 'compose');
  const proven = provenFor(s);
  const mb = (ingestBytesPerSecond(s) / 1e6).toFixed(1);
  const backend = s.settings.storageBackend;
  const lines = [
    `# ${s.name.replace(/[\r\n]+/g, ' ')}`,
    '',
    `Tempo ${s.tempoVersion}, ${s.mode}, from Tempo Playground. Load: ${mb} MB/s, retention ${Math.round(s.settings.retentionHours)} h, storage ${backend}.`,
    '',
    '## Files',
    '- `tempo.yaml`: the config every process starts with (Kubernetes service names; run with `-config.expand-env=true`).',
    helmOk
      ? '- `overrides.yaml`: per-tenant runtime overrides with the scenario limits (the Helm values carry the same block).'
      : '- `overrides.yaml`: per-tenant runtime overrides with the scenario limits.',
    helmOk
      ? `- \`helm/${h.fileName}\`: values for ${h.chart.name} ${h.chart.version}, named in its first line.`
      : `- \`helm/${h.fileName}\`: why no Helm chart deploys this scenario, and what to use instead.`,
    '- `docker-compose/`: `docker compose up -d` in that folder, then Grafana on http://localhost:3000.',
    ...(deriveTopology(s).unsupported
      ? ['- `diagram/architecture.mmd`: a Mermaid note of why Tempo has no such deployment.']
      : [
          '- `diagram/architecture.mmd`: the architecture as a Mermaid flowchart (GitHub and most docs sites render it in a fenced `mermaid` block).',
          '- `diagram/architecture.svg`: the architecture drawing, as the canvas lays it out (light, no live figures).',
          `- \`diagram/architecture-${DOCS_WIDTH}px.svg\`${withPng ? ` and \`.png\`` : ''}: the same at docs width, ${DOCS_WIDTH} px wide with one node per component and no text under 11 px.`,
        ]),
    '',
    '## Fill in before deploying',
  ];
  if (backend !== 'local') {
    const what = backend === 'azure' ? 'container' : 'bucket';
    lines.push(
      `Object storage: create the ${what} \`${s.settings.bucket}\` before Tempo starts (Tempo does not create it); the docker-compose MinIO${backend === 's3' ? ' creates it itself' : ' is only for s3'}.`,
      '',
    );
  }
  if (helmOk) {
    if (k8s.length) {
      lines.push(`Kubernetes: create the Secret \`${SECRET_NAME}\` that the Helm values load, with:`, '');
      for (const e of k8s) lines.push(`- \`${e.name}\`: ${e.what}`);
      lines.push(
        '',
        '```sh',
        `kubectl create secret generic ${SECRET_NAME} ${k8s.map((e) => `--from-literal=${e.name}=...`).join(' ')}`,
        '```',
        '',
      );
    }
    if (backend === 'gcs')
      lines.push(
        `Kubernetes, GCS: the key file comes from the Secret \`${GCS_KEY_SECRET}\`, mounted at \`${GCS_KEY_PATH}\` (where \`${ENV.gcsCredentials}\` points, as in docker-compose):`,
        '',
        '```sh',
        `kubectl create secret generic ${GCS_KEY_SECRET} --from-file=gcs-key.json=<your key file>`,
        '```',
        '',
      );
    if (!k8s.length && backend !== 'gcs') lines.push('Kubernetes: no credentials to fill in.', '');
  } else {
    const names = envNames(parse(tempoYaml));
    lines.push(
      names.length
        ? `Kubernetes: no chart deploys this scenario, so there is nothing to install with Helm. If you write your own manifests, the tempo.yaml reads ${names.map((n) => `\`${n}\``).join(', ')} from the environment.`
        : 'Kubernetes: no chart deploys this scenario, so there is nothing to install with Helm.',
      '',
    );
  }
  if (compose.length) {
    lines.push('docker-compose: put these in `docker-compose/.env`:', '');
    for (const e of compose) lines.push(`- \`${e.name}\`: ${e.what}`);
    lines.push('');
  }
  if (backend === 'gcs')
    lines.push('docker-compose, GCS: put the key file in `docker-compose/gcs-key.json`.', '');
  if (s.tempoVersion === '3.0' && s.mode === 'microservices')
    lines.push(
      `Kafka: a broker reachable at \`TEMPO_KAFKA_ADDRESS\`; the topic gets ${s.settings.kafkaPartitions} partitions (one block-builder and one live-store per partition). Keep at least 40 minutes of Kafka retention (24 h suggested).`,
      '',
    );
  const volumes = volumeSizes(s);
  lines.push('## Volumes');
  if (volumes.length) {
    for (const v of volumes)
      lines.push(`- ${v.kind}: ${v.perReplicaGi} GiB per replica (${v.why}, at least 10 GiB).`);
    if (helmOk)
      lines.push(
        s.mode === 'microservices'
          ? '- Storage class: the cluster default unless you set `ingester.persistence.storageClass`.'
          : '- Storage class: the cluster default unless you set `persistence.storageClassName`.',
      );
  } else
    lines.push(
      '- None persistent: Kafka is the durable buffer; live-stores and block-builders use emptyDir.',
    );
  lines.push('- docker-compose: a named volume per Tempo process at `/var/tempo`.');

  lines.push('', '## What was checked', '');
  const keyList = s.tempoVersion === '2.10' ? 'tempo-2.10' : 'tempo-3.0';
  const unknownTempo = unknownKeys(keyList, parse(tempoYaml));
  lines.push(
    unknownTempo.length
      ? `- This scenario's tempo.yaml: keys Tempo ${s.tempoVersion} does not know: ${unknownTempo.join(', ')}.`
      : `- This scenario's tempo.yaml: every key is one Tempo ${s.tempoVersion} knows (its config manifest), checked when this bundle was made.`,
  );
  if (helmOk) {
    const unknownHelm = unknownKeys(h.keyList, parse(h.yaml));
    lines.push(
      unknownHelm.length
        ? `- This scenario's Helm values: keys ${h.chart.name} ${h.chart.version} does not have: ${unknownHelm.join(', ')}.`
        : `- This scenario's Helm values: every key is one ${h.chart.name} ${h.chart.version} has, checked when this bundle was made.`,
    );
    const v = closestVariant(s);
    if (v && proven)
      lines.push(
        `- Rendered with a real Helm by \`${proven.by}\`: not this exact scenario but the closest variant of it, \`${v.id}\` (${(v.helm?.workloads ?? []).map((w) => `${w.target} x${w.replicas}`).join(', ')}). For the pair: ${proven.helm}`,
      );
    else lines.push('- No rendering with a real Helm is recorded for this version and mode.');
  } else lines.push(`- Helm: no chart deploys this scenario. ${h.support.reason ?? ''}`);
  if (proven)
    lines.push(`- docker-compose, for the pair (variants of it, not this exact scenario): ${proven.compose}`);
  lines.push('', `Folder: ${folder}`, '');
  return lines.join('\n');
}

const diagramTitle = (s: Scenario) => `Tempo ${s.tempoVersion} ${s.mode}`;

/** The bundle's docs-width drawing (clean, light): the caller renders its PNG (resvg in Node, a canvas in the app). */
export function bundleDocsSvg(s: Scenario): string | null {
  const t = deriveTopology(s, { groupAbove: 1 });
  if (t.unsupported) return null;
  const docs = docsTopology(t, s.tempoVersion === '3.0');
  return withDisplayWidth(
    topologySvg(docs, { theme: 'light', title: diagramTitle(s), docs: true }),
    DOCS_WIDTH,
  );
}

export interface BundleImages {
  /** The PNG of bundleDocsSvg(s), DOCS_WIDTH px wide. */
  docsPng?: Uint8Array;
}

export function bundleEntries(
  s: Scenario,
  images: BundleImages = {},
): { fileName: string; entries: ZipEntry[] } {
  const folder = slug(s);
  const h = helmValues(s);
  const c = composeExport(s);
  const tempo = tempoConfig(s).yaml;
  const topology = deriveTopology(s);
  const docsSvg = bundleDocsSvg(s);
  const png = docsSvg ? images.docsPng : undefined;
  const entries: ZipEntry[] = [
    { name: `${folder}/README.md`, text: readme(s, folder, h, tempo, !!png) },
    { name: `${folder}/tempo.yaml`, text: tempo },
    { name: `${folder}/overrides.yaml`, text: overridesFile(s) },
    { name: `${folder}/helm/${h.fileName}`, text: h.yaml },
    ...c.files.map((f) => ({ name: `${folder}/docker-compose/${f.name}`, text: f.text })),
    { name: `${folder}/diagram/architecture.mmd`, text: mermaidDiagram(s) },
  ];
  if (!topology.unsupported && docsSvg) {
    entries.push(
      {
        name: `${folder}/diagram/architecture.svg`,
        text: topologySvg(topology, { theme: 'light', title: diagramTitle(s) }),
      },
      { name: `${folder}/diagram/architecture-${DOCS_WIDTH}px.svg`, text: docsSvg },
    );
    if (png)
      entries.push({ name: `${folder}/diagram/architecture-${DOCS_WIDTH}px.png`, text: '', bytes: png });
  }
  const compared = s.measured ? compareMeasured(s) : null;
  if (s.measured && compared)
    entries.push({
      name: `${folder}/measured-vs-simulated.md`,
      text: comparisonMarkdown(s.measured, compared),
    });
  return { fileName: `${folder}.zip`, entries };
}

export function bundleZip(s: Scenario, images: BundleImages = {}): { fileName: string; bytes: Uint8Array } {
  const b = bundleEntries(s, images);
  return { fileName: b.fileName, bytes: zip(b.entries) };
}
