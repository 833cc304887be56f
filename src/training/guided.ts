/**
 * Guided training scenarios: short stories a presenter plays in front of a room. Each is data: a
 * starting scenario and steps at exact simulated seconds, with the load to set, the action to
 * inject and where to look. Nothing here is random and nothing reads a clock, so a replay shows the
 * same figures to everyone.
 *
 * What the text claims is an outcome of the simulation engine, not a script: guided.test.ts runs
 * every story through src/sim and checks each claim with a figure.
 *
 * Time: `at` is story time in simulated seconds, counted from the start of the story. A step with
 * `switchTo` replaces the running simulation with a fresh one of that scenario at that moment; its
 * own clock starts at 0 while story time goes on (see play.ts).
 */
import { GiB } from '../model/catalog';
import { createScenario, type Load, type Scenario } from '../model/scenario';
import type { SimAction } from '../sim/engine';
import type { SimEventKind } from '../sim/types';
import { toTempo30 } from './migration';

export type GuidedChart = 'spans' | 'memory' | 'latency';

export interface GuidedLookAt {
  /** A node id of deriveTopology(step's scenario). */
  nodeId?: string;
  chart?: GuidedChart;
  /** An event of this kind has happened by the time the next step begins. */
  eventKind?: SimEventKind;
}

export interface GuidedStep {
  title: string;
  /** What to notice, in plain words for the presenter. */
  text: string;
  /** Story time, simulated seconds, at which the step begins (whole seconds). */
  at: number;
  /** Load changes applied at `at`, on top of the current load. */
  load?: Partial<Load>;
  /** Injected at `at`. */
  action?: SimAction;
  lookAt?: GuidedLookAt;
  /** Replace the running scenario at `at` (the migration story). */
  switchTo?: Scenario;
}

export interface GuidedScenario {
  id: string;
  title: string;
  summary: string;
  scenario: Scenario;
  steps: GuidedStep[];
  /** Story time at which the story ends. */
  durationSeconds: number;
}

/** One moment at which the driver changes the simulation. */
export interface TimelineEntry {
  at: number;
  /** Index of the step in `steps`. */
  step: number;
  /** Start a new simulation of this scenario first. */
  switchTo?: Scenario;
  /** The full load to set (the step's partial load resolved against what ran before). */
  load?: Load;
  action?: SimAction;
}

/** Steps flattened into what the UI driver applies at step boundaries, sorted by time. */
export function guidedTimeline(g: GuidedScenario): TimelineEntry[] {
  const steps = g.steps.map((s, i) => ({ s, i })).sort((a, b) => a.s.at - b.s.at || a.i - b.i);
  let load: Load = { ...g.scenario.load };
  const out: TimelineEntry[] = [];
  for (const { s, i } of steps) {
    if (!s.switchTo && !s.load && !s.action) continue;
    const entry: TimelineEntry = { at: s.at, step: i };
    if (s.switchTo) {
      entry.switchTo = s.switchTo;
      load = { ...s.switchTo.load };
    }
    if (s.load) {
      load = { ...load, ...s.load };
      entry.load = { ...load };
    }
    if (s.action) entry.action = { ...s.action };
    out.push(entry);
  }
  return out;
}

/** The scenario running during step `index` (the last switchTo at or before it). */
export function scenarioAtStep(g: GuidedScenario, index: number): Scenario {
  let s = g.scenario;
  for (let k = 0; k <= index && k < g.steps.length; k++) {
    const sw = g.steps[k]?.switchTo;
    if (sw) s = sw;
  }
  return s;
}

// ------------------------------------------------------------------ the stories

const MB = 1_000_000;
/** Spans per second for a throughput at 500-byte spans. */
const spansFor = (mbps: number) => (mbps * MB) / 500;

/** Raise the per-tenant limit so that what the story shows is the process, not the refusals. */
function withRateLimit<T extends Scenario>(s: T, bytes: number): T {
  return { ...s, settings: { ...s.settings, rateLimitBytes: bytes, burstSizeBytes: bytes } };
}

