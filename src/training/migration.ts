/**
 * The 2.10 -> 3.0 migration as a view model: which components go, which arrive, which stay, which
 * config keys move, and the 3.0 scenario that carries the same load.
 *
 * Facts from shared/tempo-reference.md and the config manifests of v2.10.8 and v3.0.3: 3.0 has no
 * ingester, compactor or scalable-single-binary target; its write path is distributor -> Kafka ->
 * block-builders and live-stores; compaction is backend-scheduler + backend-workers; legacy flat
 * overrides are refused unless overrides.enable_legacy_overrides is set.
 */
import type { ComponentKind, DeploymentMode, ProcessKind } from '../model/catalog';
import { defaultRateLimit, raisedMaxTraces } from '../model/limits';
import {
  type ComponentConfig,
  monolithModules,
  processKinds,
  type Scenario,
  scenarioInstances,
} from '../model/scenario';
import { raisedRateLimit, sizeScenario, THRESHOLDS } from './recommender';

export type MigrationComponent = ComponentKind | 'scalable-single-binary';

export interface MigrationItem {
  component: MigrationComponent;
  /** What to call it on screen ("Ingester ring and replication_factor"). */
  label: string;
  why: string;
}

export interface ConfigChange {
  /** Key path in the 2.10 tempo.yaml; null for a key 3.0 adds. */
  from: string | null;
  /** Key path in the 3.0 tempo.yaml, or 'removed'. */
  to: string | 'removed';
  note: string;
}

export interface MigrationView {
  /** The mode of scenario30. */
  targetMode: DeploymentMode;
  disappears: MigrationItem[];
  appears: MigrationItem[];
  unchanged: MigrationItem[];
  configChanges: ConfigChange[];
  /** Steps and caveats in plain words. */
  notes: string[];
  scenario30: Scenario;
}

const MB = 1_000_000;

/** Received bytes per second of a scenario's load, MB/s. */
export function loadMBps(s: Scenario): number {
  return (s.load.spansPerSecond * s.load.spanSizeBytes) / MB;
}

/** The 3.0 mode a 2.10 deployment becomes. */
export function targetModeFor(s: Scenario): DeploymentMode {
  if (s.mode === 'microservices') return 'microservices';
  if (s.mode === 'monolithic') return 'monolithic';
  // SSB: `tempo-cli migrate config` makes it `all`; that is one process, so only when one fits.
  return loadMBps(s) <= THRESHOLDS.monolithMaxMBps ? 'monolithic' : 'microservices';
}

const CARRIED_KINDS: readonly ProcessKind[] = [
  'distributor',
  'query-frontend',
  'querier',
  'metrics-generator',
];

