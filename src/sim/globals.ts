/** Figures of the whole cluster, one named number each: totals since start, outages, storage, queries. */

export interface Globals {
  // Spans and traces since start (clients.ts, and whoever loses or stores them).
  sent: number;
  written: number;
  lost: number;
  /** Push attempts refused, retries included. */
  refusedAttempts: number;
  /** Distinct spans refused at least once (the fresh share of each refusal). */
  refusedSpans: number;
  tracesSent: number;
  tracesLost: number;
  /** Spans in the clients' retry queues. */
  queue: number;
  // Outages and spikes (failures.ts).
  storageDown: boolean;
  storageDownSince: number;
  storageDownUntil: number;
  kafkaDown: boolean;
  kafkaDownSince: number;
  kafkaDownUntil: number;
  spikeOn: boolean;
  spikeUntil: number;
  spikeFactor: number;
  // Object storage (ingesters.ts, blockBuilders.ts, compaction.ts).
  l0Blocks: number;
  l0Bytes: number;
  compactedBytes: number;
  totalBytes: number;
  writeRateEma: number;
  /** Seconds of data object storage held before t = 0 (its retention, for a steady start). */
  historySeconds: number;
  // Kafka (kafka.ts): every partition gets the same share of the produce.
  /** Bytes per second produced to one partition, recent (moving average). */
  partitionRate: number;
  /** Bytes produced to one partition since the start. */
  partitionProduced: number;
  /**
   * Seconds of produce a partition held before t = 0 (a steady start: Kafka's retention), at
   * `partitionHistoryRate` bytes per second: what the run's average produce rate starts from.
   */
  partitionHistorySeconds: number;
  partitionHistoryRate: number;
  // The 2.x ring (distributors.ts).
  ringDirty: boolean;
  /** Processes down, starting, or still inside their crash-loop back-off window (0: nothing to restart). */
  recovering: number;
  /** Share of the hash space whose replica set is below write quorum. */
  ringFailShare: number;
  quorumLost: boolean;
  // Flags that keep events from repeating.
  dropping: boolean;
  lastDropEvent: number;
  traceTooLarge: boolean;
  /** Spans 3.0 metrics-generators read after metrics_ingestion_time_range_slack: left out of metrics. */
  metricsSpansLate: number;
  /** No compactor or backend-worker is running (none configured, or all down): nothing compacts. */
  compactionStopped: boolean;
  /** The event about partitions no block-builder consumes has been logged. */
  unownedReported: boolean;
  /** Ingesters or live-stores refusing new traces at max_traces_per_user; the last such event. */
  liveTracesExceeded: boolean;
  lastLiveTracesEvent: number;
  // Spans Tempo counts as discarded (tempo_discarded_spans_total), per reason.
  /** reason rate_limited: spans of pushes refused by the ingestion rate limit (retries counted again). */
  discardedRateLimited: number;
  /** reason trace_too_large: past max_bytes_per_trace. */
  discardedTraceTooLarge: number;
  /** reason live_traces_exceeded: past max_traces_per_user (on a 3.0 live-store, only its copy). */
  discardedLiveTraces: number;
  // Queries (queries.ts).
  queriesIssued: number;
  queriesFailed: number;
  /** Jobs queued at the frontends. */
  jobQueue: number;
  lastLatencyMs: number;
  jobsPerQuery: number;
  /** Why queries fail (an index into the reasons in queries.ts), 0 while they do not. */
  queriesFailing: number;
  // Rates of the last step, per second, for the views.
  offeredRate: number;
  acceptedRate: number;
  refusedRate: number;
  droppedRate: number;
  storageSpanRate: number;
  compactedBlockRate: number;
  queryRate: number;
  jobRate: number;
}

export function newGlobals(): Globals {
  return {
    sent: 0,
    written: 0,
    lost: 0,
    refusedAttempts: 0,
    refusedSpans: 0,
    tracesSent: 0,
    tracesLost: 0,
    queue: 0,
    storageDown: false,
    storageDownSince: 0,
    storageDownUntil: 0,
    kafkaDown: false,
    kafkaDownSince: 0,
    kafkaDownUntil: 0,
    spikeOn: false,
    spikeUntil: 0,
    spikeFactor: 1,
    l0Blocks: 0,
    l0Bytes: 0,
    compactedBytes: 0,
    totalBytes: 0,
    writeRateEma: 0,
    historySeconds: 0,
    partitionRate: 0,
    partitionProduced: 0,
    partitionHistorySeconds: 0,
    partitionHistoryRate: 0,
    ringDirty: true,
    recovering: 0,
    ringFailShare: 0,
    quorumLost: false,
    dropping: false,
    lastDropEvent: Number.NEGATIVE_INFINITY,
    traceTooLarge: false,
    metricsSpansLate: 0,
    compactionStopped: false,
    unownedReported: false,
    liveTracesExceeded: false,
    lastLiveTracesEvent: Number.NEGATIVE_INFINITY,
    discardedRateLimited: 0,
    discardedTraceTooLarge: 0,
    discardedLiveTraces: 0,
    queriesIssued: 0,
    queriesFailed: 0,
    jobQueue: 0,
    lastLatencyMs: 0,
    jobsPerQuery: 0,
    queriesFailing: 0,
    offeredRate: 0,
    acceptedRate: 0,
    refusedRate: 0,
    droppedRate: 0,
    storageSpanRate: 0,
    compactedBlockRate: 0,
    queryRate: 0,
    jobRate: 0,
  };
}
