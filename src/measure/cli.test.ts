import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCompareCli } from './cli';

const dir = join(__dirname, 'fixtures');
const read = (p: string) => {
  try {
    return { ok: true as const, text: readFileSync(join(dir, p), 'utf8') };
  } catch {
    return { ok: false as const, message: `cannot open ${p}` };
  }
};

describe('npm run compare', () => {
  it('prints the per-process table and the series that matched nothing', () => {
    const r = runCompareCli(['tempo-2.10-scenario.json', 'tempo-2.10-matrix.json'], read);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\| ingester-2 \| 1\.\d+ \/ 1\.\d+ \| [\d.]+ \| \*\*\+\d+%\*\* \|/m);
    expect(r.stdout).toContain('- tempo-memcached-0: not a process this scenario runs');
  });

  it('--json gives the same figures to a program', () => {
    const r = runCompareCli(['tempo-3.0-scenario.json', 'tempo-3.0-vector.json', '--json'], read);
    const j = JSON.parse(r.stdout);
    expect(j.load.spansPerSecond).toBe(48_000);
    expect(j.comparison.processes).toHaveLength(23);
  });

  it('exit code 2 with the reason on input it cannot read', () => {
    const missing = runCompareCli(['tempo-3.0-scenario.json', 'nope.json'], read);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toContain('cannot open nope.json');
    const notMeasurements = runCompareCli(['tempo-3.0-scenario.json', 'tempo-3.0-scenario.json'], read);
    expect(notMeasurements.code).toBe(2);
    expect(notMeasurements.stderr).toMatch(/not a Prometheus answer/);
    const notScenario = runCompareCli(['tempo-3.0-vector.json', 'tempo-3.0-vector.json'], read);
    expect(notScenario.stderr).toMatch(/is not a scenario/);
    expect(runCompareCli(['a'], read).code).toBe(2);
  });
});
