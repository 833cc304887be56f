/**
 * A 2.10 -> 3.0 migration plan that follows Tempo's own guide (docs "Migrate from Tempo 2.x to 3.0",
 * v3.0.3, read for its facts): the steps as a checklist, both tempo.yaml files side by side with what
 * changes per key, and a simulated cut-over in which both deployments run under one load while the
 * traffic moves, the 3.0 side with compaction disabled, until the 2.10 ingesters have drained.
 * A single binary (monolithic, or SSB small enough for one process) upgrades in place instead.
 */
import { tempoConfig } from '../export/tempoConfig';
import type { Scenario } from '../model/scenario';
import { liveStoreZones } from '../model/scenario';
import { createSimulation, runFor, type SimState, setLoad, summarize } from '../sim';
import { loadMBps, migrationView, toTempo30 } from './migration';

export type PlanPhase = 'before you begin' | 'prepare' | 'deploy 3.0' | 'switch traffic' | 'clean up';

export interface PlanStep {
  phase: PlanPhase;
  title: string;
  /** What to do, with the keys and commands involved. */
  detail: string;
}

const KAFKA_MB_PER_PARTITION = 10;

/** memberlist.cluster_label the 3.0 side of a parallel deployment runs with (2.10 runs with none). */
export const CLUSTER_LABEL_30 = 'tempo-3';

/**
 * The path the guide and `tempo-cli migrate config` take: a 3.0 single binary (a monolith, and an
 * SSB that `tempo-cli` rewrites to `all` and treats as monolithic, v3.0.3
 * cmd/tempo-cli/cmd-migrate-config.go detectMode) upgrades in place without Kafka; microservices run
 * 3.0 beside 2.10.
 */
export function upgradesInPlace(target: Scenario): boolean {
  return target.mode === 'monolithic';
}

/** The guide's steps for this deployment: in place for a single binary, a parallel deployment otherwise. */
export function migrationSteps(s: Scenario, target: Scenario = toTempo30(s)): PlanStep[] {
  return [
    ...beforeYouBegin(s, target),
    ...(upgradesInPlace(target) ? inPlace(s, target) : parallel(s, target)),
  ];
}

function beforeYouBegin(s: Scenario, target: Scenario): PlanStep[] {
  const steps: PlanStep[] = [
    {
      phase: 'before you begin',
      title: 'Blocks are vParquet4 or later',
      detail:
        'Tempo 3.0 reads no vParquet3 or older blocks. If storage.trace.block.version is older, upgrade the block format on 2.10 first and let old blocks age out or be compacted.',
    },
    {
      phase: 'before you begin',
      title: 'Overrides in the nested format',
      detail:
        '3.0 refuses to start on legacy flat overrides. Convert them with `tempo-cli migrate overrides-config` (overrides.enable_legacy_overrides: true only as a stopgap).',
    },
    {
      phase: 'before you begin',
      title: 'No downgrade',
      detail:
        'There is no in-place way back from 3.0 to 2.x. Until 2.10 is decommissioned, rolling back is a routing change; after that it means redeploying 2.x.',
    },
    {
      phase: 'before you begin',
      title: 'TraceQL metrics start again',
      detail:
        'TraceQL metrics queries read only RF1 blocks. 2.10 ingesters wrote RF3 blocks, so unless the metrics-generator ran the local-blocks processor, metrics queries cover only data ingested after the switch; trace-by-ID and TraceQL search read the whole history.',
    },
  ];
  if (s.mode === 'scalable-single-binary')
    steps.push({
      phase: 'before you begin',
      title: 'Leave scalable-single-binary',
      detail:
        target.mode === 'monolithic'
          ? `3.0 has no SSB target. \`tempo-cli migrate config\` rewrites it to \`all\` and treats the config as monolithic: the ${s.components.tempo?.replicas ?? 1} replicas become one 3.0 process, with no Kafka and no block-builders.`
          : `3.0 has no SSB target, and at ${loadMBps(s).toFixed(0)} MB/s one 3.0 process is not enough: this plan moves to 3.0 microservices with Kafka, beside the SSB (run \`tempo-cli migrate config\` with --mode=microservices and --kafka-address, since it treats SSB as monolithic by itself).`,
    });
  return steps;
}