function scenario(
  name: string,
  version: Scenario['tempoVersion'],
  mode: Scenario['mode'],
  patch: {
    components?: Scenario['components'];
    settings?: Partial<Scenario['settings']>;
    load?: Partial<Load>;
  },
): Scenario {
  const base = createScenario(version, mode);
  return {
    ...base,
    name,
    components: { ...base.components, ...patch.components },
    // Stories watch a cluster from its first minute: blocks pile up (or not) in front of the room.
    settings: { ...base.settings, start: 'fresh', ...patch.settings },
    load: { ...base.load, spanSizeBytes: 500, ...patch.load },
  };
}

function fresh(s: Scenario): Scenario {
  return { ...s, settings: { ...s.settings, start: 'fresh' } };
}

/** The load script the monolith and SSB stories share, so the two can be compared. */
const HOT_LOAD = { start: spansFor(5), warm: spansFor(20), hot: spansFor(50) } as const;

const monolithRunsHot: GuidedScenario = {
  id: 'monolith-runs-hot',
  title: 'The monolith runs hot',
  summary:
    'One Tempo 2.10 process with a 4 GiB limit. Traffic grows from 5 to 50 MB/s; memory climbs until the kernel kills it, and while it restarts clients drop spans.',
  durationSeconds: 600,
  scenario: withRateLimit(
    scenario('Monolith runs hot', '2.10', 'monolithic', {
      components: { tempo: { replicas: 1, cpu: 2, memoryBytes: 4 * GiB } },
      load: { spansPerSecond: HOT_LOAD.start },
    }),
    100 * MB,
  ),
  steps: [
    {
      at: 0,
      title: 'One process does everything',
      text: 'tempo-0 runs the distributor, ingester, querier, query-frontend and compactor in one pod with 2 CPU and 4 GiB. At 5 MB/s it is comfortable. The ingestion rate limit has been raised so nothing is refused at the door: we want to see what the process itself can take.',
      lookAt: { nodeId: 'tempo-0', chart: 'memory' },
    },
    {
      at: 60,
      title: 'Traffic quadruples',
      text: 'Now 20 MB/s. Memory steps up: the ingester keeps every trace in memory until it has been idle for 5 seconds, and its head block grows until it is cut. Still inside the limit.',
      load: { spansPerSecond: HOT_LOAD.warm },
      lookAt: { nodeId: 'tempo-0', chart: 'memory' },
    },
    {
      at: 180,
      title: 'Past what one process holds',
      text: '50 MB/s, beyond the 25-35 MB/s a single process is good for. Watch memory climb minute by minute: live traces, the growing head block and the blocks being written all share the same 4 GiB.',
      load: { spansPerSecond: HOT_LOAD.hot },
      lookAt: { nodeId: 'tempo-0', chart: 'memory' },
    },
    {
      at: 300,
      title: 'Under pressure',
      text: 'The node turns to "pressure": memory is above 85% of the limit. Nothing is lost yet, and nothing on the spans chart warns you.',
      lookAt: { nodeId: 'tempo-0', chart: 'memory' },
    },
    {
      at: 370,
      title: 'OOM-killed',
      text: 'The kernel kills the process at its memory limit. The event log says how many traces were only in memory: those are gone for good. Queries fail too, since the querier lived in the same pod.',
      lookAt: { nodeId: 'tempo-0', eventKind: 'oom-kill' },
    },
    {
      at: 400,
      title: 'Restart, WAL replay, refusals',
      text: 'The pod comes back and replays its write-ahead log before it accepts spans again. Meanwhile every push is refused; clients retry from their queues, and once a queue is full they drop spans.',
      lookAt: { nodeId: 'tempo-0', chart: 'spans', eventKind: 'spans-dropped' },
    },
    {
      at: 480,
      title: 'And again',
      text: 'Back up, at the same load, memory fills again and it is killed again, with a longer back-off each time. Lost spans keep adding up. A bigger pod buys a little time; spreading the load is the real fix, next story.',
      lookAt: { chart: 'spans', eventKind: 'restart' },
    },
  ],
};

