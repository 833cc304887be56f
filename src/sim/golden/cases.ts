/**
 * The golden runs: scenarios that together cover every version x mode, kills, outages, spikes,
 * rate limits, OOM kills and query load. `goldenRecord` captures what a run produced, at full
 * precision, through the public views only, so the engine's insides can move freely beneath it.
 */
import type { DeploymentMode, TempoVersion } from '../../model/catalog';
import { withRaisedLimits } from '../../model/limits';
import {
  createScenario,
  type Load,
  normalizeScenario,
  type Scenario,
  type ScheduledEvent,
} from '../../model/scenario';
import { benchScenario } from '../bench';
import { createSimulation, inject, runFor, type SimAction } from '../engine';
import { summarize, views } from '../views';

export interface GoldenCase {
  name: string;
  scenario: Scenario;
  seconds: number;
  /** Live actions applied at a simulated second (as the UI's buttons do). */
  live?: { at: number; action: SimAction }[];
}

function sc(
  version: TempoVersion,
  mode: DeploymentMode,
  load: Partial<Load> = {},
  extra: {
    rf?: number;
    rateLimit?: number;
    events?: ScheduledEvent[];
    compaction?: 'compactor' | 'backend-scheduler';
    metricsGenerator?: boolean;
    partitions?: number;
    fresh?: boolean;
  } = {},
): Scenario {
  const base = createScenario(version, mode);
  const settings = { ...base.settings };
  if (extra.rf !== undefined) settings.replicationFactor = extra.rf;
  if (extra.rateLimit !== undefined) {
    settings.rateLimitBytes = extra.rateLimit;
    settings.burstSizeBytes = extra.rateLimit;
  }
  if (extra.compaction) settings.compaction = extra.compaction;
  if (extra.metricsGenerator) settings.metricsGenerator = true;
  if (extra.partitions) settings.kafkaPartitions = extra.partitions;
  if (extra.fresh) settings.start = 'fresh';
  // Components follow the settings (compaction choice, metrics-generator, partitions).
  const s = normalizeScenario({
    ...base,
    settings,
    components: {},
    load: { ...base.load, ...load },
    events: extra.events ?? [],
  });
  // A raised rate limit comes with max_traces_per_user raised for what it lets in.
  return extra.rateLimit === undefined ? s : withRaisedLimits(s, extra.rateLimit);
}

const kill = (at: number, instance: string): ScheduledEvent => ({ at, kind: 'kill', instance });

export const GOLDEN_CASES: GoldenCase[] = [
  { name: '2.10 monolithic, default load, 1 h', scenario: sc('2.10', 'monolithic'), seconds: 3600 },
  {
    name: '2.10 monolithic OOM at 50 MB/s, limit raised',
    scenario: sc('2.10', 'monolithic', { spansPerSecond: 100_000 }, { rateLimit: 100e6 }),
    seconds: 900,
  },
  {
    name: '2.10 monolithic over the default rate limit, queries',
    scenario: sc('2.10', 'monolithic', { spansPerSecond: 100_000, queriesPerSecond: 5 }),
    seconds: 600,
  },
  {
    name: '2.10 SSB, tempo-1 killed',
    scenario: sc(
      '2.10',
      'scalable-single-binary',
      { spansPerSecond: 30_000 },
      { events: [kill(120, 'tempo-1')] },
    ),
    seconds: 900,
  },
  {
    name: '2.10 microservices RF=3, ingester-1 killed, storage outage',
    scenario: sc(
      '2.10',
      'microservices',
      { spansPerSecond: 40_000, queriesPerSecond: 3 },
      {
        events: [kill(200, 'ingester-1'), { at: 400, kind: 'storage-outage', durationSeconds: 300 }],
        metricsGenerator: true,
      },
    ),
    seconds: 1800,
  },
  {
    name: '2.10 microservices RF=1, ingester-0 killed, spike',
    scenario: sc(
      '2.10',
      'microservices',
      { spansPerSecond: 20_000 },
      {
        rf: 1,
        events: [kill(100, 'ingester-0'), { at: 300, kind: 'spike', factor: 5, durationSeconds: 120 }],
      },
    ),
    seconds: 900,
  },
  {
    name: '2.10 microservices backend scheduler, heavy queries, huge traces',
    scenario: sc(
      '2.10',
      'microservices',
      { spansPerSecond: 10_000, spansPerTrace: 20_000, queriesPerSecond: 40, queryRangeMinutes: 1440 },
      { compaction: 'backend-scheduler', events: [kill(300, 'backend-scheduler-0')] },
    ),
    seconds: 1200,
  },
  {
    name: '3.0 monolithic, default load',
    scenario: sc('3.0', 'monolithic', { queriesPerSecond: 2 }),
    seconds: 1200,
  },
  {
    name: '3.0 microservices, live-store and block-builder killed, Kafka outage',
    scenario: sc(
      '3.0',
      'microservices',
      { spansPerSecond: 60_000, queriesPerSecond: 2 },
      {
        metricsGenerator: true,
        partitions: 6,
        events: [
          kill(100, 'live-store-1'),
          kill(250, 'block-builder-2'),
          { at: 500, kind: 'kafka-outage', durationSeconds: 120 },
          { at: 800, kind: 'storage-outage', durationSeconds: 200 },
        ],
      },
    ),
    seconds: 1500,
  },
  {
    name: '3.0 microservices overloaded live-stores, spike, live kill',
    scenario: sc('3.0', 'microservices', { spansPerSecond: 400_000 }, { rateLimit: 100e6 }),
    seconds: 900,
    live: [
      { at: 60, action: { kind: 'spike', factor: 3, durationSeconds: 90 } },
      { at: 400, action: { kind: 'kill', instance: 'distributor-0' } },
    ],
  },
  { name: 'bench: 300 processes at 2 M spans/s', scenario: benchScenario(), seconds: 700 },
  {
    name: '2.10 microservices, fresh cluster, 20 qps over 7 days',
    scenario: sc(
      '2.10',
      'microservices',
      { spansPerSecond: 30_000, queriesPerSecond: 20, queryRangeMinutes: 7 * 1440 },
      { fresh: true },
    ),
    seconds: 900,
  },
];

/** Everything a person or the CLI can read of a run: the summary and the final views, unrounded. */
export function goldenRecord(c: GoldenCase): unknown {
  let s = createSimulation(c.scenario);
  const live = [...(c.live ?? [])].sort((a, b) => a.at - b.at);
  const checkpoints: unknown[] = [];
  let t = 0;
  for (const l of live) {
    s = runFor(s, l.at - t);
    t = l.at;
    s = inject(s, l.action);
  }
  const rest = c.seconds - t;
  const half = Math.floor(rest / 2);
  s = runFor(s, half);
  checkpoints.push(views(s).totals);
  s = runFor(s, rest - half);
  const v = views(s);
  return { summary: summarize(s), checkpoints, views: { ...v, events: undefined } };
}
