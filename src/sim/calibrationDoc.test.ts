/**
 * CALIBRATION.md is read by Tempo operators as the model's sources (issue 17, item 10): every row of a
 * table with a test column names one, every test file it names exists, and the sources it once got
 * wrong stay corrected: no "PR #6778" (no such source; the block-builder figures are estimates beside the
 * v3.0.3 jsonnet and config), grafana/tempo #4424 with its real topology (3 distributors x 3 ingesters,
 * a global limit), and the 2 CPU / 4 GiB monolith marked as this app's choice, not the docs'.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const doc = readFileSync(new URL('./CALIBRATION.md', import.meta.url), 'utf8');
const lines = doc.split('\n');

/** Rows of every table whose header has a "test" column, with that column's cell. */
function testedRows(): { row: string; test: string }[] {
  const out: { row: string; test: string }[] = [];
  let col = -1;
  for (const line of lines) {
    if (!line.startsWith('|')) {
      col = -1;
      continue;
    }
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (col < 0) {
      col = cells.findIndex((c) => c.startsWith('test'));
      continue;
    }
    if (cells.every((c) => /^-+$/.test(c))) continue;
    if (col >= 0) out.push({ row: cells[0] ?? '', test: cells[col] ?? '' });
  }
  return out;
}

function testFilesUnder(dir: URL): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...testFilesUnder(new URL(`${e.name}/`, dir)));
    else if (e.name.endsWith('.test.ts')) out.push(e.name);
  }
  return out;
}

describe('CALIBRATION.md', () => {
  it('every row of a table with a test column names its test', () => {
    const rows = testedRows();
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) expect(r.test, r.row).not.toBe('');
  });

  it('every test file it names exists', () => {
    const files = new Set(testFilesUnder(new URL('../', import.meta.url)));
    const named = [...doc.matchAll(/`([A-Za-z/]*?([A-Za-z]+\.test\.ts))`/g)].map((m) => m[2] as string);
    expect(named.length).toBeGreaterThan(5);
    for (const f of named) expect(files.has(f), f).toBe(true);
    expect(existsSync(new URL('./limits.test.ts', import.meta.url))).toBe(true);
  });

  it('cites no source that does not exist: "PR #6778" only where it says it is no longer cited', () => {
    for (const line of lines.filter((l) => l.includes('6778')))
      expect(line, line.slice(0, 80)).toMatch(/no longer cited/);
    const code = readFileSync(new URL('./calibration.ts', import.meta.url), 'utf8');
    expect(code).not.toMatch(/calibrated on grafana\/tempo PR #6778/);
  });

  it("gives grafana/tempo #4424 its real topology and marks 2 CPU / 4 GiB as this app's choice", () => {
    const row = lines.find((l) => l.includes('#4424') && l.startsWith('|')) ?? '';
    expect(row).toMatch(/3 distributors x 3 ingesters/);
    expect(row).toMatch(/global rate limit/);
    const monolith = lines.filter((l) => l.includes('2 CPU / 4 GiB') && l.startsWith('|'));
    expect(monolith.length).toBeGreaterThan(0);
    for (const l of monolith) expect(l).toMatch(/this app's choice/);
  });
});