const ssbScaleOut: GuidedScenario = {
  id: 'ssb-scale-out',
  title: 'Scale out with scalable single binary',
  summary:
    'The same pod three times, joined by memberlist into one ring (Tempo 2.10). The load script of the monolith story runs again; this time nothing is killed.',
  durationSeconds: 780,
  scenario: withRateLimit(
    scenario('SSB scale-out', '2.10', 'scalable-single-binary', {
      components: { tempo: { replicas: 3, cpu: 2, memoryBytes: 4 * GiB } },
      settings: { replicationFactor: 1 },
      load: { spansPerSecond: HOT_LOAD.start },
    }),
    100 * MB,
  ),
  steps: [
    {
      at: 0,
      title: 'Three of the same pod',
      text: 'Each replica runs every module, like the monolith, with the same 2 CPU and 4 GiB. Memberlist joins them and their ingesters share one ring: each trace ID hashes to one replica (replication_factor 1 here).',
      lookAt: { nodeId: 'ring' },
    },
    {
      at: 60,
      title: '20 MB/s',
      text: 'The same step up as before. Each replica receives about a third of the traffic, so its memory rises by a third as much.',
      load: { spansPerSecond: HOT_LOAD.warm },
      lookAt: { nodeId: 'tempo-0', chart: 'memory' },
    },
    {
      at: 180,
      title: '50 MB/s: the load that killed the monolith',
      text: 'About 17 MB/s per replica, inside what one process holds. Memory settles well under the limit.',
      load: { spansPerSecond: HOT_LOAD.hot },
      lookAt: { nodeId: 'tempo-1', chart: 'memory' },
    },
    {
      at: 420,
      title: 'Where the monolith died',
      text: 'By now the monolith had been OOM-killed twice. Here: no kill, no refusal, nothing lost. Queries are faster too, since three queriers share them.',
      lookAt: { chart: 'spans' },
    },
    {
      at: 600,
      title: 'But RF=1 is not high availability',
      text: 'Kill tempo-1. With replication_factor 1 nobody else holds its traces: what was only in its memory is lost, and pushes for its share of the ring fail until it is back.',
      action: { kind: 'kill', instance: 'tempo-1' },
      lookAt: { nodeId: 'tempo-1', eventKind: 'killed' },
    },
    {
      at: 660,
      title: 'The trade-off',
      text: 'RF=3 would keep three copies, at three times the memory per trace: with only three replicas every replica then holds everything. For HA, add replicas with RF=3 or move to microservices. SSB is also gone in Tempo 3.0.',
      lookAt: { chart: 'spans' },
    },
  ],
};

const rf3SurvivesIngester: GuidedScenario = {
  id: 'rf3-survives-ingester',
  title: 'RF=3 survives an ingester',
  summary:
    'Tempo 2.10 microservices with three ingesters and replication_factor 3. One ingester is killed; writes go on and no span is lost.',
  durationSeconds: 420,
  scenario: scenario('RF=3 survives an ingester', '2.10', 'microservices', {
    settings: { replicationFactor: 3 },
    load: { spansPerSecond: spansFor(5) },
  }),
  steps: [
    {
      at: 0,
      title: 'Three copies of every trace',
      text: 'Distributors hash each trace ID onto the ingester ring and send it to 3 ingesters. A write succeeds when 2 of the 3 acknowledge it (the quorum).',
      lookAt: { nodeId: 'ring' },
    },
    {
      at: 60,
      title: 'Kill ingester-1',
      text: 'The pod disappears with everything in its memory. The event log says what that cost: nothing, because the two other owners of each of its traces still hold them.',
      action: { kind: 'kill', instance: 'ingester-1' },
      lookAt: { nodeId: 'ingester-1', eventKind: 'killed' },
    },
    {
      at: 70,
      title: 'Writes carry on',
      text: 'Every trace still has 2 live owners, which is a quorum. The spans chart shows no refusals and the lost count stays at 0.',
      lookAt: { chart: 'spans', nodeId: 'distributor-0' },
    },
    {
      at: 120,
      title: 'Back in the ring',
      text: 'ingester-1 restarted, replayed its WAL and rejoined the ring. Its memory refills with new traces.',
      lookAt: { nodeId: 'ingester-1', eventKind: 'ready' },
    },
    {
      at: 300,
      title: 'What RF=3 does not cover',
      text: 'Two ingesters down at once leaves one owner, below quorum: writes for those traces are refused. And with RF=1 a single kill loses the traces only that pod held (see the SSB story).',
      lookAt: { chart: 'spans' },
    },
  ],
};

