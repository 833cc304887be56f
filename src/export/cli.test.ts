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