/** A single binary upgrades in place: no Kafka, no second deployment. */
function inPlace(s: Scenario, target: Scenario): PlanStep[] {
  const ssb = s.mode === 'scalable-single-binary';
  const n = s.components.tempo?.replicas ?? 1;
  const retention = `${Math.round(target.settings.retentionHours)}h`;
  return [
    {
      phase: 'prepare',
      title: 'Migrate the config',
      detail: ssb
        ? '`tempo-cli migrate config old.yaml > new.yaml`: it reads target: scalable-single-binary, writes target: all and treats the config as monolithic (no ingest block, no --kafka-address), and removes ingester, ingester_client, compactor, metrics_generator_client and the local_blocks processor. Remove memberlist.join_members (one process has nobody to join), and -target=scalable-single-binary and -mem-ballast-size-mbs from the command line: 3.0 refuses unknown flags.'
        : '`tempo-cli migrate config --mode=monolithic old.yaml > new.yaml`: removes ingester, ingester_client, compactor and metrics_generator_client, and the local_blocks processor. Remove -mem-ballast-size-mbs from the command line: 3.0 refuses unknown flags.',
    },
    {
      phase: 'prepare',
      title: 'Remove compaction_disabled again',
      detail: `\`tempo-cli migrate config\` adds overrides.defaults.compaction.compaction_disabled: true (and asks for it in every per-tenant override) for a parallel deployment. In place, no 2.10 compactor is left to do the work, so delete it from new.yaml and every per-tenant override before 3.0 starts: in 3.0 it also stops retention (modules/backendscheduler/provider/retention.go skips tenants with compaction disabled), so nothing older than ${retention} would ever be deleted and the bucket would only grow.`,
    },
    {
      phase: 'deploy 3.0',
      title: ssb
        ? `Flush every one of the ${n} replicas before it stops`
        : 'Flush the 2.10 ingester before it stops',
      detail: `A plain stop cuts live traces to the WAL and flushes nothing (ingester.flush_all_on_shutdown defaults to false), and 3.0's live-store never replays a 2.10 WAL: up to max_block_duration (30 min) of acknowledged traces${ssb ? ' per replica' : ''} would be lost. Call POST /shutdown on ${ssb ? 'each replica' : 'the process'} (it leaves the ring, refuses new writes and flushes every block to storage) and wait for tempo_ingester_flush_queue_length to reach 0, or set ingester.flush_all_on_shutdown: true for this last 2.10 stop. Collectors retry what is refused meanwhile.`,
    },
    {
      phase: 'deploy 3.0',
      title: ssb ? 'Start one 3.0 process' : 'Upgrade the binary in place',
      detail: ssb
        ? `Scale the SSB to zero and start one 3.0 process (target: all) with new.yaml on the same ${s.settings.storageBackend} storage: no Kafka, the distributor hands spans to the live-store in the same process. Only one may run: its backend-scheduler is a singleton. The ${n} replicas' volumes hold nothing once flushed.`
        : 'A monolith needs no Kafka: the distributor hands spans to the live-store in the same process. Restart on 3.0 with the new config and the same storage.',
    },
    {
      phase: 'clean up',
      title: 'Check historical queries',
      detail:
        'Query a trace you know from before the upgrade (Tempo Vulture, or /api/traces/<id>): 3.0 reads the 2.x blocks from the same storage.',
    },
  ];
}