const kafkaAbsorbsLiveStore: GuidedScenario = {
  id: 'kafka-absorbs-live-store-crash',
  title: 'Kafka absorbs a live-store crash',
  summary:
    'Tempo 3.0 microservices: distributors write to Kafka, live-stores and block-builders read it. A live-store is killed; nothing is lost, it lags and catches up from its offset.',
  durationSeconds: 600,
  scenario: scenario('Kafka absorbs a live-store crash', '3.0', 'microservices', {
    load: { spansPerSecond: spansFor(15) },
  }),
  steps: [
    {
      at: 0,
      title: 'Kafka in the middle',
      text: 'Distributors produce every accepted span to a Kafka topic with 3 partitions. Each live-store consumes one partition and serves the last minutes of data; block-builders consume the same partitions and write blocks.',
      lookAt: { nodeId: 'kafka' },
    },
    {
      at: 120,
      title: 'Kill live-store-1',
      text: 'Its memory is gone, but every span it held is still in partition 1. The event log says so.',
      action: { kind: 'kill', instance: 'live-store-1' },
      lookAt: { nodeId: 'live-store-1', eventKind: 'killed' },
    },
    {
      at: 125,
      title: 'Lag, and failing recent queries',
      text: 'Partition 1 has no live-store that is caught up, so searches over recent data fail (fail_on_high_lag) instead of returning partial results. Writes are untouched: Kafka keeps accepting them.',
      lookAt: { nodeId: 'live-store-1', chart: 'latency', eventKind: 'lag' },
    },
    {
      at: 180,
      title: 'Caught up from the offset',
      text: 'The restarted live-store read partition 1 from its committed offset and caught up. Lost spans: 0. Refused: 0.',
      lookAt: { nodeId: 'live-store-1', eventKind: 'caught-up' },
    },
    {
      at: 330,
      title: 'Block-builders work in cycles',
      text: 'Every 5 minutes (consume_cycle_duration) each block-builder consumes what its partition gathered and writes blocks to object storage. Their lag saws up and down; that is normal.',
      lookAt: { nodeId: 'block-builder-0' },
    },
  ],
};

/** Sized for 5 MB/s with one compactor, then the traffic grows five-fold. */
const compactionScenario = withRateLimit(
  scenario('Compaction falls behind', '2.10', 'microservices', {
    components: {
      distributor: { replicas: 3, cpu: 2, memoryBytes: 2 * GiB },
      ingester: { replicas: 6, cpu: 2.5, memoryBytes: 8 * GiB },
      querier: { replicas: 4, cpu: 1, memoryBytes: 4 * GiB },
      compactor: { replicas: 1, cpu: 1, memoryBytes: 4 * GiB },
    },
    settings: { compaction: 'compactor' },
    load: { spansPerSecond: spansFor(5), queriesPerSecond: 8, queryRangeMinutes: 30 },
  }),
  100 * MB,
);

