/**
 * The simulation's public shapes: what the engine hands to the UI, the CLI and the tests.
 * The engine is pure: `step(state) -> state` with a fixed time step, a seeded RNG, no clock.
 */
import type { ComponentKind, DataPath } from '../model/catalog';

export type InstanceStatus = 'healthy' | 'pressure' | 'oom-killed' | 'restarting' | 'lagging' | 'down';

export interface InstanceView {
  name: string;
  kind: ComponentKind;
  status: InstanceStatus;
  cpuCores: number;
  cpuLimit: number;
  memoryBytes: number;
  memoryLimit: number;
  /** Kafka consumer lag in seconds (3.0 consumers), else 0. */
  lagSeconds: number;
  /** Bytes on the data volume (stateful kinds) and its size; 0 and 0 for stateless ones. */
  diskBytes: number;
  volumeBytes: number;
  oomKills: number;
  restarts: number;
}

/** Throughput on one edge of the topology, keyed by the instance (or external node) names at each end. */
export interface FlowView {
  from: string;
  to: string;
  path: DataPath;
  /** Spans per second carried (write), jobs or queries per second (read), blocks per second (compaction). */
  rate: number;
  /** Spans per second refused on that hop. */
  refused: number;
}

export interface Totals {
  /** Spans the clients generated. sent = written + lost + inFlight at every step. */
  sent: number;
  /** Durably stored: WAL, Kafka or object storage. */
  written: number;
  /** Will never be stored. */
  lost: number;
  /** Somewhere in between: client retry queues, memory not yet in a WAL. */
  inFlight: number;
  /** Distinct spans refused at least once. */
  refused: number;
  /** Push attempts refused: a retried span can be refused more than once. */
  refusedAttempts: number;
  tracesSent: number;
  tracesLost: number;
  /** Spans Tempo counts as discarded, by its reason label (tempo_discarded_spans_total{reason}). */
  discarded: { rate_limited: number; trace_too_large: number; live_traces_exceeded: number };
}

export interface QueryTotals {
  issued: number;
  failed: number;
  /** Latency of the queries finished in the last step, ms; NaN-free: 0 when none. */
  lastLatencyMs: number;
}

export type SimEventKind =
  | 'oom-kill'
  | 'restart'
  | 'ready'
  | 'killed'
  | 'rate-limited'
  | 'storage-outage'
  | 'storage-restored'
  | 'kafka-outage'
  | 'kafka-restored'
  | 'spike'
  | 'spike-end'
  | 'lag'
  | 'caught-up'
  | 'quorum-lost'
  | 'quorum-restored'
  | 'flush'
  | 'spans-dropped'
  | 'trace-too-large'
  | 'live-traces-exceeded'
  | 'partition-unowned'
  | 'queries-failing'
  | 'zone-outage'
  | 'volume-full'
  | 'volume-ok'
  | 'records-expired'
  | 'compaction-stopped'
  | 'compaction-resumed';

export interface SimEvent {
  /** Simulated seconds since start. */
  t: number;
  instance: string;
  kind: SimEventKind;
  /** Plain words: "ingester-1 OOM-killed at 4.1 GiB of 4 GiB; 1,200 traces lost". */
  message: string;
}
