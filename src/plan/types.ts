/**
 * The planner's vocabulary: what it is asked (PlanInput), the check every candidate goes through
 * (CHECK), and what it answers (ModePlan, ComponentPlan, Totals). Pure types and defaults.
 */
import {
  COMPRESSION_RATIO,
  DEPLOYMENT_MODES,
  type DeploymentMode,
  type ProcessKind,
  type TempoVersion,
} from '../model/catalog';
import type { Scenario } from '../model/scenario';
import type { PublishedRule } from './rules';

export const MB = 1_000_000;

export interface UnitPrices {
  /** Per core per month. */
  corePerMonth: number;
  /** Per GiB of memory per month. */
  memoryGiBPerMonth: number;
  /** Per GB (10^9 bytes) of object storage per month. */
  objectStorageGBPerMonth: number;
  /** Per GB of Kafka disk per month. */
  kafkaDiskGBPerMonth: number;
}

export const DEFAULT_PRICES: UnitPrices = {
  corePerMonth: 25,
  memoryGiBPerMonth: 3.5,
  objectStorageGBPerMonth: 0.023,
  kafkaDiskGBPerMonth: 0.1,
};

/** A load entered as bytes per second: the unit the user chose and the number typed in it. */
export interface EnteredRate {
  value: number;
  unit: 'MB/s' | 'GB/s';
}

export interface PlanInput {
  /** Spans per second; with `loadEntered`, derived from it through the span size. */
  spansPerSecond: number;
  /**
   * The load as the user entered it when that was MB/s or GB/s (absent: spans/s were entered). The
   * planner then takes spans/s as this rate over the span size, and says the load in this unit.
   */
  loadEntered?: EnteredRate;
  spanSizeBytes: number;
  spansPerTrace: number;
  /** Trace size spread (log-normal sigma). */
  traceSizeSigma: number;
  queriesPerSecond: number;
  queryRangeMinutes: number;
  retentionHours: number;
  /** Live-store zones (3.0 microservices). */
  zones: number;
  /** Survive losing the busiest instance with no span lost. */
  tolerateLoss: boolean;
  version: TempoVersion;
  /** Modes to plan; absent: every mode the version has. */
  modes?: DeploymentMode[];
  /** Peak CPU and memory of every process at most this share of its limits (0.7 = 70%). */
  headroom: number;
  /** Load spike during the check: factor x the load for `spikeSeconds`. */
  spikeFactor: number;
  /** Stored bytes are received bytes divided by this (parquet + compression). */
  compressionRatio: number;
  /** Kafka topic retention, hours (at least 40 minutes): the least the answer keeps. */
  kafkaRetentionHours: number;
  /**
   * The longest object-storage outage the cluster must survive without losing data, hours: sizes the
   * stateful volumes (blocks wait on them for the flush) and the Kafka retention (block-builders catch
   * up after it). Absent: DEFAULT_OUTAGE_HOURS.
   */
  outageHours?: number;
  /**
   * Let the simulation take memory and CPU below the published floors ("trust the simulation below
   * published floors"). Absent or false: the published minimum holds.
   */
  trustBelowFloors?: boolean;
  prices: UnitPrices;
}

export const DEFAULT_OUTAGE_HOURS = 2;

export const DEFAULT_PLAN_INPUT: PlanInput = {
  spansPerSecond: 20_000,
  spanSizeBytes: 500,
  spansPerTrace: 20,
  traceSizeSigma: 0.5,
  queriesPerSecond: 1,
  queryRangeMinutes: 60,
  retentionHours: 336,
  zones: 1,
  tolerateLoss: true,
  version: '3.0',
  headroom: 0.7,
  spikeFactor: 1.5,
  compressionRatio: COMPRESSION_RATIO,
  kafkaRetentionHours: 24,
  outageHours: DEFAULT_OUTAGE_HOURS,
  trustBelowFloors: false,
  prices: DEFAULT_PRICES,
};

/** The check every candidate goes through, in simulated seconds. */
export const CHECK = {
  durationS: 1200,
  spikeAtS: 240,
  spikeS: 120,
  killAtS: 600,
  /** Peaks are read after this (the first seconds settle the steady start). */
  settleS: 60,
  /** Simulations per mode at most (a grow phase and a shrink phase). */
  maxSimulations: 24,
  /**
   * The backlog check of compactors and backend-workers: a steady run this long (compaction is slow
   * to show: a 20-minute run cannot see it), the backlog compared between `backlogFromS` and the end.
   */
  backlogS: 2 * 3600,
  backlogFromS: 3600,
  /** Backlog runs per mode at most. */
  maxBacklogRuns: 5,
  /** After an outage, the outage run goes on this long at most for the catch-up. */
  outageDrainS: 3600,
} as const;