const compactionFallsBehind: GuidedScenario = {
  id: 'compaction-falls-behind',
  title: 'Compaction falls behind and queries slow down',
  summary:
    'Tempo 2.10 microservices with one compactor. Traffic grows five-fold; ingesters keep up, the compactor does not, blocks pile up in storage and searches get slower until they fail.',
  durationSeconds: 3900,
  scenario: compactionScenario,
  steps: [
    {
      at: 0,
      title: 'One compactor',
      text: 'Ingesters flush blocks to object storage; with RF=3 each trace lands there three times. The compactor merges blocks and drops the duplicate copies. One compactor matches the sizing for 5 MB/s (1 per 3-5 MB/s). Grafana runs 8 searches a second over the last 30 minutes (a dashboard of trace panels refreshing).',
      lookAt: { nodeId: 'compactor-0' },
    },
    {
      at: 960,
      title: 'Searches reach object storage',
      text: 'Data older than 15 minutes (query_backend_after) is read from blocks. The query-frontend splits each search into jobs, about one per block or per 100 MB, and queriers run them 20 at a time.',
      lookAt: { nodeId: 'object-storage', chart: 'latency' },
    },
    {
      at: 1200,
      title: 'Five times the traffic',
      text: '25 MB/s. Six ingesters handle it. The compactor now receives 75 MB/s of blocks (three copies), more than it can merge.',
      load: { spansPerSecond: spansFor(25) },
      lookAt: { nodeId: 'compactor-0' },
    },
    {
      at: 1800,
      title: 'Blocks pile up',
      text: 'The count of uncompacted blocks grows every minute. Each one is another job for every search, and the duplicate copies mean more bytes to scan.',
      lookAt: { nodeId: 'object-storage', chart: 'latency' },
    },
    {
      at: 3300,
      title: 'The queue tips over',
      text: 'Jobs now arrive faster than the four queriers finish them. The query-frontend queue grows and p99 latency climbs steeply.',
      lookAt: { nodeId: 'query-frontend-0', chart: 'latency' },
    },
    {
      at: 3800,
      title: 'Searches fail',
      text: 'The queue reached max_outstanding_per_tenant and new searches are refused. Nothing was lost on the write path; the cure is compaction sized to the traffic: 1 compactor per 3-5 MB/s, here 5 to 8. Replay with 6 compactors (and 8 queriers: at this rate compaction keeps about 2 of the 3 copies, since an hour of copies needs several blocks of max_compaction_objects) to compare.',
      lookAt: { chart: 'latency', eventKind: 'queries-failing' },
    },
  ],
};

/** The 2.10 cluster the migration story starts from. */
const migrationFrom = scenario('Before: Tempo 2.10 microservices', '2.10', 'microservices', {
  load: { spansPerSecond: spansFor(10) },
});

const migration: GuidedScenario = {
  id: 'migrate-2-10-to-3-0',
  title: 'Migrating from 2.10 to 3.0',
  summary:
    'A 2.10 microservices cluster at 10 MB/s becomes its 3.0 equivalent: ingesters and the compactor go, Kafka, block-builders, live-stores and the backend scheduler and workers arrive. Then a live-store crash shows what was gained.',
  durationSeconds: 720,
  scenario: migrationFrom,
  steps: [
    {
      at: 0,
      title: 'Where we start: 2.10',
      text: 'Distributors push each trace to 3 ingesters on the ring; ingesters hold recent data and flush blocks; a compactor merges them. This is the architecture 3.0 replaces.',
      lookAt: { nodeId: 'ring' },
    },
    {
      at: 60,
      title: 'What disappears',
      text: 'In 3.0 there are no ingesters, no compactor and no scalable-single-binary target. replication_factor goes too: the ingesters were the only copy of recent data, which is why they needed three.',
      lookAt: { nodeId: 'ingester-0' },
    },
    {
      at: 120,
      title: 'Migrate the config',
      text: '`tempo-cli migrate config` rewrites the 2.10 file; legacy flat overrides must become the nested overrides.defaults format, which 3.0 requires. Kafka has to be running before the switch.',
      lookAt: { nodeId: 'compactor-0' },
    },
    {
      at: 180,
      title: 'Tempo 3.0',
      text: 'The same load on 3.0. Distributors produce to Kafka; block-builders (one per partition) write blocks; live-stores serve recent data; the backend scheduler hands compaction jobs to workers. Queriers and query-frontends are unchanged.',
      // A parallel 3.0 deployment starts empty: Kafka holds only what was produced since the switch.
      switchTo: fresh(toTempo30(migrationFrom)),
      lookAt: { nodeId: 'kafka' },
    },
    {
      at: 300,
      title: 'Blocks every cycle',
      text: 'Block-builders consume in 5-minute cycles, so the first blocks reach object storage about 5 minutes after the switch. Until then recent data is served by the live-stores.',
      lookAt: { nodeId: 'block-builder-0' },
    },
    {
      at: 420,
      title: 'What was gained',
      text: 'Kill live-store-0. In 2.10 a lost ingester needed RF=3 to lose nothing; here Kafka still holds its partition, so it catches up from its offset and nothing is lost.',
      action: { kind: 'kill', instance: 'live-store-0' },
      lookAt: { nodeId: 'live-store-0', eventKind: 'killed' },
    },
    {
      at: 540,
      title: 'Caught up',
      text: 'live-store-0 is back and caught up. Lost spans since the switch: 0.',
      lookAt: { nodeId: 'live-store-0', chart: 'spans', eventKind: 'caught-up' },
    },
  ],
};

