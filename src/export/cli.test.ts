import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runImportCli } from '../import/cli';
import { createScenario } from '../model/scenario';
import { runExportCli } from './cli';

const files: Record<string, string> = {
  'ok.json': JSON.stringify(createScenario('3.0', 'microservices')),
  'bad.json': '{"schemaVersion":1,',
  'wrong.json': JSON.stringify({ ...createScenario(), mode: 'cluster' }),
};
const written: Record<string, string> = {};
const io = {
  readFile: (p: string) => {
    const f = files[p];
    if (f === undefined) throw new Error('ENOENT: no such file');
    return f;
  },
  writeFile: (p: string, t: string) => {
    written[p] = t;
  },
  writeBytes: (p: string, b: Uint8Array) => {
    written[p] = new TextDecoder('latin1').decode(b);
  },
};

describe('export CLI', () => {
  it('prints each format to stdout', () => {
    expect(parse(runExportCli(['ok.json', '--format', 'tempo'], io).stdout).ingest.kafka.topic).toBe(
      'tempo-traces',
    );
    expect(runExportCli(['ok.json', '--format', 'helm'], io).stdout).toContain('tempo-distributed 3.3.0');
    expect(runExportCli(['ok.json', '--format', 'mermaid'], io).stdout.startsWith('flowchart LR')).toBe(true);
  });
  it('prints docker-compose, writes a bundle, and refuses Helm values for a pair no chart deploys', () => {
    expect(
      parse(runExportCli(['ok.json', '--format', 'compose'], io).stdout).services.redpanda,
    ).toBeDefined();
    expect(runExportCli(['ok.json', '--format', 'bundle', '--out', 'b.zip'], io).code).toBe(0);
    expect(written['b.zip']?.startsWith('PK')).toBe(true);
    expect(runExportCli(['ok.json', '--format', 'bundle'], io)).toMatchObject({ code: 2 });
    files['mono3.json'] = JSON.stringify(createScenario('3.0', 'monolithic'));
    expect(runExportCli(['mono3.json', '--format', 'helm'], io)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('No Helm chart deploys Tempo 3.0 monolithic'),
    });
  });
  it('--docs draws the diagram at docs width: 800 px wide, one node per component', () => {
    const svg = runExportCli(['ok.json', '--format', 'svg', '--docs', '--clean'], io).stdout;
    expect(svg).toMatch(/^<svg [^>]*width="800"/);
    expect(svg).toContain('>live-store</text>');
    expect(svg).not.toContain('>live-store-1</text>');
    expect(svg).not.toMatch(/font-size:(\d|10)px/);
    let widthAsked: number | undefined;
    const png = runExportCli(['ok.json', '--format', 'png', '--docs', '--out', 'd.png'], {
      ...io,
      renderPng: (_: string, w?: number) => {
        widthAsked = w;
        return new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
      },
    });
    expect(png.code).toBe(0);
    expect(widthAsked).toBe(800);
  });
  it('writes to --out', () => {
    expect(runExportCli(['ok.json', '--format', 'tempo', '--out', 'x.yaml'], io).code).toBe(0);
    expect(written['x.yaml']).toContain('ingest:');
  });
  it('bad input exits 2 with a clear message', () => {
    expect(runExportCli(['missing.json', '--format', 'tempo'], io)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('cannot read'),
    });
    expect(runExportCli(['bad.json', '--format', 'tempo'], io)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('not valid JSON'),
    });
    expect(runExportCli(['wrong.json', '--format', 'tempo'], io)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('mode'),
    });
    expect(runExportCli(['ok.json', '--format', 'pdf'], io)).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--format'),
    });
    expect(runExportCli([], io).code).toBe(2);
  });
});

describe('import CLI', () => {
  it('prints the scenario of an exported config', () => {
    const yaml = runExportCli(['ok.json', '--format', 'tempo'], io).stdout;
    const r = runImportCli(['t.yaml'], () => yaml);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ tempoVersion: '3.0', mode: 'microservices' });
  });
  it('errors name the line and exit 2', () => {
    const r = runImportCli(['t.yaml'], () => 'target: all\nstorage: [\n');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/line \d/);
    expect(runImportCli([], () => '').code).toBe(2);
  });
});

describe('CLI messages quote input safely', () => {
  const esc = '\u001b[31m\u0085\u2028\u009b';
  const evil: Record<string, string> = {
    'layout.json': JSON.stringify({ ...createScenario(), layout: { [`k${esc}`]: 'x' } }),
    'bad.yaml': `target: "x${esc}"\nstorage:\n  trace:\n    backend: s3\n`,
    'dup.yaml': `k${esc}: 1\nk${esc}: 2\n`,
    'named.json': JSON.stringify({ ...createScenario(), name: `n${esc}` }),
  };
  const read = (p: string) => {
    const t = evil[p];
    if (t === undefined) throw new Error(`ENOENT: ${p}`);
    return t;
  };
  /** A control or line-breaking character other than the newlines between lines. */
  const hasUnsafe = (text: string) => /[\p{Cc}\u2028\u2029]/u.test(text.replaceAll('\n', ''));

  it('export and import escape control characters from keys, values and file names', () => {
    const results = [
      runExportCli(['layout.json', '--format', 'tempo'], { readFile: read, writeFile: () => {} }),
      runExportCli([`missing${esc}.json`, '--format', 'tempo'], { readFile: read, writeFile: () => {} }),
      runExportCli(['layout.json', '--format', esc], { readFile: read, writeFile: () => {} }),
      runImportCli(['bad.yaml'], read),
      runImportCli(['dup.yaml'], read),
      runImportCli([`missing${esc}`], read),
    ];
    for (const r of results) {
      expect(r.code).toBe(2);
      expect(hasUnsafe(r.stderr)).toBe(false);
      expect(r.stderr).toMatch(/\\x1b\[31m|\\x1b/);
    }
    expect(results[4]?.stderr).toContain('line 2: duplicate key "k\\x1b[31m\\x85\\u2028\\x9b"');
  });

  it('the imported scenario JSON carries no raw C1 control or line separator', () => {
    const r = runImportCli(['named.json'], read);
    expect(r.code).toBe(0);
    expect(hasUnsafe(r.stdout)).toBe(false);
    expect(JSON.parse(r.stdout).name).toBe(`n${esc}`);
  });
});