/** Microservices: 3.0 beside 2.10 on the same bucket, traffic switched, 2.10 drained. */
function parallel(s: Scenario, target: Scenario): PlanStep[] {
  const partitions = target.settings.kafkaPartitions;
  const zones = liveStoreZones(target);
  const rf = s.mode === 'monolithic' ? 1 : s.settings.replicationFactor;
  const steps: PlanStep[] = [
    {
      phase: 'prepare',
      title: 'A Kafka-compatible broker and topic',
      detail: `Topic ingest.kafka.topic with ${partitions} partition${partitions === 1 ? '' : 's'} (about ${KAFKA_MB_PER_PARTITION} MB/s of peak ingest each), retention at least 40 minutes (24 h suggested). For Tempo to create it, the broker needs auto.create.topics.enable=true, and auto_create_topic_default_partitions sets the broker-wide num.partitions, which every other auto-created topic on that broker then gets: on a shared Kafka create the topic by hand instead.`,
    },
    {
      phase: 'prepare',
      title: 'Migrate the config',
      detail:
        '`tempo-cli migrate config --kafka-address=<broker> --kafka-topic=<topic> old.yaml > new.yaml` (microservices need --kafka-address): removes ingester, ingester_client, compactor, metrics_generator_client and local_blocks, adds ingest:, and sets compaction_disabled. Remove -mem-ballast-size-mbs from every command line.',
    },
    {
      phase: 'prepare',
      title: 'Disable compaction on the 3.0 side',
      detail:
        'overrides.defaults.compaction.compaction_disabled: true, and in every per-tenant override (they do not inherit it): only one compaction system may write to the bucket while the 2.10 compactors run. In 3.0 it stops retention too, until you remove it.',
    },
    {
      phase: 'prepare',
      title: 'Keep the two memberlist clusters apart',
      detail: `Set memberlist.cluster_label: ${CLUSTER_LABEL_30} on the 3.0 side (2.10 runs with none) and give it its own join_members: members discard gossip with another label, so a 3.0 pod that reaches a 2.10 member (a shared join address, a DNS name both resolve, one flat network) cannot merge the two rings.`,
    },
  ];
  if (rf >= 3)
    steps.push({
      phase: 'prepare',
      title: `Replication factor ${rf} becomes Kafka plus live-store zones`,
      detail:
        zones > 1
          ? `3.0 writes every span once to Kafka (RF1); read availability of recent data comes from live-stores in ${zones} zones (-live-store.instance-availability-zone). No chart deploys that: tempo-distributed 3.3.0 runs the live-stores as one StatefulSet in one zone, so the Helm export refuses it. Use the docker-compose export or your own manifests, or one zone, where a restarting live-store leaves its partition's recent data unqueryable until it has caught up.`
          : `3.0 writes every span once to Kafka (RF1), and this plan runs one zone of live-stores: while a live-store restarts, its partition's recent data cannot be queried until it has caught up (2.10 RF${rf} had two more copies). Two zones need manifests no chart deploys (tempo-distributed 3.3.0 has one zone only).`,
    });
  steps.push(
    {
      phase: 'deploy 3.0',
      title: 'Deploy 3.0 beside 2.10 on the same bucket',
      detail: `One block-builder per partition (${partitions}), live-stores per partition in each zone, backend-scheduler (exactly one) and backend-workers. Wait for tempo_live_store_ready = 1 on every live-store: with no traffic yet the docs allow up to readiness_max_wait (30 minutes).`,
    },
    {
      phase: 'deploy 3.0',
      title: 'Validate before the switch',
      detail:
        'Tempo Vulture for 10-15 minutes with no trace errors, block-builder fetch errors near zero, and a trace-by-ID query for an old 2.10 trace answered by the 3.0 query-frontend.',
    },
    {
      phase: 'switch traffic',
      title: 'Canary, then all traffic',
      detail:
        'Send a small share of the collectors to 3.0, watch tempo_distributor_kafka_write_bytes_total and the live-stores, then move the rest (DNS, load balancer or collector config). Rolling back is the same change in reverse.',
    },
    {
      phase: 'clean up',
      title: 'Let the 2.10 ingesters drain',
      detail:
        'They flush what they hold: up to max_block_duration (30 min) plus complete_block_timeout (15 min), about 45 minutes. tempo_ingester_live_traces and tempo_ingester_flush_queue_length reach zero. Before scaling them down call POST /shutdown on each (or set ingester.flush_all_on_shutdown: true): a plain stop flushes nothing, and what is left in a WAL nobody replays is lost.',
    },
    {
      phase: 'clean up',
      title: 'Hand compaction to 3.0',
      detail:
        'Scale the 2.10 compactors to zero, remove compaction_disabled from the 3.0 overrides (defaults and every tenant; until then 3.0 applies no retention either), and give the backend-workers room for the blocks the overlap left uncompacted.',
    },
    {
      phase: 'clean up',
      title: 'Decommission 2.10',
      detail: 'Scale every 2.10 component to zero. Keep the bucket: it holds the history both versions read.',
    },
  );
  return steps;
}

/** One key path that differs between the two tempo.yaml files. */
export interface KeyChange {
  path: string;
  before?: string;
  after?: string;
  change: 'removed' | 'added' | 'changed';
}

type Json = { [k: string]: unknown };

