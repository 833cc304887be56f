/** The simulate CLI's recovery knobs: volume sizes, Kafka retention, block timings. */
import { describe, expect, it } from 'vitest';
import { createScenario } from '../model/scenario';
import { runCli } from './cli';

const outage = (version: '2.10' | '3.0', hours: number) =>
  JSON.stringify({
    ...createScenario(version, 'microservices'),
    events: [{ at: 60, kind: 'storage-outage', durationSeconds: hours * 3600 }],
  });
const files: Record<string, string> = { 'v2.json': outage('2.10', 4), 'v3.json': outage('3.0', 2) };
const read = (path: string) => files[path] ?? '';
const summary = (args: string[]) => {
  const r = runCli(args, read);
  expect(r.stderr).toBe('');
  return JSON.parse(r.stdout) as { spans: { lost: number }; events: { kind: string }[] };
};

describe('simulate CLI: recovery knobs', () => {
  it('--volume-gib ingester=60 rides out a 4 h outage that fills the default 10 GiB', () => {
    const small = summary(['v2.json', '--duration', '18000']);
    expect(small.events.some((e) => e.kind === 'volume-full')).toBe(true);
    expect(small.spans.lost).toBeGreaterThan(0);
    const big = summary(['v2.json', '--duration', '18000', '--volume-gib', 'ingester=60']);
    expect(big.events.some((e) => e.kind === 'volume-full')).toBe(false);
    expect(big.spans.lost).toBe(0);
  });

  it('--kafka-retention-minutes 60 makes a 2 h outage lose what expired', () => {
    const out = summary(['v3.json', '--duration', '10800', '--kafka-retention-minutes=60']);
    expect(out.events.some((e) => e.kind === 'records-expired')).toBe(true);
    expect(out.spans.lost).toBeGreaterThan(0);
  });

  it('refuses a volume for a stateless kind, and timings out of range, with exit code 2', () => {
    for (const args of [
      ['v2.json', '--volume-gib', 'querier=10'],
      ['v2.json', '--volume-gib', 'ingester=lots'],
      ['v2.json', '--max-block-duration', '0'],
      ['v2.json', '--complete-block-timeout', '10'],
      ['v3.json', '--kafka-retention-minutes', '-5'],
    ]) {
      const r = runCli(args, read);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(
        /^--(volume-gib|max-block-duration|complete-block-timeout|kafka-retention-minutes) must be/,
      );
    }
  });
});