const storageOutage210: GuidedScenario = {
  id: 'storage-outage-2-10',
  title: 'Object storage down for 2 hours (2.10)',
  summary:
    'Tempo 2.10 microservices at 15 MB/s lose object storage for 2 hours. Ingesters keep their complete blocks on their volumes and retry the flush; the heap stays flat, and what runs out is the 10 GiB disk.',
  durationSeconds: 9000,
  scenario: scenario('Object storage down for 2 hours (2.10)', '2.10', 'microservices', {
    settings: { start: 'steady' },
    load: { spansPerSecond: spansFor(15) },
  }),
  steps: [
    {
      at: 0,
      title: 'Blocks on the way out',
      text: 'Each ingester cuts its head block every max_block_duration (30 m) or 500 MB, completes it on its volume and flushes it. Flushed blocks stay on the volume for complete_block_timeout (15 m). Every volume here is the chart default, 10 GiB.',
      lookAt: { nodeId: 'ingester-0' },
    },
    {
      at: 300,
      title: 'Object storage goes away',
      text: 'Flushes fail; Tempo logs "error performing op in flushQueue" and retries each block every 30 s to 2 min. Writes carry on: spans still reach the WAL.',
      action: { kind: 'storage-outage', durationSeconds: 2 * 3600 },
      lookAt: { nodeId: 'object-storage', eventKind: 'storage-outage' },
    },
    {
      at: 1200,
      title: 'The disk fills, not the heap',
      text: 'Complete blocks wait on the volume, not in memory, so the memory chart stays flat. Their bytes on disk grow by about 3.75 MB/s per ingester (15 MB/s, RF 3, parquet-compressed).',
      lookAt: { nodeId: 'ingester-0', chart: 'memory' },
    },
    {
      at: 2400,
      title: 'Volume full',
      text: 'The WAL cannot take the traces cut from memory: Tempo logs "failed to cut traces" and they are gone. The event log counts what each ingester loses. A bigger volume (Configure, ingester volume) rides the outage out.',
      lookAt: { nodeId: 'ingester-0', chart: 'spans', eventKind: 'volume-full' },
    },
    {
      at: 7500,
      title: 'Storage is back',
      text: 'The queued flushes succeed, the blocks drain to object storage, and the volumes free up once the flushed blocks pass complete_block_timeout.',
      lookAt: { nodeId: 'object-storage', eventKind: 'storage-restored' },
    },
    {
      at: 8000,
      title: 'Room again, and the count',
      text: 'Each ingester says how many spans it lost while its volume was full. Nothing was OOM-killed and nothing crash-looped: the limit was the disk.',
      lookAt: { nodeId: 'ingester-0', eventKind: 'volume-ok' },
    },
  ],
};

