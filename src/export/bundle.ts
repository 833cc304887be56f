/**
 * One download for a scenario: tempo.yaml, a per-tenant overrides file, the Helm values (or why no
 * chart deploys the pair), the docker-compose setup and a README of what to fill in, zipped into a
 * folder named after the scenario. Loaded on demand by the Export panel.
 */
import { Document } from 'yaml';
import type { Scenario } from '../model/scenario';
import { composeExport } from './compose';
import { ingestBytesPerSecond, requiredEnv, SECRET_NAME, volumeSizes } from './deploy';
import { helmValues } from './helm';
import { provenFor } from './provenText';
import { commentText, perTenantOverrides, tempoConfig } from './tempoConfig';
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

function readme(s: Scenario, folder: string, helmFile: string, helmOk: boolean): string {
  const k8s = requiredEnv(s, 'kubernetes');
  const compose = requiredEnv(s, 'compose');
  const proven = provenFor(s);
  const mb = (ingestBytesPerSecond(s) / 1e6).toFixed(1);
  const lines = [
    `# ${s.name.replace(/[\r\n]+/g, ' ')}`,
    '',
    `Tempo ${s.tempoVersion}, ${s.mode}, from Tempo Playground. Load: ${mb} MB/s, retention ${Math.round(s.settings.retentionHours)} h.`,
    '',
    '## Files',
    '- `tempo.yaml`: the config every process starts with (Kubernetes service names; run with `-config.expand-env=true`).',
    '- `overrides.yaml`: per-tenant runtime overrides with the scenario limits.',
    helmOk
      ? `- \`helm/${helmFile}\`: values for the chart named in its first line.`
      : `- \`helm/${helmFile}\`: why no Helm chart deploys this pair, and what to use instead.`,
    '- `docker-compose/`: `docker compose up -d` in that folder, then Grafana on http://localhost:3000.',
    '',
    '## Fill in before deploying',
  ];
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
  } else lines.push('Kubernetes: no credentials (local storage).', '');
  if (compose.length) {
    lines.push('docker-compose: put these in `docker-compose/.env`:', '');
    for (const e of compose) lines.push(`- \`${e.name}\`: ${e.what}`);
    lines.push('');
  }
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
    lines.push(
      '- Storage class: the cluster default unless you set `persistence.storageClassName` (tempo chart) or `ingester.persistence.storageClass` (tempo-distributed).',
    );
  } else
    lines.push(
      '- None persistent: Kafka is the durable buffer; live-stores and block-builders use emptyDir.',
    );
  lines.push('', '## What was checked', '');
  if (proven) {
    lines.push(
      `- Helm: ${proven.helm}`,
      `- tempo.yaml: ${proven.tempo}`,
      `- docker-compose: ${proven.compose}`,
    );
    lines.push(`- By \`${proven.by}\`, for this version and mode (variants of it, not this exact scenario).`);
  } else lines.push('- Nothing recorded for this pair.');
  lines.push('', `Folder: ${folder}`, '');
  return lines.join('\n');
}

export function bundleEntries(s: Scenario): { fileName: string; entries: ZipEntry[] } {
  const folder = slug(s);
  const h = helmValues(s);
  const c = composeExport(s);
  const entries: ZipEntry[] = [
    { name: `${folder}/README.md`, text: readme(s, folder, h.fileName, h.support.ok) },
    { name: `${folder}/tempo.yaml`, text: tempoConfig(s).yaml },
    { name: `${folder}/overrides.yaml`, text: overridesFile(s) },
    { name: `${folder}/helm/${h.fileName}`, text: h.yaml },
    ...c.files.map((f) => ({ name: `${folder}/docker-compose/${f.name}`, text: f.text })),
  ];
  return { fileName: `${folder}.zip`, entries };
}

export function bundleZip(s: Scenario): { fileName: string; bytes: Uint8Array } {
  const b = bundleEntries(s);
  return { fileName: b.fileName, bytes: zip(b.entries) };
}
