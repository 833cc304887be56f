/**
 * The command-line tools on hostile files: a compose file mounting /etc/passwd, /dev/zero, a FIFO, a
 * symlink out of its folder or a 600 MB file, and those files given as the input itself. Each run
 * ends on its own with exit code 2 and the reason, and nothing of those files is printed. The real
 * `npm run import` script runs in a child process; a FIFO is made in a temp folder (POSIX only).
 */
import { spawnSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExportCli } from '../export/cli';
import { runImportCli } from '../import/cli';
import { createScenario } from '../model/scenario';
import { FileRefusal, mountSource, readMountedFile, readTextFile, sameFile } from './files';

const posix = process.platform !== 'win32';
const root = join(__dirname, '..', '..');
let dir = '';

const compose = (source: string) =>
  `services:\n  tempo:\n    image: grafana/tempo:2.10.8\n    command: "-config.file=/etc/tempo.yaml"\n    volumes: [ ${JSON.stringify(`${source}:/etc/tempo.yaml`)} ]\n`;

/** `npm run import -- FILE` as a user runs it; a run that blocks is killed after 60 s (and fails). */
function importCli(file: string) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/import.ts'), file], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 4 * 1024 * 1024,
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - t0 };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tempo-import-'));
  mkdirSync(join(dir, 'sub'));
  if (posix) spawnSync('mkfifo', [join(dir, 'fifo')]);
  symlinkSync('/etc/passwd', join(dir, 'link'));
  writeFileSync(join(dir, 'big'), '');
  truncateSync(join(dir, 'big'), 600 * 1024 * 1024); // sparse: 600 MB long, nothing on disk
  writeFileSync(
    join(dir, 'tempo.yaml'),
    'target: all\nstorage: { trace: { backend: gcs, gcs: { bucket_name: beside } } }\n',
  );
  for (const [name, source] of [
    ['passwd', '/etc/passwd'],
    ['zero', '/dev/zero'],
    ['fifo', './fifo'],
    ['link', './link'],
    ['big', './big'],
    ['up', '../../../../../../etc/passwd'],
    ['home', '~/.bashrc'],
    ['ok', './tempo.yaml'],
  ] as const)
    writeFileSync(join(dir, `${name}.compose.yaml`), compose(source));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(posix)('npm run import on hostile mounts and inputs', () => {
  const passwd = readFileSync('/etc/passwd', 'utf8');
  /** Any line of /etc/passwd (or a part of it) in the output is a leak. */
  const leaks = (out: string) =>
    passwd
      .split('\n')
      .filter((l) => l.length > 8)
      .some((l) => out.includes(l) || out.includes(`${l.split(':')[0]}:x:`));

  it.each([
    ['passwd', "/etc/passwd (the mounted tempo.yaml) was not read: outside the compose file's folder"],
    ['zero', "/dev/zero (the mounted tempo.yaml) was not read: outside the compose file's folder"],
    ['fifo', './fifo (the mounted tempo.yaml) was not read: a FIFO (named pipe), not a regular file'],
    [
      'link',
      "./link (the mounted tempo.yaml) was not read: a symbolic link to a file outside the compose file's folder",
    ],
    ['big', './big (the mounted tempo.yaml) was not read: 629.1 MB, over the 1 MB limit'],
    [
      'up',
      "../../../../../../etc/passwd (the mounted tempo.yaml) was not read: outside the compose file's folder",
    ],
    ['home', '~/.bashrc (the mounted tempo.yaml) was not read: a path in a home folder'],
  ])(
    'a compose file mounting %s: exit 2 with the reason, nothing of the file printed',
    (name, reason) => {
      const r = importCli(join(dir, `${name}.compose.yaml`));
      expect(r.signal, 'the CLI ended on its own').toBeNull();
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(reason);
      expect(leaks(r.stdout + r.stderr)).toBe(false);
    },
    120_000,
  );

  it('a mount beside the compose file is read', () => {
    const r = importCli(join(dir, 'ok.compose.yaml'));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).settings.bucket).toBe('beside');
  }, 120_000);

  it.each([
    ['/etc/passwd', null],
    ['/dev/zero', 'a character device, not a regular file'],
    ['fifo', 'a FIFO (named pipe), not a regular file'],
    ['big', '629.1 MB, over the 1 MB limit'],
    ['sub', 'a directory, not a regular file'],
  ])(
    'the input itself is %s: exit 2 with the reason, nothing of it printed',
    (file, reason) => {
      const r = importCli(file.startsWith('/') ? file : join(dir, file));
      expect(r.signal, 'the CLI ended on its own').toBeNull();
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      if (reason) expect(r.stderr).toContain(reason);
      expect(leaks(r.stderr)).toBe(false);
    },
    120_000,
  );
});

