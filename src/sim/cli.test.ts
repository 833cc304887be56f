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
  'ssb3.json': JSON.stringify({ ...createScenario('3.0', 'monolithic'), mode: 'scalable-single-binary' }),
};
const read = (path: string) => {
  const text = files[path];
  if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
  return text;
};

describe('simulate CLI', () => {
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
    [['mono.json', '--duration', 'ten'], /--duration must be a number/],
    [['mono.json', '--seed', '-1'], /--seed must be an integer/],
    [['mono.json', '--fast'], /unknown option --fast/],
  ])('%j exits 2 with a clear message', (argv, message) => {
    const r = runCli(argv, read);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
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