const storageOutage30: GuidedScenario = {
  id: 'storage-outage-3-0',
  title: 'Object storage down for 2 hours (3.0)',
  summary:
    "Tempo 3.0 microservices at 15 MB/s lose object storage for 2 hours. Kafka holds everything; block-builders fall behind, then catch up in sections of at most 5 minutes of records or 5 GB, and nothing is lost inside Kafka's retention.",
  durationSeconds: 9600,
  scenario: scenario('Object storage down for 2 hours (3.0)', '3.0', 'microservices', {
    settings: { start: 'steady' },
    load: { spansPerSecond: spansFor(15) },
  }),
  steps: [
    {
      at: 0,
      title: 'Kafka is the buffer',
      text: 'Distributors write to Kafka; live-stores serve recent data; block-builders write blocks every consume_cycle_duration (5 m). Kafka keeps records for 24 hours here (Configure, Kafka retention).',
      lookAt: { nodeId: 'kafka' },
    },
    {
      at: 300,
      title: 'Object storage goes away',
      text: 'Block-builders cannot write their blocks ("consumeCycle failed") and do not commit their offsets. Writes and recent queries are untouched.',
      action: { kind: 'storage-outage', durationSeconds: 2 * 3600 },
      lookAt: { nodeId: 'object-storage', eventKind: 'storage-outage' },
    },
    {
      at: 1200,
      title: 'Lag grows',
      text: "Each block-builder is now hours behind its partition. That is safe while the lag stays under Kafka's retention: past it, the oldest records are deleted before they are read, and the event log would count them.",
      lookAt: { nodeId: 'block-builder-0', eventKind: 'lag' },
    },
    {
      at: 7500,
      title: 'Storage is back: catching up in sections',
      text: 'A block-builder reads one section at a time, at most 5 minutes of records or max_consuming_bytes (5 GB), writes it and commits, then starts the next at once. Memory stays bounded by one section.',
      lookAt: { nodeId: 'block-builder-0', chart: 'memory', eventKind: 'storage-restored' },
    },
    {
      at: 8400,
      title: 'Caught up',
      text: 'Every block-builder is back to its 5-minute rhythm. Lost spans: 0, no OOM kill.',
      lookAt: { nodeId: 'block-builder-0', eventKind: 'caught-up' },
    },
  ],
};

const zoneOutage: GuidedScenario = {
  id: 'live-store-zone-outage',
  title: 'A zone of live-stores down for 2 hours (3.0)',
  summary:
    'Tempo 3.0 with live-stores in two zones at 15 MB/s. Zone A goes down for 2 hours: zone B serves recent data; zone A comes back, reads only the last 40 minutes of its partitions and catches up under backpressure.',
  durationSeconds: 9000,
  scenario: scenario('A zone of live-stores down for 2 hours', '3.0', 'microservices', {
    components: { 'live-store': { replicas: 6, cpu: 1, memoryBytes: 6 * GiB } },
    settings: { start: 'steady' },
    load: { spansPerSecond: spansFor(15) },
  }),
  steps: [
    {
      at: 0,
      title: 'Two zones',
      text: 'Six live-stores: one per partition in each of two zones. Both zones consume every partition; queries use whichever is caught up.',
      lookAt: { nodeId: 'live-store-0' },
    },
    {
      at: 300,
      title: 'Zone A goes down',
      text: 'Its three live-stores stop. Nothing is lost: Kafka holds their partitions, and zone B answers recent queries.',
      action: { kind: 'zone-outage', zone: 0, durationSeconds: 2 * 3600 },
      lookAt: { nodeId: 'live-store-0', eventKind: 'zone-outage' },
    },
    {
      at: 7500,
      title: 'Back, from the committed offset but no further than 40 minutes',
      text: 'A live-store resumes from its committed offset, but never from further back than 2 x complete_block_timeout (40 m): it only serves recent data. The restart event says how much it skips; block-builders still write those records.',
      lookAt: { nodeId: 'live-store-0', eventKind: 'restart' },
    },
    {
      at: 7800,
      title: 'Backpressure, then caught up',
      text: 'It consumes as fast as its CPU allows but never past max_live_traces_bytes (250 MB) of live traces or 4 WAL blocks waiting: memory stays bounded, and within minutes it is caught up. No crash loop.',
      lookAt: { nodeId: 'live-store-0', chart: 'memory', eventKind: 'caught-up' },
    },
  ],
};

/** Every guided story, in the order to teach them. */
export const GUIDED_SCENARIOS: readonly GuidedScenario[] = [
  monolithRunsHot,
  ssbScaleOut,
  rf3SurvivesIngester,
  kafkaAbsorbsLiveStore,
  compactionFallsBehind,
  migration,
  storageOutage210,
  storageOutage30,
  zoneOutage,
];

export function guidedById(id: string): GuidedScenario | undefined {
  return GUIDED_SCENARIOS.find((g) => g.id === id);
}