describe.runIf(posix)('the file checks in process', () => {
  it('refuse by type and size before reading, and name the reason', () => {
    for (const [path, reason] of [
      ['/dev/zero', 'a character device'],
      [join(dir, 'fifo'), 'a FIFO (named pipe)'],
      [join(dir, 'big'), 'over the 1 MB limit'],
      [join(dir, 'missing'), 'no such file'],
    ] as const) {
      expect(() => readTextFile(path)).toThrow(FileRefusal);
      expect(() => readTextFile(path)).toThrow(reason);
    }
    expect(readTextFile(join(dir, 'tempo.yaml'))).toContain('beside');
  });

  it('mounts resolve inside the compose folder only, whatever the path says', () => {
    for (const source of ['/etc/passwd', '../x', 'a/../../x', '~/x', '~', 'a\0b', '/'])
      expect(mountSource('/srv/app', source)).toHaveProperty('refused');
    expect(mountSource('/srv/app', './a/../tempo.yaml')).toEqual({ path: '/srv/app/tempo.yaml' });
    expect(mountSource('demo/', './tempo.yaml')).toEqual({ path: 'demo/tempo.yaml' });
    expect(readMountedFile(join(dir, 'x.yaml'), './missing.yaml')).toBeUndefined();
    expect(readMountedFile(join(dir, 'x.yaml'), './link')).toHaveProperty('refused');
  });
});

describe.runIf(posix)('export --out', () => {
  it('refuses to overwrite its own input, also through another spelling of the path', () => {
    const input = join(dir, 'scenario.json');
    const text = JSON.stringify(createScenario('2.10', 'monolithic'));
    writeFileSync(input, text);
    const io = {
      readFile: (p: string) => readTextFile(p),
      writeFile: (p: string, t: string) => writeFileSync(p, t),
      writeBytes: (p: string, b: Uint8Array) => writeFileSync(p, b),
      sameFile,
    };
    for (const out of [input, join(dir, 'sub', '..', 'scenario.json')])
      for (const format of ['tempo', 'bundle']) {
        const r = runExportCli([input, '--format', format, '--out', out], io);
        expect(r.code, `${format} ${out}`).toBe(2);
        expect(r.stderr).toContain('is the input file');
      }
    expect(readFileSync(input, 'utf8')).toBe(text);
  });

  it('escapes every path it prints', () => {
    const r = runExportCli([join(dir, 'missing\x1b[31m.json'), '--format', 'tempo'], {
      readFile: (p) => readTextFile(p),
      writeFile: () => {},
    });
    expect(r.stderr).toContain('missing\\x1b[31m.json');
    const out = join(dir, 'out\x1b]0;x\x07.zip');
    const input = join(dir, 'scenario.json');
    const ok = runExportCli([input, '--format', 'bundle', '--out', out], {
      readFile: (p) => readTextFile(p),
      writeFile: () => {},
      writeBytes: () => {},
    });
    expect(ok.code).toBe(0);
    expect(ok.stderr.includes('\x1b') || ok.stderr.includes('\x07')).toBe(false);
    const failed = runExportCli([input, '--format', 'bundle', '--out', out], {
      readFile: (p) => readTextFile(p),
      writeFile: () => {},
      writeBytes: () => {
        throw new Error('EACCES \x1b[2J');
      },
    });
    expect(failed.code).toBe(2);
    expect(failed.stderr.includes('\x1b') || failed.stderr.includes('\x07')).toBe(false);
  });
});

describe('import CLI with an in-memory reader', () => {
  it('a mount outside the folder is refused before the reader is asked', () => {
    const asked: string[] = [];
    const r = runImportCli(['demo/docker-compose.yaml'], (p) => {
      asked.push(p);
      if (p === 'demo/docker-compose.yaml') return compose('/etc/shadow');
      throw new Error('ENOENT');
    });
    expect(r.code).toBe(2);
    expect(asked).toEqual(['demo/docker-compose.yaml']);
    expect(r.stderr).toContain(
      "/etc/shadow (the mounted tempo.yaml) was not read: outside the compose file's folder",
    );
  });
});

describe('the CLIs quote an excerpt of an argument (item 14)', () => {
  it('a 900 KB option or file name is cut in export, simulate and plan', async () => {
    const long = `--${'z'.repeat(900_000)}`;
    const { runCli } = await import('../sim/cli');
    const { runPlanCli } = await import('../plan/cli');
    const outs = [
      runExportCli(['a.json', long], { readFile: () => '', writeFile: () => {} }).stderr,
      runExportCli([long.slice(2), '--format', 'tempo'], {
        readFile: () => {
          throw new Error('ENOENT');
        },
        writeFile: () => {},
      }).stderr,
      runCli(['a.json', long], () => '').stderr,
      runPlanCli(['--mode', long]).stderr,
    ];
    for (const out of outs) {
      expect(out.length).toBeLessThan(2000);
      expect(out).toContain('characters)');
    }
  });
});
