import { describe, expect, it } from 'vitest';
import { parseArgs, parseHours, runPlanCli } from './cli';

const base = ['--spans-per-second', '20000', '--span-size', '500', '--retention', '14d'];

describe('plan CLI', () => {
  it('prints each mode with the published range and floor, what sized it, the caveats, totals and cost', () => {
    const r = runPlanCli([...base, '--version', '3.0', '--zones', '2']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(
      /^Plan for 20,000 spans\/s of 500 B \(10 MB\/s\), entered as spans\/s; retention 336 h/,
    );
    expect(r.stdout).toMatch(/Published floors hold/);
    // A monolith is sized at 10 MB/s, with the loss it cannot survive said plainly.
    expect(r.stdout).toMatch(/== Tempo 3\.0 monolithic ==\n {2}tempo {17}1 x /);
    expect(r.stdout).toMatch(
      /caveat: A monolith cannot survive the loss of its one process: .* lost [0-9]+ spans/,
    );
    expect(r.stdout).toMatch(/== Tempo 3\.0 microservices ==/);
    expect(r.stdout).toMatch(
      /querier .*\n {6}published: replicas 5-10; CPU 0\.5-1 CPU; memory 4-20 GB: .*\(Tempo v3\.0\.3 docs, "Size the cluster"/,
    );
    expect(r.stdout).toMatch(/floor: 2 replicas, 2 CPU, 3 GiB \(the Kafka producer buffer/);
    expect(r.stdout).toMatch(/sized by the read load: 1 searches\/s over 60 min; p99 [0-9.]+ (ms|s)/);
    expect(r.stdout).toMatch(/sized by the compaction backlog: run [0-9]+, 2 h of steady load/);
    expect(r.stdout).toMatch(/live-store .*, volume [0-9]+ GiB/);
    expect(r.stdout).toMatch(/Kafka partitions: 3; live-store zones: 2/);
    expect(r.stdout).toMatch(/Kafka: 3 partitions, retention 24 h/);
    expect(r.stdout).toMatch(/totals: [0-9.]+ cores, .* pods; volumes .*; object storage /);
    expect(r.stdout).toMatch(/monthly cost: /);
    expect(r.stdout).not.toMatch(/scalable-single-binary/);
  }, 120_000);

  it('--outage and --trust-simulation-below-floors reach the planner; a bad outage is refused', () => {
    const p = parseArgs([...base, '--outage', '6h', '--trust-simulation-below-floors']);
    expect(p.ok && p.input.outageHours).toBe(6);
    expect(p.ok && p.input.trustBelowFloors).toBe(true);
    const d = parseArgs(base);
    expect(d.ok && d.input.trustBelowFloors).toBe(false);
    const bad = runPlanCli([...base, '--outage', '9d']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--outage must be .*at most 7d\), got "9d"/);
  });

  it('--json is the planner result; --mode narrows it', () => {
    const r = runPlanCli([...base, '--version', '2.10', '--mode', 'microservices', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.plans).toHaveLength(1);
    expect(out.plans[0].mode).toBe('microservices');
    expect(out.plans[0].ok).toBe(true);
    expect(out.plans[0].scenario.components.ingester.replicas).toBeGreaterThanOrEqual(3);
    expect(out.plans[0].totals.cores).toBeGreaterThan(0);
  });

  it('beyond one cluster: a message, no scenario', () => {
    const r = runPlanCli([
      '--spans-per-second',
      '10000000',
      '--span-size',
      '500',
      '--retention',
      '14d',
      '--mode',
      'microservices',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no cluster: Beyond one cluster/);
  });

  it.each([
    [
      ['--spans-per-second', '1e5', '--span-size', '500', '--retention', '14d'],
      /--spans-per-second must be a number from 1 to 20,000,000 in plain digits .*got "1e5"/,
    ],
    [['--spans-per-second', ' 7', '--span-size', '500', '--retention', '14d'], /got " 7"/],
    [['--spans-per-second', '-5', '--span-size', '500', '--retention', '14d'], /got "-5"/],
    [
      ['--spans-per-second', '100', '--span-size', '10', '--retention', '14d'],
      /--span-size must be from 50 to 1,000,000, got "10"/,
    ],
    [
      ['--spans-per-second', '100', '--span-size', '500', '--retention', '14'],
      /--retention must be hours or days/,
    ],
    [['--spans-per-second', '100', '--span-size', '500'], /--retention is required/],
    [[...base, '--zones', '4'], /--zones must be a whole number from 1 to 3/],
    [[...base, '--version', '4.0'], /--version must be 2.10 or 3.0, got "4.0"/],
    [[...base, '--version', '3.0', '--mode', 'scalable-single-binary'], /does not exist in Tempo 3.0/],
    [[...base, '--kafka-retention', '30m'], /at least 40m/],
    [[...base, '--price-core', '-1'], /--price-core must be a number from 0 to 1,000,000/],
    [[...base, '--price-core', '2000000'], /--price-core must be from 0 to 1,000,000/],
    [[...base, '--queries-per-second', '0x10'], /--queries-per-second must be a number .*got "0x10"/],
    [[...base, '--spans-per-second', ''], /--spans-per-second is empty/],
    [[...base, '--frobnicate'], /unknown argument "--frobnicate"/],
    [[...base, '--mode', '\u001b[31m'], /got "\\x1b\[31m"/],
  ])('bad input %j exits 2 with a clear message', (argv, message) => {
    const r = runPlanCli(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toMatch(/usage: plan/);
  });

  it('--help prints the usage and exits 0', () => {
    const r = runPlanCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: plan --spans-per-second N/);
  });

  it('durations and prices are read strictly', () => {
    expect(parseHours('14d', 1, 1e6)).toBe(336);
    expect(parseHours('40m', 0.5, 1e6)).toBeCloseTo(40 / 60);
    expect(parseHours('1.5d', 1, 1e6)).toBeNull();
    const ok = parseArgs([...base, '--price-object-gb', '0.023', '--headroom-percent', '60']);
    expect(ok.ok && ok.input.prices.objectStorageGBPerMonth).toBe(0.023);
    expect(ok.ok && ok.input.headroom).toBe(0.6);
  });
});