export interface ComponentPlan {
  kind: ProcessKind;
  replicas: number;
  cpu: number;
  memoryBytes: number;
  /** Peaks in the final check, as shares of the limits. */
  peakCpuShare: number;
  peakMemoryShare: number;
  /** The published rule: its starting figures, ranges, floor and sources. */
  published: PublishedRule;
  /** Where and why the simulation moved the answer from the rule, in order, each naming its run. */
  moves: string[];
  /** Each figure outside its published range (or below a floor), with the evidence that forced it. */
  deviations: string[];
  /** What limits this component and the check that measured it. */
  sizedBy: string;
  /** Stateful kinds: the volume each replica needs, and why. */
  volume?: { bytes: number; why: string; evidence: string };
}

export interface Totals {
  cores: number;
  memoryBytes: number;
  pods: number;
  /** Persistent volumes of the stateful processes, summed (not priced). */
  volumeBytes: number;
  /** Object storage at retention: rate x retention / compression ratio. */
  objectStorageBytes: number;
  kafka: { partitions: number; retentionHours: number; diskBytes: number } | null;
  monthlyCost: number;
  costBreakdown: { compute: number; memory: number; objectStorage: number; kafka: number };
}

export interface ModePlan {
  version: TempoVersion;
  mode: DeploymentMode;
  ok: boolean;
  /** Why no cluster is given (beyond one cluster, or the search ran out). */
  problem?: string;
  scenario?: Scenario;
  components: ComponentPlan[];
  partitions: number;
  zones: number;
  totals?: Totals;
  simulations: number;
  /** The check the answer passed: spans lost (0), refused attempts, who was killed. */
  check?: {
    lost: number;
    refusedAttempts: number;
    killed: string | null;
    spike: number;
    /** Spans Tempo discards whatever the cluster (max_bytes_per_trace), not counted as lost above. */
    discarded: number;
    /** Query latency in the steady part of the check and over all of it, and queries failed. */
    p99SteadyMs: number;
    p99Ms: number;
    queriesFailed: number;
    queriesIssued: number;
  };
  /** Compactors or backend-workers: the long steady run that sized them. */
  backlog?: BacklogEvidence;
  /** The outage run that sized volumes and Kafka retention. */
  outage?: OutageEvidence;
  /** What the answer cannot do, said plainly (a monolith cannot survive the loss of its process). */
  caveats: string[];
  notes: string[];
}

export interface BacklogEvidence {
  run: number;
  hours: number;
  /** Level-0 (uncompacted) bytes at `fromHours` and at the end of the run. */
  fromHours: number;
  backlogFromBytes: number;
  backlogEndBytes: number;
  /** Compactors' mean share of their I/O in use after `fromHours`. */
  busyShare: number;
  bounded: boolean;
}

export interface OutageEvidence {
  run: number;
  outageHours: number;
  /** Peak bytes a stateful process held locally, and the process. */
  peakLocalBytes: number;
  peakLocalInstance: string | null;
  /** Peak Kafka consumer lag in seconds (3.0 microservices), and the consumer. */
  peakLagSeconds: number;
  peakLagInstance: string | null;
  lost: number;
  oomKills: number;
  /** The Kafka retention the answer sets (3.0 microservices), hours. */
  kafkaRetentionHours: number | null;
}

export interface PlanResult {
  input: PlanInput;
  mbps: number;
  plans: ModePlan[];
}

export interface PlanHooks {
  onProgress?: (p: { mode: DeploymentMode; simulations: number; message: string }) => void;
  /** Return true to stop; the planner returns what it has, marked cancelled. */
  cancelled?: () => boolean;
}

export class PlanCancelled extends Error {
  constructor() {
    super('planning cancelled');
  }
}

/** Modes a version has (3.0 has no scalable single binary). */
export function modesOf(version: TempoVersion): DeploymentMode[] {
  return DEPLOYMENT_MODES.filter((m) => !(version === '3.0' && m === 'scalable-single-binary'));
}

/** A computed figure without float noise: 1.1 GB/s is 1100 MB/s, not 1100.0000000000002. */
export const clean = (x: number): number => Number(x.toPrecision(12));

/** The unit's bytes: 1 MB/s is 10^6 bytes a second (Tempo's sizing docs count in decimal MB). */
export const RATE_BYTES = { 'MB/s': MB, 'GB/s': 1000 * MB } as const;

export function throughputMBps(
  input: Pick<PlanInput, 'spansPerSecond' | 'spanSizeBytes'> & { loadEntered?: EnteredRate },
): number {
  // Entered as a rate: that rate exactly (35 MB/s, not 35.00000000000001 back through spans/s).
  if (input.loadEntered) return clean((input.loadEntered.value * RATE_BYTES[input.loadEntered.unit]) / MB);
  return (input.spansPerSecond * input.spanSizeBytes) / MB;
}
