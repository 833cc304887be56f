import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { svgToPng } from '../cli/png';
import { readMeasurements } from '../measure';
import { createScenario } from '../model/scenario';
import { parseScenarioJson } from '../model/scenarioJson';
import { bundleDocsSvg, bundleEntries, bundleZip, slug } from './bundle';
import { mermaidDiagram } from './mermaid';
import { crc32, zip } from './zip';

/** Read a stored zip back: names and texts from the central directory and local headers. */
function unzip(bytes: Uint8Array): { name: string; text: string; crc: number; data: Uint8Array }[] {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  expect(v.getUint32(end, true)).toBe(0x06054b50);
  const count = v.getUint16(end + 10, true);
  let p = v.getUint32(end + 16, true);
  const dec = new TextDecoder();
  const out: { name: string; text: string; crc: number; data: Uint8Array }[] = [];
  for (let i = 0; i < count; i++) {
    expect(v.getUint32(p, true)).toBe(0x02014b50);
    const crc = v.getUint32(p + 16, true);
    const size = v.getUint32(p + 20, true);
    const nameLen = v.getUint16(p + 28, true);
    const local = v.getUint32(p + 42, true);
    const name = dec.decode(bytes.subarray(p + 46, p + 46 + nameLen));
    const localNameLen = v.getUint16(local + 26, true);
    const data = bytes.subarray(local + 30 + localNameLen, local + 30 + localNameLen + size);
    expect(crc32(data)).toBe(crc);
    out.push({ name, text: dec.decode(data), crc, data });
    p += 46 + nameLen;
  }
  return out;
}