function flatten(value: unknown, prefix: string, out: Map<string, string>): void {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Json);
    if (entries.length === 0 && prefix) out.set(prefix, '{}');
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    return;
  }
  if (value !== undefined) out.set(prefix, JSON.stringify(value));
}

/** Key by key: what 3.0 removes, adds and changes relative to the 2.10 config. */
export function configChanges(before: unknown, after: unknown): KeyChange[] {
  const a = new Map<string, string>();
  const b = new Map<string, string>();
  flatten(before, '', a);
  flatten(after, '', b);
  const out: KeyChange[] = [];
  for (const [path, v] of a) {
    const w = b.get(path);
    if (w === undefined) out.push({ path, before: v, change: 'removed' });
    else if (w !== v) out.push({ path, before: v, after: w, change: 'changed' });
  }
  for (const [path, w] of b) if (!a.has(path)) out.push({ path, after: w, change: 'added' });
  return out.sort((x, y) => x.path.localeCompare(y.path));
}

export interface CutoverSample {
  /** Minutes since the 3.0 deployment started. */
  minute: number;
  /** Share of the traffic the collectors send to 3.0. */
  shareOn30: number;
  /** Bytes the 2.10 ingesters hold that are not yet in object storage. */
  unflushed210: number;
  lost210: number;
  lost30: number;
  /** Level-0 blocks waiting in the 3.0 deployment's view (nothing compacts them yet). */
  uncompacted30: number;
}

export interface CutoverResult {
  samples: CutoverSample[];
  /** Minutes after all traffic moved until the 2.10 ingesters hold nothing unflushed (null: not within the run). */
  drainedAfterMinutes: number | null;
  lost: number;
  /** What 3.0's backend-workers find waiting when compaction is handed to them. */
  uncompactedAtHandOver: number;
}

export const CUTOVER = {
  /** The 3.0 deployment runs this long before the canary. */
  canaryAtMinute: 10,
  canaryShare: 0.1,
  allAtMinute: 20,
  /** Simulated minutes in all. */
  minutes: 90,
} as const;

function withShare(s: SimState, base: Scenario, share: number): SimState {
  return setLoad(s, { ...base.load, spansPerSecond: base.load.spansPerSecond * share });
}

/** Both deployments under one load while the traffic moves from 2.10 to 3.0, minute by minute. */
export function simulateCutover(s210: Scenario): CutoverResult {
  const from: Scenario = { ...s210, settings: { ...s210.settings, start: 'steady' } };
  const target = toTempo30(s210);
  const to: Scenario = {
    ...target,
    settings: { ...target.settings, start: 'fresh', compactionDisabled: true },
  };
  let a = createSimulation(from);
  let b = withShare(createSimulation(to), to, 0);
  const samples: CutoverSample[] = [];
  let drained: number | null = null;
  for (let minute = 0; minute <= CUTOVER.minutes; minute++) {
    const share =
      minute >= CUTOVER.allAtMinute ? 1 : minute >= CUTOVER.canaryAtMinute ? CUTOVER.canaryShare : 0;
    a = withShare(a, from, 1 - share);
    b = withShare(b, to, share);
    let unflushed = 0;
    for (const i of a.cfg.stores)
      unflushed += a.store.liveBytes[i]! + a.store.headBytes[i]! + a.store.completeBytes[i]!;
    const sa = summarize(a);
    const sb = summarize(b);
    samples.push({
      minute,
      shareOn30: share,
      unflushed210: unflushed,
      lost210: sa.spans.lost,
      lost30: sb.spans.lost,
      uncompacted30: sb.storage.uncompactedBlocks,
    });
    if (drained === null && minute > CUTOVER.allAtMinute && unflushed < 1)
      drained = minute - CUTOVER.allAtMinute;
    if (minute < CUTOVER.minutes) {
      a = runFor(a, 60);
      b = runFor(b, 60);
    }
  }
  const last = samples[samples.length - 1]!;
  return {
    samples,
    drainedAfterMinutes: drained,
    lost: last.lost210 + last.lost30,
    uncompactedAtHandOver: last.uncompacted30,
  };
}

export interface MigrationPlan {
  steps: PlanStep[];
  config210: string;
  config30: string;
  changes: KeyChange[];
  /** The simulated cut-over (null for a monolith, which upgrades in place; undefined until asked for). */
  cutover: CutoverResult | null | undefined;
  scenario30: Scenario;
}

