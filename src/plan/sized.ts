/**
 * The parts sized by their own checks after the 20-minute search: compactors and backend-workers by
 * the backlog of a long steady run, stateful volumes and Kafka retention by an outage run. Each step
 * says which run moved what. Pure and deterministic.
 */
import type { DeploymentMode, ProcessKind } from '../model/catalog';
import { GiB } from '../model/catalog';
import type { Scenario } from '../model/scenario';
import { backlogCheck, type Candidate, outageCheck } from './checks';
import { MAX_POD_MEMORY_BYTES, type PublishedRule, sizedByBacklog } from './rules';
import { type BacklogEvidence, CHECK, type OutageEvidence, type PlanInput } from './types';
import { kafkaRetentionFor, roundVolume, volumeNeed } from './volumes';

const pct = (x: number) => `${Math.round(x * 100)}%`;
const gb = (b: number) =>
  b >= 1e12
    ? `${(b / 1e12).toFixed(1)} TB`
    : b >= 1e9
      ? `${(b / 1e9).toFixed(1)} GB`
      : `${Math.round(b / 1e6)} MB`;

export interface SizingContext {
  input: PlanInput;
  mode: DeploymentMode;
  mbps: number;
  replicationFactor: number;
  scenarioOf: (c: Candidate) => Scenario;
  /** The next run's number (and a progress report). */
  nextRun: (message: string) => number;
  note: (kind: ProcessKind, text: string) => void;
  rules: Map<ProcessKind, PublishedRule>;
}

/** The compacting kind of a microservices cluster, or null. */
export function backlogKind(c: Candidate): ProcessKind | null {
  for (const k of Object.keys(c.components) as ProcessKind[]) if (sizedByBacklog(k)) return k;
  return null;
}

/**
 * Count compactors (2.10) or backend-workers (3.0) by the backlog: a long steady run must keep the
 * level-0 backlog from growing with their I/O busy at most the headroom; then the fewest that still
 * do (no fewer than the published floor unless trusted). Single binaries compact themselves: their
 * run is evidence only.
 */
export function sizeBacklog(ctx: SizingContext, cand: Candidate): BacklogEvidence {
  const { input } = ctx;
  const kind = backlogKind(cand);
  const h = input.headroom;
  const long = () => backlogCheck(input, ctx.scenarioOf(cand), ctx.nextRun('backlog'));
  const cfg = kind ? cand.components[kind] : undefined;
  // Single binaries compact themselves: one long run, as evidence.
  if (!kind || !cfg) return long();
  // Probe the start count with an hour (its backlog at half an hour and at the end) ...
  const probe = () => backlogCheck(input, ctx.scenarioOf(cand), ctx.nextRun('backlog'), 3600, 1800);
  let b = probe();
  const floor = input.trustBelowFloors ? 1 : Math.max(1, ctx.rules.get(kind)?.floor.replicas ?? 1);
  for (let k = 1; k < CHECK.maxBacklogRuns && !b.bounded; k++) {
    const r = Math.min(
      500,
      Math.max(cfg.replicas + 1, Math.ceil(((cfg.replicas * Math.max(b.busyShare, 1.05 * h)) / h) * 1.1)),
    );
    ctx.note(
      kind,
      `run ${b.run}: replicas ${cfg.replicas} -> ${r}: the backlog grew from ${gb(b.backlogFromBytes)} at ${b.fromHours} h to ${gb(b.backlogEndBytes)} at ${b.hours} h, I/O busy ${pct(b.busyShare)}`,
    );
    cfg.replicas = r;
    b = probe();
  }
  if (b.bounded) {
    // ... then the fewest that keep up at 80% of the headroom, with a spare when tolerating a loss.
    const need = Math.max(
      floor,
      Math.ceil((cfg.replicas * b.busyShare) / (0.8 * h) - 1e-9) + (input.tolerateLoss ? 1 : 0),
    );
    if (need < cfg.replicas) {
      ctx.note(
        kind,
        `run ${b.run}: replicas ${cfg.replicas} -> ${need}: I/O busy only ${pct(b.busyShare)} over ${b.hours} h${need === floor && !input.trustBelowFloors ? ' (the published floor)' : ''}`,
      );
      cfg.replicas = need;
    }
  }
  // ... and the long steady run of the answer's count is the evidence (grown once more if it falls behind).
  let final = long();
  if (!final.bounded) {
    const r = Math.min(500, Math.ceil((cfg.replicas * Math.max(final.busyShare, 1.05 * h)) / (0.8 * h)));
    ctx.note(
      kind,
      `run ${final.run}: replicas ${cfg.replicas} -> ${r}: the backlog grew from ${gb(final.backlogFromBytes)} at ${final.fromHours} h to ${gb(final.backlogEndBytes)} at ${final.hours} h`,
    );
    cfg.replicas = r;
    final = long();
  }
  return final;
}

export interface VolumeAnswer {
  bytes: number;
  why: string;
  evidence: string;
}