describe('zip writer', () => {
  it('CRC-32 has the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
  it('stores files that read back byte for byte, UTF-8 names included', () => {
    const files = [
      { name: 'a/ü.txt', text: 'héllo\n' },
      { name: 'b.yaml', text: 'x: 1\n' },
    ];
    expect(unzip(zip(files)).map(({ name, text }) => ({ name, text }))).toEqual(files);
  });
});

describe('bundle', () => {
  it('is named after the scenario and holds tempo.yaml, overrides, Helm, docker-compose, the diagram and a README', () => {
    const s = createScenario('3.0', 'microservices');
    s.name = 'Checkout "prod"\nEU';
    // The caller renders the docs-width PNG (resvg here, as the CLI does; a canvas in the app).
    const docsSvg = bundleDocsSvg(s)!;
    expect(docsSvg).toMatch(/^<svg [^>]*width="800"/);
    const docsPng = svgToPng(docsSvg, 800);
    const { fileName, bytes } = bundleZip(s, { docsPng });
    expect(fileName).toBe('checkout-prod-eu.zip');
    const names = unzip(bytes).map((f) => f.name);
    expect(names).toEqual([
      'checkout-prod-eu/README.md',
      'checkout-prod-eu/tempo.yaml',
      'checkout-prod-eu/overrides.yaml',
      'checkout-prod-eu/helm/values-tempo-distributed-3.3.0-3.0-microservices.yaml',
      'checkout-prod-eu/docker-compose/docker-compose.yaml',
      'checkout-prod-eu/docker-compose/tempo.yaml',
      'checkout-prod-eu/docker-compose/grafana-datasources.yaml',
      'checkout-prod-eu/diagram/architecture.mmd',
      'checkout-prod-eu/diagram/architecture.svg',
      'checkout-prod-eu/diagram/architecture-800px.svg',
      'checkout-prod-eu/diagram/architecture-800px.png',
    ]);
    const files = unzip(bytes);
    const text = (n: string) => files.find((f) => f.name.endsWith(n))?.text ?? '';
    expect(text('architecture.mmd')).toBe(mermaidDiagram(s));
    expect(text('architecture.svg')).toContain('>live-store-0</text>');
    expect(text('architecture-800px.svg')).toBe(docsSvg);
    // The PNG byte for byte, 800 px wide (IHDR width).
    const png = files.find((f) => f.name.endsWith('.png'))!.data;
    expect(Buffer.from(png).equals(Buffer.from(docsPng))).toBe(true);
    expect(new DataView(docsPng.buffer, docsPng.byteOffset).getUint32(16)).toBe(800);
    // The README names each of them.
    for (const f of ['architecture.mmd', 'architecture.svg', 'architecture-800px.svg'])
      expect(text('README.md')).toContain(`diagram/${f}`);
    // Without a renderer (or for a pair Tempo does not have) no PNG, and the README does not promise one.
    expect(unzip(bundleZip(s).bytes).some((f) => f.name.endsWith('.png'))).toBe(false);
    const none = bundleEntries(createScenario('3.0', 'scalable-single-binary'), { docsPng }).entries;
    expect(none.filter((e) => e.name.includes('/diagram/')).map((e) => e.name)).toEqual([
      'tempo-3-0-scalable-single-binary/diagram/architecture.mmd',
    ]);
  });

  it('the README says what to fill in: the Secret with the credentials, the broker, volume sizes', () => {
    const s = createScenario('3.0', 'microservices');
    const readme = bundleEntries(s).entries.find((e) => e.name.endsWith('README.md'))?.text ?? '';
    expect(readme).toContain('kubectl create secret generic tempo-env');
    expect(readme).toContain('TEMPO_S3_ACCESS_KEY');
    expect(readme).toContain('TEMPO_KAFKA_ADDRESS');
    expect(readme).toMatch(/topic gets 3 partitions/);
    const ssb = bundleEntries(createScenario('2.10', 'scalable-single-binary')).entries;
    expect(ssb.find((e) => e.name.endsWith('README.md'))?.text).toMatch(/tempo: \d+ GiB per replica/);
  });

  it('says why there are no Helm values when no chart deploys the pair', () => {
    const e = bundleEntries(createScenario('3.0', 'monolithic')).entries;
    const helm = e.find((x) => x.name.includes('/helm/'));
    expect(helm?.name).toMatch(/\.txt$/);
    expect(helm?.text).toMatch(/^No Helm chart/);
  });

  it('overrides.yaml carries the scenario limits for the single tenant', () => {
    const s = createScenario('2.10', 'monolithic');
    s.settings.rateLimitBytes = 42e6;
    const text = bundleEntries(s).entries.find((x) => x.name.endsWith('overrides.yaml'))?.text ?? '';
    expect(parse(text).overrides['single-tenant'].ingestion.rate_limit_bytes).toBe(42e6);
  });

  it('a name with nothing usable falls back to version and mode', () => {
    const s = createScenario('2.10', 'microservices');
    s.name = '"\n\n';
    expect(slug(s)).toBe('tempo-2.10-microservices');
  });

  const readmeOf = (s: ReturnType<typeof createScenario>) =>
    bundleEntries(s).entries.find((e) => e.name.endsWith('README.md'))?.text ?? '';

  it('the README describes this scenario: its refusal, its own key checks, the closest rendered variant', () => {
    const local = createScenario('2.10', 'scalable-single-binary');
    local.settings.storageBackend = 'local';
    const r = readmeOf(local);
    expect(r).toMatch(/Helm: no chart deploys this scenario\. storage\.trace\.backend is local/);
    expect(r).not.toMatch(/renders with helm/);
    const gcs = createScenario('2.10', 'microservices');
    gcs.settings.storageBackend = 'gcs';
    const g = readmeOf(gcs);
    expect(g).toMatch(/This scenario's tempo\.yaml: every key is one Tempo 2\.10 knows/);
    expect(g).toMatch(/This scenario's Helm values: every key is one tempo-distributed 1\.61\.3 has/);
    expect(g).toMatch(/closest variant of it, `2\.10-microservices\/gcs, quotes and newlines in names`/);
  });

  it('no chart instructions where no chart is exported; the bucket is created by you, not by Tempo', () => {
    const r = readmeOf(createScenario('3.0', 'monolithic'));
    expect(r).not.toMatch(/kubectl|storageClass|persistence\./);
    expect(r).toMatch(/no chart deploys this scenario, so there is nothing to install with Helm/);
    const s3 = readmeOf(createScenario('3.0', 'microservices'));
    expect(s3).toMatch(/create the bucket `tempo-traces` before Tempo starts \(Tempo does not create it\)/);
  });

  it('GCS credentials are one key file at the same path in docker-compose and Helm', () => {
    const s = createScenario('2.10', 'scalable-single-binary');
    s.settings.storageBackend = 'gcs';
    const e = bundleEntries(s).entries;
    const values = parse(e.find((x) => x.name.includes('/helm/'))?.text ?? '');
    expect(values.tempo.extraEnv).toEqual([
      { name: 'GOOGLE_APPLICATION_CREDENTIALS', value: '/etc/tempo/gcs-key.json' },
    ]);
    expect(values.tempo.extraVolumeMounts).toEqual([
      { name: 'gcs-key', mountPath: '/etc/tempo', readOnly: true },
    ]);
    expect(values.extraVolumes).toEqual([{ name: 'gcs-key', secret: { secretName: 'tempo-gcs-key' } }]);
    const compose = parse(e.find((x) => x.name.endsWith('docker-compose.yaml'))?.text ?? '');
    expect(compose.services['tempo-0'].environment.GOOGLE_APPLICATION_CREDENTIALS).toBe(
      '/etc/tempo/gcs-key.json',
    );
    expect(compose.services['tempo-0'].volumes).toContain('./gcs-key.json:/etc/tempo/gcs-key.json:ro');
    const r = readmeOf(s);
    expect(r).toContain('kubectl create secret generic tempo-gcs-key --from-file=gcs-key.json=');
    expect(r).toContain('docker-compose/gcs-key.json');
  });

  it('the Helm values carry the same per-tenant overrides as overrides.yaml', () => {
    for (const [v, m] of [
      ['2.10', 'monolithic'],
      ['3.0', 'microservices'],
    ] as const) {
      const s = createScenario(v, m);
      s.settings.rateLimitBytes = 42e6;
      const e = bundleEntries(s).entries;
      const file = parse(e.find((x) => x.name.endsWith('overrides.yaml'))?.text ?? '').overrides;
      const values = parse(e.find((x) => x.name.includes('/helm/'))?.text ?? '');
      expect(m === 'monolithic' ? values.tempo.per_tenant_overrides : values.per_tenant_overrides).toEqual(
        file,
      );
    }
  });
});

describe('bundle with measurements', () => {
  it('carries the measured-vs-simulated table when the scenario holds measurements, and not otherwise', () => {
    const dir = join(__dirname, '..', 'measure', 'fixtures');
    const base = parseScenarioJson(readFileSync(join(dir, 'tempo-2.10-scenario.json'), 'utf8'));
    if (!base.ok) throw new Error('fixture');
    expect(bundleEntries(base.value).entries.some((e) => e.name.endsWith('measured-vs-simulated.md'))).toBe(
      false,
    );
    const r = readMeasurements(
      base.value,
      readFileSync(join(dir, 'tempo-2.10-matrix.json'), 'utf8'),
      'pasted',
    );
    if (!r.ok) throw new Error(r.errors.join());
    const md =
      bundleEntries(r.scenario).entries.find((e) => e.name.endsWith('/measured-vs-simulated.md'))?.text ?? '';
    expect(md).toMatch(/^\| ingester-0 \| /m);
    expect(md).toContain('Measured load (median): 36,0');
  });
});