/** The plan; the cut-over simulation (about half a second) only when `withCutover`. */
export function migrationPlan(s210: Scenario, withCutover = false): MigrationPlan {
  const target = toTempo30(s210);
  const parallel = !upgradesInPlace(target);
  const scenario30: Scenario = parallel
    ? { ...target, settings: { ...target.settings, compactionDisabled: true } }
    : target;
  const before = tempoConfig(s210);
  const after = tempoConfig(scenario30, undefined, parallel ? { clusterLabel: CLUSTER_LABEL_30 } : {});
  return {
    steps: migrationSteps(s210, target),
    config210: before.yaml,
    config30: after.yaml,
    changes: configChanges(before.config, after.config),
    cutover: !parallel ? null : withCutover ? simulateCutover(s210) : undefined,
    scenario30,
  };
}

const cell = (v: string | undefined) =>
  v === undefined ? '' : `\`${v.replaceAll('|', '\\|').replaceAll('`', "'")}\``;
const mb = (bytes: number) => `${Math.round(bytes / 1e6).toLocaleString('en-US')} MB`;

/** The plan as Markdown: checklist, component changes, key changes, cut-over, both configs. */
export function migrationMarkdown(s210: Scenario, given?: MigrationPlan): string {
  const plan = given?.cutover === undefined ? migrationPlan(s210, true) : given;
  const view = migrationView(s210);
  const lines: string[] = [
    `# Migrating "${s210.name.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ')}" from Tempo 2.10 to 3.0`,
    '',
    `From 2.10 ${s210.mode} to 3.0 ${plan.scenario30.mode}. Steps follow Tempo's guide "Migrate from Tempo 2.x to 3.0".`,
    '',
    '## Checklist',
    '',
  ];
  let phase = '';
  for (const st of plan.steps) {
    if (st.phase !== phase) {
      phase = st.phase;
      lines.push(`### ${phase[0]?.toUpperCase()}${phase.slice(1)}`, '');
    }
    lines.push(`- [ ] **${st.title}.** ${st.detail}`);
  }
  lines.push('', '## Components', '');
  for (const [title, items] of [
    ['Disappears', view.disappears],
    ['Appears', view.appears],
    ['Stays', view.unchanged],
  ] as const)
    lines.push(`- **${title}:** ${items.map((i) => i.label).join(', ') || 'nothing'}`);
  lines.push('', '## Configuration, key by key', '', '| key | 2.10 | 3.0 |', '| --- | --- | --- |');
  for (const c of plan.changes) lines.push(`| \`${c.path}\` | ${cell(c.before)} | ${cell(c.after)} |`);
  if (plan.cutover) {
    const c = plan.cutover;
    lines.push(
      '',
      '## Simulated cut-over',
      '',
      `3.0 starts empty with compaction disabled; ${Math.round(CUTOVER.canaryShare * 100)}% of the traffic moves at minute ${CUTOVER.canaryAtMinute}, all of it at minute ${CUTOVER.allAtMinute}.`,
      '',
      `- Spans lost on either side: ${c.lost.toLocaleString('en-US')}.`,
      `- The 2.10 ingesters held nothing unflushed ${c.drainedAfterMinutes === null ? `not within ${CUTOVER.minutes - CUTOVER.allAtMinute} minutes` : `${c.drainedAfterMinutes} minutes after the switch`} (the guide: about 45 minutes, max_block_duration plus complete_block_timeout).`,
      `- Level-0 blocks waiting for 3.0's backend-workers when compaction is handed over: ${c.uncompactedAtHandOver.toLocaleString('en-US')}.`,
      '',
      '| minute | on 3.0 | 2.10 unflushed | lost 2.10 | lost 3.0 |',
      '| --- | --- | --- | --- | --- |',
    );
    for (const x of c.samples.filter((x) => x.minute % 10 === 0))
      lines.push(
        `| ${x.minute} | ${Math.round(x.shareOn30 * 100)}% | ${mb(x.unflushed210)} | ${x.lost210.toLocaleString('en-US')} | ${x.lost30.toLocaleString('en-US')} |`,
      );
  }
  lines.push('', '## tempo.yaml, 2.10', '', '```yaml', plan.config210.trimEnd(), '```', '');
  lines.push('## tempo.yaml, 3.0', '', '```yaml', plan.config30.trimEnd(), '```', '');
  return lines.join('\n');
}
