/**
 * What one step hands from one component to the next (the order is in step.ts), and the per-instance
 * buffers of one step. Nothing here carries over between steps.
 */
import { type Fields, fields } from './fields';

/**
 * What one step hands from one component to the next (the order is in step.ts). Reset by the
 * component that first writes each figure; nothing here carries over between steps.
 */
export interface Tick {
  storageUp: boolean;
  kafkaUp: boolean;
  /** Share of accepted spans whose ring replica set is below quorum. */
  failShare: number;
  spanSize: number;
  spansPerTrace: number;
  /** Spans the clients send for the first time this step. */
  fresh: number;
  /** Spans the clients offer this step: fresh plus retried. */
  offered: number;
  /** Spans still queued at the clients after taking the retries out. */
  queue: number;
  distCostPerSpan: number;
  ingestCostPerSpan: number;
  consumeCostPerByte: number;
  pipeCostPerByte: number;
  distributorsUp: number;
  canCompact: boolean;
  /** Retention runs this step (compactors or the backend-scheduler up, storage up, compaction allowed). */
  canExpire: boolean;
  accepted: number;
  refused: number;
  /** Share of accepted spans discarded for max_bytes_per_trace. */
  discardShare: number;
  /** Accepted spans that are kept. */
  kept: number;
  /** Unique spans that became durable this step. */
  written: number;
  /** Spans that reached object storage this step. */
  storageSpans: number;
  // Queries.
  queriesPerSecond: number;
  arrivals: number;
  jobCpu: number;
  jobWall: number;
  queriersUp: number;
  frontendsUp: number;
  readPathUp: boolean;
  recentOk: boolean;
  /** Object storage answers the backend jobs (or the queries need none). */
  backendOk: boolean;
  jobQueue: number;
  failedNow: number;
  /** CPU seconds a store's recent-data scans take per byte it holds this step (queries.ts). */
  scanCpuPerByte: number;
  /** Bytes produced to each partition this step (kafka.ts). */
  partBytes: number;
  /** Jobs the queriers ran, their slots, and the smallest CPU share among them. */
  served: number;
  slots: number;
  slowest: number;
  /** CPU utilisation of the busiest querier this step (0-1). */
  cpuUse: number;
  /** Processes over their memory limit at the end of the step. */
  overMemory: number;
}

export function newTick(): Tick {
  return {
    storageUp: true,
    kafkaUp: true,
    failShare: 0,
    spanSize: 0,
    spansPerTrace: 1,
    fresh: 0,
    offered: 0,
    queue: 0,
    distCostPerSpan: 0,
    ingestCostPerSpan: 0,
    consumeCostPerByte: 0,
    pipeCostPerByte: 0,
    distributorsUp: 0,
    canCompact: false,
    canExpire: false,
    accepted: 0,
    refused: 0,
    discardShare: 0,
    kept: 0,
    written: 0,
    storageSpans: 0,
    queriesPerSecond: 0,
    arrivals: 0,
    jobCpu: 0,
    jobWall: 0,
    queriersUp: 0,
    frontendsUp: 0,
    readPathUp: true,
    recentOk: true,
    backendOk: true,
    jobQueue: 0,
    failedNow: 0,
    scanCpuPerByte: 0,
    partBytes: 0,
    served: 0,
    slots: 0,
    slowest: 1,
    cpuUse: 0,
    overMemory: 0,
  };
}

/** Per-instance buffers of one step. */
const SCRATCH = [
  /** CPU wanted by ingest and queries, and by background work (block encoding, flushing, compaction). */
  'demand',
  'demandBg',
  /** Share of what was wanted that the CPU limit lets through. */
  'scale',
  'scaleBg',
  /** What each component wants to do this step: spans, bytes or jobs. */
  'wantDist',
  'wantPipe',
  'wantConsume',
  'wantCompact',
  'wantJobs',
  /** CPU core-seconds used and memory held besides the base, this step. */
  'used',
  'extraMem',
] as const;
export type Scratch = Fields<(typeof SCRATCH)[number]> & {
  ringRecv: Float64Array;
  ringUniq: Float64Array;
  ringShared: Float64Array;
  /** Positions in a role list whose flag changed this step (kafka.ts updateLag). */
  changed: Int32Array;
};

export function newScratch(n: number, stores: number): Scratch {
  return {
    ...fields(SCRATCH, n),
    ringRecv: new Float64Array(stores),
    ringUniq: new Float64Array(stores),
    ringShared: new Float64Array(stores),
    changed: new Int32Array(n),
  };
}