function perReplicaMBps(ctx: SizingContext, cand: Candidate, kind: ProcessKind): number {
  const n = cand.components[kind]?.replicas ?? 1;
  if (kind === 'live-store' || kind === 'block-builder') return ctx.mbps / Math.max(1, cand.partitions);
  if (kind === 'ingester' || (kind === 'tempo' && ctx.mode === 'scalable-single-binary'))
    return (ctx.mbps * ctx.replicationFactor) / Math.max(1, n);
  return ctx.mbps;
}

/**
 * Volumes (rate x the time data stays local, over the headroom) and, for 3.0 microservices, the Kafka
 * retention, then an outage run as long as the user wants to survive: whatever a process held beyond
 * its volume's headroom, or a consumer lagged beyond the retention's, raises them.
 */
export function sizeVolumes(
  ctx: SizingContext,
  cand: Candidate,
): { volumes: Map<ProcessKind, VolumeAnswer>; outage: OutageEvidence } {
  const { input } = ctx;
  const h = input.headroom;
  const hours = input.outageHours ?? 2;
  const volumes = new Map<ProcessKind, VolumeAnswer>();
  for (const kind of Object.keys(cand.components) as ProcessKind[]) {
    const need = volumeNeed(input.version, kind, perReplicaMBps(ctx, cand, kind), hours, h);
    const cfg = cand.components[kind];
    if (!need || !cfg) continue;
    cfg.volumeBytes = need.volumeBytes;
    volumes.set(kind, { bytes: need.volumeBytes, why: need.why, evidence: '' });
  }
  const kafka = input.version === '3.0' && ctx.mode === 'microservices';
  // The run keeps every record (longer than the outage and its catch-up) so that it measures the lag
  // in full; the answer's retention is then what that lag needs.
  if (kafka)
    cand.kafkaRetentionHours = Math.max(
      input.kafkaRetentionHours,
      Math.ceil(hours + CHECK.outageDrainS / 3600) + 1,
    );
  let run = ctx.nextRun('outage');
  let o = outageCheck(ctx.scenarioOf(cand), hours);
  // A process OOM-killed during the outage (what waits to flush, a catch-up's section) gets the memory
  // it reached there over the headroom, and the outage is run again: at most three times.
  for (let tries = 0; tries < 3 && o.oomKills > 0 && o.oomKilled.size > 0; tries++) {
    let raised = false;
    for (const [kind, peak] of o.oomKilled) {
      const cfg = cand.components[kind];
      if (!cfg) continue;
      const want = Math.min(
        MAX_POD_MEMORY_BYTES,
        Math.ceil(Math.max(cfg.memoryBytes * 1.5, peak.bytes / h) / GiB) * GiB,
      );
      if (want <= cfg.memoryBytes) continue;
      ctx.note(
        kind,
        `run ${run}: memory ${gb(cfg.memoryBytes)} -> ${gb(want)}: ${peak.instance} was OOM-killed during the ${hours} h object-storage outage at ${gb(peak.bytes)}`,
      );
      cfg.memoryBytes = want;
      raised = true;
    }
    if (!raised) break;
    run = ctx.nextRun('outage');
    o = outageCheck(ctx.scenarioOf(cand), hours);
  }
  for (const [kind, v] of volumes) {
    const peak = o.local.get(kind);
    const cfg = cand.components[kind]!;
    if (!peak) continue;
    const share = peak.bytes / v.bytes;
    if (peak.bytes > v.bytes * h) {
      const bytes = roundVolume(peak.bytes / h);
      ctx.note(
        kind,
        `run ${run}: volume ${v.bytes / GiB} GiB -> ${bytes / GiB} GiB: ${peak.instance} held ${gb(peak.bytes)} locally`,
      );
      v.bytes = bytes;
      cfg.volumeBytes = bytes;
    }
    v.evidence = `run ${run} (${hours} h object-storage outage): ${peak.instance} held at most ${gb(peak.bytes)} locally, ${pct(peak.bytes / v.bytes)} of the volume${share > 1 ? ` (${pct(share)} before it was raised)` : ''}`;
  }
  let peakLag = { seconds: 0, instance: null as string | null };
  for (const l of o.lag.values()) if (l.seconds > peakLag.seconds) peakLag = { ...l };
  let peakLocal = { bytes: 0, instance: null as string | null };
  for (const l of o.local.values()) if (l.bytes > peakLocal.bytes) peakLocal = { ...l };
  if (kafka) cand.kafkaRetentionHours = kafkaRetentionFor(peakLag.seconds, h, input.kafkaRetentionHours);
  return {
    volumes,
    outage: {
      run,
      outageHours: hours,
      peakLocalBytes: peakLocal.bytes,
      peakLocalInstance: peakLocal.instance,
      peakLagSeconds: peakLag.seconds,
      peakLagInstance: peakLag.instance,
      lost: o.lost,
      oomKills: o.oomKills,
      kafkaRetentionHours: kafka ? (cand.kafkaRetentionHours ?? null) : null,
    },
  };
}