/** The 3.0 equivalent of a 2.10 scenario, sized for the same load. */
export function toTempo30(s: Scenario): Scenario {
  const mode = targetModeFor(s);
  const T = loadMBps(s);
  const ha = s.mode !== 'monolithic' && s.settings.replicationFactor >= 3;
  const sized = sizeScenario('3.0', mode, T, {
    highAvailability: ha,
    spanSizeBytes: s.load.spanSizeBytes,
  }).scenario;
  const settings = {
    ...sized.settings,
    storageBackend: s.settings.storageBackend,
    bucket: s.settings.bucket,
    metricsGenerator: s.settings.metricsGenerator,
    retentionHours: s.settings.retentionHours,
    receivers: { ...s.settings.receivers },
  };
  if (mode === 'microservices' && s.settings.storageBackend === 'local') settings.storageBackend = 's3';
  const components: Scenario['components'] = { ...sized.components };
  if (mode === 'microservices' && s.mode === 'microservices') {
    // Components 3.0 keeps stay as they were sized.
    for (const kind of CARRIED_KINDS) {
      const c = s.components[kind];
      if (c) components[kind] = { ...c };
    }
  }
  if (mode === 'monolithic') {
    const was = s.components.tempo;
    const now = components.tempo;
    if (was && now) {
      const bigger: ComponentConfig = {
        replicas: 1,
        cpu: Math.max(was.cpu, now.cpu),
        memoryBytes: Math.max(was.memoryBytes, now.memoryBytes),
      };
      components.tempo = bigger;
    }
  }
  if (mode === 'microservices' && s.settings.metricsGenerator && !components['metrics-generator'])
    components['metrics-generator'] = { replicas: 1, cpu: 1, memoryBytes: 4 * 1024 ** 3 };
  // Keep the custom limits people set; otherwise 3.0's default (30 MB/s), raised if it would refuse.
  settings.rateLimitBytes = s.settings.rateLimitBytes;
  settings.burstSizeBytes = s.settings.burstSizeBytes;
  if (s.settings.rateLimitBytes === undefined) {
    const distributors = mode === 'microservices' ? (components.distributor?.replicas ?? 1) : 1;
    const raised = raisedRateLimit('3.0', T, distributors);
    if (raised) {
      settings.rateLimitBytes = raised.limitBytes;
      settings.burstSizeBytes = raised.limitBytes;
    }
  }
  // max_traces_per_user: kept when set; otherwise raised for 3.0's live-stores if 10,000 would discard.
  settings.limits = s.settings.limits;
  if (s.settings.limits?.maxTracesPerUser === undefined) {
    const mt = raisedMaxTraces({ tempoVersion: '3.0', mode, settings, components, load: s.load }, 1.5);
    if (mt !== null) settings.limits = { ...settings.limits, maxTracesPerUser: mt };
  }
  const kinds = new Set(processKinds('3.0', mode, settings));
  for (const k of Object.keys(components) as ProcessKind[]) if (!kinds.has(k)) delete components[k];
  const out: Scenario = {
    ...s,
    name: `${s.name} on Tempo 3.0`,
    tempoVersion: '3.0',
    mode,
    settings,
    components,
    events: [],
    layout: undefined,
  };
  // Scheduled events stay when what they act on still exists (a killed ingester does not).
  const names = new Set(scenarioInstances(out).map((i) => i.name));
  out.events = s.events.filter(
    (e) => e.kind !== 'kill' || (e.instance !== undefined && names.has(e.instance)),
  );
  return out;
}

function item(component: MigrationComponent, label: string, why: string): MigrationItem {
  return { component, label, why };
}

