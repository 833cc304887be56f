import { describe, expect, it } from 'vitest';
import { createScenario } from '../model/scenario';
import { runCli } from './cli';

const files: Record<string, string> = {
  'mono.json': JSON.stringify({
    ...createScenario('2.10', 'monolithic'),
    events: [{ at: 30, kind: 'kill', instance: 'tempo-0' }],
  }),
  'broken.json': '{ "schemaVersion": 1, ',
  'wrong.json': JSON.stringify({ ...createScenario('2.10', 'monolithic'), load: { spansPerSecond: -5 } }),
  'busy.json': JSON.stringify({
    ...createScenario('2.10', 'microservices'),
    load: { ...createScenario('2.10').load, spansPerSecond: 20_000, traceSizeSigma: 0 },
  }),
  'ssb3.json': JSON.stringify({ ...createScenario('3.0', 'monolithic'), mode: 'scalable-single-binary' }),
};
const read = (path: string) => {
  const text = files[path];
  if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
  return text;
};

describe('simulate CLI', () => {
  it('limit flags override the scenario by Tempo key; discarded spans are counted per reason', () => {
    const at = (args: string[]) =>
      JSON.parse(runCli(['busy.json', '--duration', '300', ...args], read).stdout);
    // 20,000 spans/s hold about 15,000 live traces per ingester: the default 10,000 discards.
    expect(at([]).discarded.live_traces_exceeded).toBeGreaterThan(0);
    expect(at(['--max-traces-per-user', '20000']).discarded.live_traces_exceeded).toBe(0);
    const bad = runCli(['busy.json', '--max-traces-per-user', '1e5'], read);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--max-traces-per-user must be a whole number/);
    const refused = runCli(['busy.json', '--query-backend-after', '3600'], read);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/query_backend_after .* query_ingesters_until/);
  });

  it('prints one JSON object with the documented fields; default duration 600 s', () => {
    const r = runCli(['mono.json'], read);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout);
    expect(out.durationSeconds).toBe(600);
    expect(Object.keys(out.spans).sort()).toEqual([
      'inFlight',
      'lost',
      'refused',
      'refusedAttempts',
      'sent',
      'written',
    ]);
    for (const v of Object.values(out.spans)) expect(Number.isInteger(v)).toBe(true);
    expect(out.spans.sent).toBe(out.spans.written + out.spans.lost + out.spans.inFlight);
    expect(Object.keys(out.traces).sort()).toEqual(['lost', 'sent']);
    expect(Object.keys(out.instances)).toEqual(['tempo-0']);
    expect(Object.keys(out.instances['tempo-0']).sort()).toEqual([
      'oomKills',
      'peakCpuCores',
      'peakMemoryBytes',
      'restarts',
    ]);
    expect(Object.keys(out.queries).sort()).toEqual(['failed', 'issued', 'p50Ms', 'p99Ms']);
    expect(out.events[0]).toMatchObject({ t: 30, instance: 'tempo-0', kind: 'killed' });
    expect(out.instances['tempo-0'].restarts).toBe(1);
    // While the monolith was down every push was refused.
    expect(out.spans.refused).toBeGreaterThan(0);
    const { sent, written, lost, inFlight } = out.spans;
    expect(Math.abs(sent - written - lost - inFlight)).toBeLessThan(0.01);
  });

  it('--duration and --seed change the run; the same seed repeats it exactly', () => {
    const a = runCli(['mono.json', '--duration', '120', '--seed', '7'], read);
    const b = runCli(['--seed=7', 'mono.json', '--duration=120'], read);
    const c = runCli(['mono.json', '--duration', '120', '--seed', '8'], read);
    expect(JSON.parse(a.stdout).durationSeconds).toBe(120);
    expect(a.stdout).toBe(b.stdout);
    expect(c.stdout).not.toBe(a.stdout);
  });

  it.each([
    [['missing.json'], /cannot read scenario file missing\.json: ENOENT/],
    [['broken.json'], /broken\.json is not a valid scenario:\n {2}not valid JSON/],
    [['wrong.json'], /load\.spansPerSecond/],
    [['ssb3.json'], /cannot be simulated: Tempo 3\.0 has no scalable-single-binary/],
    [[], /no scenario file given/],
    [
      ['mono.json', '--duration', 'ten'],
      /--duration must be a whole number of seconds from 1 to 2592000, in digits, got "ten"/,
    ],
    [
      ['mono.json', '--seed', '-1'],
      /--seed must be a whole number from 0 to 4294967295, in digits, got "-1"/,
    ],
    [['mono.json', '--duration', '0.4'], /--duration must be a whole number .* got "0\.4"/],
    [['mono.json', '--duration', '0x10'], /--duration must be a whole number .* got "0x10"/],
    [['mono.json', '--duration', '1e-300'], /--duration must be a whole number .* got "1e-300"/],
    [['mono.json', '--duration=0'], /--duration must be a whole number .* got "0"/],
    [['mono.json', '--duration', ' 7 '], /--duration must be a whole number .* got " 7 "/],
    [['mono.json', '--duration'], /--duration must be a whole number .* got nothing/],
    [['mono.json', '--seed', '1e3'], /--seed must be a whole number .* got "1e3"/],
    [['mono.json', '--seed', ' 7 '], /--seed must be a whole number .* got " 7 "/],
    [['mono.json', '--seed', '4294967296'], /--seed must be a whole number .* got "4294967296"/],
    [['mono.json', '--fast'], /unknown option --fast/],
  ])('%j exits 2 with a clear message', (argv, message) => {
    const r = runCli(argv, read);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('accepts plain digits for --duration and --seed', () => {
    const r = runCli(['mono.json', '--duration', '7', '--seed=0042'], read);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).durationSeconds).toBe(7);
  });

  it('echoes input-derived text with control characters escaped', () => {
    const esc = '\u001b[2J\u001b]0;pwned\u0007';
    const evil: Record<string, string> = {
      [`evil${esc}.json`]: JSON.stringify({
        ...createScenario('2.10', 'monolithic'),
        layout: { [`n${esc}`]: 1 },
      }),
    };
    const readEvil = (p: string) => {
      const t = evil[p];
      if (t === undefined) throw new Error(`ENOENT: ${p}`);
      return t;
    };
    for (const argv of [
      [`evil${esc}.json`],
      [`missing${esc}.json`],
      ['mono.json', '--duration', esc],
      [`--x${esc}`],
    ]) {
      const r = runCli(argv, readEvil);
      expect(r.code).toBe(2);
      expect(/[\p{Cc}\u2028\u2029]/u.test(r.stderr.replaceAll('\n', ''))).toBe(false);
      expect(r.stderr).toContain('\\x1b[2J');
    }
  });
});

describe('simulate CLI --start', () => {
  it('a steady start holds the retention of blocks; a fresh one starts empty', () => {
    const steady = JSON.parse(runCli(['mono.json', '--duration', '60', '--start', 'steady'], read).stdout);
    const fresh = JSON.parse(runCli(['mono.json', '--duration', '60', '--start=fresh'], read).stdout);
    // 10,000 spans/s x 500 B = 5 MB/s for 336 h is 6.05 TB (a monolith writes one copy); fresh: one minute.
    expect(steady.storage.totalBytes).toBeGreaterThan(0.95 * 5e6 * 336 * 3600);
    expect(steady.storage.totalBytes).toBeLessThan(1.05 * 5e6 * 336 * 3600);
    expect(fresh.storage.totalBytes).toBeLessThan(1e9);
    expect(runCli(['mono.json', '--start', 'warm'], read)).toMatchObject({ code: 2 });
  });
});