/** The migration view of a 2.10 scenario. A 3.0 scenario comes back unchanged with a note. */
export function migrationView(s: Scenario): MigrationView {
  if (s.tempoVersion === '3.0') {
    return {
      targetMode: s.mode,
      disappears: [],
      appears: [],
      unchanged: [],
      configChanges: [],
      notes: ['This scenario already runs Tempo 3.0.'],
      scenario30: s,
    };
  }
  const scenario30 = toTempo30(s);
  const target = scenario30.mode;
  const kafka = target === 'microservices';
  const single = s.mode !== 'microservices';
  const hadCompactor = single || s.settings.compaction === 'compactor';
  const inProcess = (what: string) =>
    target === 'monolithic' ? `${what} module inside the one process` : what;
  const disappears: MigrationItem[] = [];
  const appears: MigrationItem[] = [];
  const unchanged: MigrationItem[] = [];
  const notes: string[] = [];
  const configChanges: ConfigChange[] = [];

  // What goes.
  if (s.mode === 'scalable-single-binary') {
    disappears.push(
      item(
        'scalable-single-binary',
        'Scalable single binary (-target=scalable-single-binary)',
        `Tempo 3.0 has no such target. \`tempo-cli migrate config\` rewrites it to \`all\`, and only one \`all\` may run because its backend-scheduler is a singleton${
          target === 'microservices'
            ? `; at ${loadMBps(s).toFixed(0)} MB/s one process is not enough, so this becomes microservices`
            : ''
        }.`,
      ),
    );
  }
  disappears.push(
    item(
      'ingester',
      single ? 'Ingester module' : `Ingesters (${s.components.ingester?.replicas ?? 0})`,
      kafka
        ? 'Kafka now holds acknowledged spans durably; live-stores serve recent data and block-builders write blocks, so nothing keeps traces in memory as the only copy.'
        : 'The 3.0 single binary hands spans in-process to a live-store module, which cuts blocks and writes them to storage.',
    ),
  );
  if (hadCompactor)
    disappears.push(
      item(
        'compactor',
        single ? 'Compactor module' : `Compactors (${s.components.compactor?.replicas ?? 0})`,
        'Compaction and retention move to the backend-scheduler, which plans jobs, and backend-workers, which run them.',
      ),
    );
  if (s.mode !== 'monolithic')
    disappears.push(
      item(
        'ring',
        `Ingester ring with replication_factor ${s.settings.replicationFactor}`,
        kafka
          ? 'Tempo no longer copies each trace to several ingesters: Kafka is the replicated log. Live-stores own partitions on a partition ring instead.'
          : 'One process has no ring to share.',
      ),
    );

  // What comes.
  if (kafka) {
    const p = scenario30.settings.kafkaPartitions;
    appears.push(
      item(
        'kafka',
        `Kafka (${p} partitions)`,
        'Distributors produce every accepted span to a topic; consumers read it at their own pace and pick up from their offset after a crash. You run it (or a Kafka-compatible service).',
      ),
      item(
        'block-builder',
        `Block-builders (${scenario30.components['block-builder']?.replicas ?? p})`,
        'One per partition: each consumes its partition every cycle (5 minutes) and writes complete blocks to object storage.',
      ),
      item(
        'live-store',
        `Live-stores (${scenario30.components['live-store']?.replicas ?? p})`,
        'Consume the same partitions and answer queries for the last minutes of data; recent-data queries fail while one lags (fail_on_high_lag).',
      ),
      item('ring', 'Partition ring', 'Records which live-store owns which Kafka partition.'),
    );
  } else {
    appears.push(
      item(
        'live-store',
        inProcess('Live-store'),
        'Takes the ingester’s place: holds recent traces (max_trace_live 30s), cuts small blocks every 30s and writes them to storage. No Kafka in the single binary.',
      ),
    );
  }
  if (hadCompactor) {
    appears.push(
      item(
        'backend-scheduler',
        inProcess('Backend-scheduler'),
        'Exactly one: measures the blocklist and hands out compaction and retention jobs.',
      ),
      item(
        'backend-worker',
        target === 'monolithic'
          ? inProcess('Backend-worker')
          : `Backend-workers (${scenario30.components['backend-worker']?.replicas ?? 1})`,
        'Ask the scheduler for jobs and compact blocks in object storage.',
      ),
    );
  }

  // What stays.
  const stays = (kind: ComponentKind, label: string, why: string) => unchanged.push(item(kind, label, why));
  if (target === 'monolithic') {
    stays(
      'tempo',
      'The `all` process',
      'Still one process with every module, on the same port layout (HTTP 3200, gRPC 9095).',
    );
  }
  stays(
    'distributor',
    single ? 'Distributor module' : 'Distributors',
    kafka
      ? 'Same receivers and rate limits; they now produce to Kafka instead of pushing to ingesters.'
      : 'Same receivers and rate limits; they hand spans to the live-store module.',
  );
  stays(
    'query-frontend',
    single ? 'Query-frontend module' : 'Query-frontends',
    'Same job splitting and queues.',
  );
  stays(
    'querier',
    single ? 'Querier module' : 'Queriers',
    'Read live-stores for recent data instead of ingesters, and object storage for the rest, as before.',
  );
  if (!single && !hadCompactor)
    stays(
      'backend-scheduler',
      'Backend-scheduler and workers',
      'Already used for compaction in 2.10; they carry over.',
    );
  if (s.settings.metricsGenerator)
    stays(
      'metrics-generator',
      'Metrics-generator',
      kafka ? 'Consumes spans from Kafka instead of receiving them from distributors.' : 'Same module.',
    );
  if (scenario30.settings.storageBackend === s.settings.storageBackend)
    stays(
      'object-storage',
      'Object storage',
      `Same ${s.settings.storageBackend} backend and block format (vParquet4).`,
    );
  else
    notes.push(
      `storage.trace.backend moves from ${s.settings.storageBackend} to ${scenario30.settings.storageBackend}: distributed Tempo needs shared object storage, and blocks on local disks do not move by themselves.`,
    );

  // Config keys.
  const change = (from: string | null, to: string | 'removed', note: string) =>
    configChanges.push({ from, to, note });
  if (s.mode === 'scalable-single-binary')
    change(
      'target: scalable-single-binary',
      target === 'monolithic' ? 'target: all' : '-target=<component>',
      'The target is gone in 3.0.',
    );
  change(
    'ingester.lifecycler.ring.replication_factor',
    'removed',
    kafka
      ? 'Durability comes from Kafka; run live-stores in two zones for read availability.'
      : 'One process, nothing to replicate.',
  );
  change('ingester.trace_idle_period', 'live_store.max_trace_idle', 'Same meaning, 5s by default.');
  change(
    'ingester.max_block_duration',
    'live_store.max_block_duration',
    'Default drops from 30m to 30s: live-stores cut small blocks.',
  );
  change('ingester.max_block_bytes', 'live_store.max_block_bytes', 'Default drops from 500 MB to 50 MB.');
  change(
    'ingester.complete_block_timeout',
    'live_store.complete_block_timeout',
    'Default rises from 15m to 20m.',
  );
  change(
    'ingester_client',
    'removed',
    'Nothing talks to ingesters any more; live_store_client configures the querier side.',
  );
  if (hadCompactor) {
    change(
      'compactor.compaction.block_retention',
      'backend_worker.compaction.block_retention',
      `Retention (${s.settings.retentionHours}h here) is applied by the backend workers; the scheduler reads it too (backend_scheduler.provider.compaction.compaction).`,
    );
    change('compactor.ring', 'removed', 'Workers get jobs from the scheduler instead of sharding by ring.');
    if (target === 'microservices')
      change(
        null,
        'backend_worker.backend_scheduler_addr',
        'Each worker needs the scheduler’s gRPC address.',
      );
  }
  if (kafka) {
    change(
      null,
      'ingest.kafka.address',
      'The Kafka brokers distributors produce to and consumers read from.',
    );
    change(null, 'ingest.kafka.topic', 'One topic for the cluster.');
    change(
      null,
      'ingest.kafka.auto_create_topic_default_partitions',
      `Defaults to 1000; set it to ${scenario30.settings.kafkaPartitions}, the number of block-builders (blockBuilder.replicas in the chart).`,
    );
    change(
      'distributor.kafka_write_path_enabled',
      'removed',
      '2.10’s optional bridge to Kafka; in 3.0 microservices distributors always write to Kafka.',
    );
    change(
      'metrics_generator_client',
      'removed',
      'Metrics-generators consume from Kafka instead of receiving pushes.',
    );
  }
  if (s.mode === 'scalable-single-binary' && target === 'monolithic')
    change('memberlist.join_members', 'removed', 'One process has nobody to join.');
  change(
    'overrides.<legacy flat keys> (e.g. ingestion_rate_limit_bytes)',
    'overrides.defaults.ingestion.rate_limit_bytes',
    '3.0 refuses the legacy flat overrides format unless overrides.enable_legacy_overrides is true; move per-tenant files to the nested format too.',
  );
  const d2 = defaultRateLimit('2.10');
  const d3 = defaultRateLimit('3.0');
  if (s.settings.rateLimitBytes === undefined)
    change(
      'overrides.defaults.ingestion.rate_limit_bytes',
      'overrides.defaults.ingestion.rate_limit_bytes',
      `Default per distributor rises from ${d2.rateLimitBytes / MB} to ${d3.rateLimitBytes / MB} MB/s (burst ${d2.burstSizeBytes / MB} to ${d3.burstSizeBytes / MB} MB).`,
    );
  change(
    'distributor.retry_after_on_resource_exhausted',
    'distributor.retry_after_on_resource_exhausted',
    'Default goes from 0s to 5s: refused clients are told to wait 5 seconds before retrying.',
  );

  // Notes.
  notes.push(
    'Start with `tempo-cli migrate config` on the 2.10 config file: it rewrites what 3.0 no longer accepts. Check its output against the key changes listed here.',
    kafka
      ? 'Order of work: stand up Kafka and the topic, then deploy 3.0 with the tempo-distributed 3.x chart; blocks already in object storage stay readable.'
      : 'Upgrade the one process in place with the migrated config; blocks already in storage stay readable.',
  );
  if (s.mode === 'scalable-single-binary' && target === 'monolithic')
    notes.push(
      `The ${s.components.tempo?.replicas ?? 0} replicas become one process: it keeps the load (${loadMBps(s).toFixed(1)} MB/s) but loses the standby that replication gave.`,
    );
  if (target === 'monolithic') {
    const mods = monolithModules('3.0', scenario30.settings).join(', ');
    notes.push(`Modules in the 3.0 process: ${mods}.`);
  }
  const dropped = s.events.length - scenario30.events.length;
  if (dropped > 0)
    notes.push(
      `${dropped} scheduled event${dropped === 1 ? '' : 's'} named instances 3.0 does not have and ${dropped === 1 ? 'was' : 'were'} left out.`,
    );
  return { targetMode: target, disappears, appears, unchanged, configChanges, notes, scenario30 };
}
