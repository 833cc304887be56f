/**
 * Every number the simulation is calibrated with, and where it comes from. Three sources:
 *  - [manifest]  a default from Tempo's generated config manifest (shared/tempo/manifest-v*.yaml),
 *  - [sizing]    the published sizing guide quoted in shared/tempo-reference.md,
 *  - [estimate]  a reasoned estimate made for this model (the reasoning is given).
 *
 * The estimates are tuned together so that, with the catalog's default resources, a cluster at the
 * published sizing runs healthy and one at several times the load per replica does not:
 *  - a 2.10 monolith (2 CPU, 4 GiB) fits below about 25-35 MB/s and is OOM-killed at 50 MB/s [sizing],
 *  - an ingester (2.5 CPU, 8 GiB) at 3-5 MB/s of cluster traffic x RF 3 sits near 20% of its memory
 *    and is OOM-killed around 6x that,
 *  - a live-store (1 CPU) keeps up with 6-10 MB/s and lags from about 4x that,
 *  - a distributor refuses above the per-distributor rate limit (rate_strategy local) [manifest].
 */

export const MB = 1_000_000;
export const MiB = 1024 ** 2;
export const GiB = 1024 ** 3;

/** Fixed simulated time step, seconds. [estimate: 1 s resolves Tempo's shortest timer, trace_idle_period 5 s] */
export const DT = 1;

// ---------------------------------------------------------------- clients
/** Clients retry refused spans from a queue holding this many seconds of their send rate. [estimate:
 * an OpenTelemetry collector's sending queue (1000 batches) holds tens of seconds at typical rates] */
export const CLIENT_QUEUE_SECONDS = 30;
/** Floor of the client queue, spans, so a nearly idle client still buffers a little. [estimate] */
export const CLIENT_QUEUE_MIN_SPANS = 10_000;
/** Queued spans are retried on average this often, seconds. [manifest 3.0: distributor
 * retry_after_on_resource_exhausted 5s; the OTel exporter's initial_interval is also 5 s] */
export const CLIENT_RETRY_INTERVAL_S = 5;
/** Relative step-to-step jitter of the offered load, so charts are not flat lines. [estimate] */
export const LOAD_JITTER = 0.02;

// ---------------------------------------------------------------- limits (overrides)
// max_traces_per_user, max_bytes_per_trace, the rate limits and the search windows are scenario settings
// with the manifests' defaults (model/limits.ts defaultTenantLimits, model/limits.ts defaultRateLimit).

// ---------------------------------------------------------------- CPU (core-seconds)
/** Distributor: receive, decode and rate-limit. [estimate: with the ingester costs a 2 CPU monolith, which
 * forwards nothing over the network, saturates near 45-50 MB/s] */
export const DIST_CPU_PER_SPAN = 4e-6;
export const DIST_CPU_PER_BYTE = 4e-9;
/** Distributor: marshal and send one copy over the network (to an ingester, or a Kafka produce).
 * [source: operations/jsonnet/microservices/autoscaling.libsonnet at v3.0.3: 330m of CPU correlates with
 * about 10 MB/s per distributor, which produces one copy to Kafka: 0.12 core to receive 10 MB/s of 500 B
 * spans plus 0.21 to produce it. A 2.10 distributor with RF 3 sends three copies over gRPC] */
export const DIST_FORWARD_CPU_PER_SPAN = 7e-6;
export const DIST_FORWARD_CPU_PER_BYTE = 7e-9;
/** Ingester / live-store push path, per replica copy. [estimate] */
export const ING_CPU_PER_SPAN = 2e-6;
export const ING_CPU_PER_BYTE = 4e-9;
/** Cutting a WAL head block into a vParquet4 block, per byte. [estimate: parquet encoding is the costliest
 * step in an ingester; at 20 ns/B a sized ingester (12 MB/s replicated) spends 0.25 core on it] */
export const COMPLETE_CPU_PER_BYTE = 20e-9;
/** Uploading a block, per byte. [estimate] */
export const FLUSH_CPU_PER_BYTE = 1e-9;
/** 3.0 live-store consuming a partition, per span and byte. [estimate: 1 CPU consumes about 33 MB/s,
 * 3-5x the sized 6-10 MB/s per live-store] */
export const LIVE_STORE_CPU_PER_SPAN = 5e-6;
export const LIVE_STORE_CPU_PER_BYTE = 20e-9;
/** 3.0 block-builder consuming and encoding, per byte. [estimate: at 10 ns/B 1 CPU (the v3.0.3 jsonnet's
 * limit, operations/jsonnet/microservices/config.libsonnet) consumes 100 MB/s, so a 37 MB/s partition's
 * 5-minute cycle takes about 220 s of its 300 s. An earlier comment cited "PR #6778" for this figure: no such
 * source exists] */
export const BLOCK_BUILDER_CPU_PER_BYTE = 10e-9;
/** Compaction, per input byte. [estimate; the sizing calls the compactor I/O bound] */
export const COMPACT_CPU_PER_BYTE = 5e-9;
/** Compaction I/O per compacting process, bytes/s. [estimate: sized at 1 compactor per 3-5 MB/s of
 * cluster traffic, i.e. 9-15 MB/s of RF 3 input, with about 4x headroom] */
export const COMPACT_IO_BYTES_PER_S = 50 * MB;
/** Metrics-generator, per span. [estimate] */
export const METRICS_GEN_CPU_PER_SPAN = 3e-6;
/** A 3.0 metrics-generator leaves out of its metrics the spans that ended longer ago than this: one
 * lagging further behind its partitions produces metrics that miss what it reads late. [manifest
 * v3.0.3: metrics_generator.metrics_ingestion_time_range_slack 30s; modules/generator/instance.go at
 * v3.0.3 filters spans whose end time is before now minus the slack. In 3.0 microservices generators
 * consume Kafka as the consumer group "metrics-generator" (cmd/tempo/app/modules.go configureGenerator:
 * ConsumeFromKafka unless single binary; ring_mode partition)] */
export const METRICS_GEN_INGESTION_SLACK_S = 30;
/** A lagging metrics-generator counts as caught up again at or below this lag. [estimate: a third of
 * the slack, so the event log does not flicker at its edge] */
export const METRICS_GEN_CAUGHT_UP_S = 10;
/** Share of a process's CPU limit that background work (block encoding, flushing, compaction) gets even
 * when ingest and queries want all of it. [estimate: Go schedules every goroutine, so background work
 * slows under load but is never starved] */
export const BACKGROUND_CPU_SHARE = 0.25;
/** Background CPU every running process burns (ring, gossip, polling). [estimate] */
export const IDLE_CPU = 0.02;

// ---------------------------------------------------------------- memory
/**
 * Resident memory of a running process before its working set (Go runtime, ring and memberlist
 * clients, overrides, receivers, blocklist, allocator pages kept between GCs). The working sets are
 * added by the parts that hold them: live traces and blocks (stores.ts), batches in flight
 * (distributors.ts), query jobs (queries.ts), compaction jobs (compaction.ts), series
 * (metricsGenerators.ts), a consume cycle (blockBuilders.ts). Sources, read as "a pod at its published
 * load holds at most about half its published memory and about its jsonnet request":
 *  - the sizing page (docs/sources/tempo/set-up-for-tracing/setup-tempo/plan/size.md at v3.0.3; the
 *    2.x page at v2.10.8): distributor 2 GB, querier and query-frontend 4-20 GB, compactor 4-20 GB,
 *    backend-scheduler and backend-worker 1-2 GB;
 *  - the jsonnet (operations/jsonnet/microservices/config.libsonnet at v3.0.3): query-frontend,
 *    querier, metrics-generator, block-builder, live-store, backend-scheduler and backend-worker
 *    request 1Gi and are limited to 2Gi; distributor 3Gi / 5Gi; at v2.10.8 the compactor 3Gi / 5Gi;
 *  - tempo-distributed 3.3.0 sets no resources (values.yaml `resources: {}`) and injects GOMEMLIMIT at
 *    0.85 of a limit when one is set (global.goSettings).
 * Where the page and the jsonnet disagree (querier, query-frontend: 4-20 GB against a 1Gi request),
 * a process idles at half the jsonnet request and its working set takes it toward the page's figure
 * under load (a querier at max_concurrent_queries holds about 3.4 GiB). The ingester, live-store and
 * block-builder keep their former 200 MiB: their working sets are calibrated on figures of their own,
 * and so is the single binary as a whole (2 CPU / 4 GiB fits 25-35 MB/s). [estimate within the sources] */
export const BASE_MEMORY: Readonly<Record<string, number>> = {
  tempo: 300 * MiB,
  distributor: 512 * MiB,
  ingester: 200 * MiB,
  'query-frontend': 512 * MiB,
  querier: 512 * MiB,
  compactor: 512 * MiB,
  'metrics-generator': 512 * MiB,
  'block-builder': 200 * MiB,
  'live-store': 200 * MiB,
  'backend-scheduler': 512 * MiB,
  'backend-worker': 512 * MiB,
};
/** Spans of a trace reach Tempo over this many seconds. [estimate: the OTel SDK batch span processor
 * exports every 5 s (schedule delay 5000 ms), and most traces last well under a second] */
export const TRACE_ARRIVAL_SPREAD_S = 5;
/** Spans of a trace up to this size arrive over TRACE_ARRIVAL_SPREAD_S; bigger traces over longer, as
 * the square root of their size (more spans, more batches, longer-running requests). [estimate] */
export const TRACE_SPREAD_REF_BYTES = 10_000;
/** Up to this trace size a live byte costs LIVE_TRACE_MEMORY_FACTOR of heap; a bigger trace costs more
 * per byte, growing as (size / this)^TRACE_COMBINE_EXPONENT, since the trace is combined and converted to
 * a parquet row in one piece when it is cut. [estimate, calibrated with TRACE_COMBINE_MAX_BYTES on
 * grafana/tempo #4424's table: three 10 GiB ingesters taking 14 MiB/s with RF 3, at 80% of their memory
 * with 57 KB traces, OOM-killed above about 90 KiB (a spread of 1)] */
export const TRACE_COMBINE_REF_BYTES = 25_000;
export const TRACE_COMBINE_EXPONENT = 1;
/** The growth above stops at this trace size. [estimate, calibrated on grafana/tempo #4424 (3 distributors x
 * 3 ingesters of 10 GiB, a global limit of 14 MiB/s): ingesters at 80% of their memory with 57 KB traces,
 * OOM-killed from about 90 KiB. A 2.10 ingester appends a trace's pushes as they come
 * (modules/ingester/trace.go at v2.10.8) and refuses them past max_bytes_per_trace (TRACE_TOO_LARGE), so
 * a live trace's heap per byte does not grow without bound: without the cap a 5 MB trace cost 530 bytes of
 * heap per byte and 10 MB traces OOM-killed every ingester instead of being discarded] */
export const TRACE_COMBINE_MAX_BYTES = 600_000;
/** How much of the flush rate is still level 0 in a steady cluster whose compactors keep up (the
 * blocks written since the last compaction cycle). [estimate] */
export const STEADY_LEVEL0_SECONDS = 300;
/** Heap bytes per wire byte of a live trace. [estimate: request buffers plus the trace's own slices, and
 * Go's GOGC=100 lets the heap reach twice the live set; tuned with the residence (idle + arrival spread +
 * half a cut period, 15 s for small 2.10 traces) so a 2 CPU / 4 GiB monolith (this app's choice of size, not
 * the docs') fits 25-35 MB/s (3.0 docs) and is
 * OOM-killed at 50 MB/s] */
export const LIVE_TRACE_MEMORY_FACTOR = 8 / 3;
/** Heap per live trace besides its spans (map entry, ids, timers). [estimate] */
export const LIVE_TRACE_OVERHEAD_BYTES = 1_000;
/** Heap per byte of the WAL head block (append buffers, per-trace index). [estimate] */
export const HEAD_BLOCK_MEMORY_FACTOR = 0.25;
/** Heap per byte of a complete block being encoded or waiting to flush. Blocks whose flush failed
 * (object storage down) wait on the volume instead, one of them buffered for the retry
 * (modules/ingester/flush.go at v2.10.8 retries a failed flush forever, 30 s to 2 min apart, from the
 * block on local disk). [estimate: the block's row groups
 * are buffered while it is written as parquet and uploaded] */
export const COMPLETE_BLOCK_MEMORY_FACTOR = 0.5;
/** Heap per byte of flushed blocks kept for recent queries (bloom filters, indexes). [estimate] */
export const RETAINED_BLOCK_MEMORY_FACTOR = 0.05;
/** Distributor heap: seconds of accepted bytes in flight, times decode overhead. [estimate] */
export const DIST_BUFFER_SECONDS = 0.5;
export const DIST_BUFFER_FACTOR = 2;
/** Block-builder heap per byte consumed in the current cycle and not yet written. [estimate: it groups a
 * cycle's spans by trace before writing blocks; 5-10 GB is the published sizing per partition] */
export const BLOCK_BUILDER_MEMORY_FACTOR = 0.5;
/** Memory of one running query job on a querier. A search job opens its block with parquet reads of
 * read_buffer_size_bytes (1 MiB) per column (tempodb/config.go, vparquet4/block_search.go
 * openForSearch at v3.0.3: async reads, read_buffer_count 32), decodes the pages of the columns it
 * filters within its target_bytes_per_job (100 MiB) shard and keeps its matches; with GOGC's headroom
 * about 150 MiB. [estimate, calibrated on the sizing page: "Mem: 4-20GB, determined by trace
 * composition and queries": at max_concurrent_queries (20) a querier holds about 3.4 GiB with its
 * base, the low end of that range with the headroom a provisioning figure leaves] */
export const QUERY_JOB_MEMORY_BYTES = 150 * MiB;
/** The same in a single binary, as before: the single binary is calibrated as a whole (a 2 CPU / 4 GiB
 * monolith with light queries fits 25-35 MB/s, 3.0 docs), and at 150 MiB a job a query load that
 * slows its CPU would take it past 4 GiB at 15 MB/s. [estimate] */
export const SINGLE_BINARY_QUERY_JOB_MEMORY_BYTES = 50 * MiB;
/** Metrics-generator heap per span/s (active series, processors). [estimate] */
export const METRICS_GEN_MEMORY_PER_SPAN_S = 2_000;
/** Compaction working set of a process while it has a job: the output row group buffered up to
 * parquet_row_group_size_bytes (100 MB, manifest) before it is flushed (vparquet4/compactor.go at
 * v2.10.8: flushes when EstimatedBufferedBytes passes RowGroupSizeBytes), the four input blocks'
 * iterators and the pooled rows of the traces being combined, with GOGC's headroom. By kind:
 *  - compactor (2.10): 2.5 GiB, so one at work holds 3 GiB: the jsonnet's request is 3Gi and limit
 *    5Gi (operations/jsonnet/microservices/config.libsonnet at v2.10.8), the sizing page says 4-20 GB,
 *    and Grafana's own run at 5-6 GB (grafana/tempo #2690, a maintainer; #2769 reports about 5 GB,
 *    bursting to 27 GB with very large traces). The page's and #2690's figures are for clusters
 *    with large traces; the model's default traces are small, so it takes the jsonnet's.
 *  - backend-worker (3.0): 1.25 GiB, so one at work holds 1.75 GiB: the sizing page gives 1-2 GB and
 *    the jsonnet (v3.0.3) a 1Gi request, 2Gi limit. Same compaction code, smaller figures: block-builder
 *    blocks are at most 20 MiB (block_builder.block.max_block_bytes), ingester blocks up to 500 MiB.
 *  - single binary: 300 MiB, as before: the single binary is calibrated as a whole (2 CPU / 4 GiB
 *    fits 25-35 MB/s, 3.0 docs).
 * The output row group fills only as far as the job's input: a job whose four input blocks hold less
 * than a row group holds that share of it. [estimate within the sources] */
export const COMPACT_WORKING_SET_BYTES: Readonly<Record<string, number>> = {
  compactor: 2.5 * GiB,
  'backend-worker': 1.25 * GiB,
  tempo: 300 * MiB,
};
/** [manifest: storage.trace.block.parquet_row_group_size_bytes 100000000] */
export const PARQUET_ROW_GROUP_BYTES = 100_000_000;
/** Blocks merged by one compaction job at most. [source: tempodb/blockselector
 * DefaultMaxInputBlocks 4 at v2.10.8; backend_scheduler provider max_input_blocks 4 at v3.0.3] */
export const COMPACT_MAX_INPUT_BLOCKS = 4;
/** A process above this share of its memory limit is shown under pressure. [estimate] */
export const PRESSURE_MEMORY_SHARE = 0.85;
export const PRESSURE_CPU_SHARE = 0.95;

// ---------------------------------------------------------------- ingester / live-store blocks
export const INGESTER_2_10 = {
  /** [manifest 2.10: ingester.trace_idle_period 5s] */
  traceIdleSeconds: 5,
  /** [manifest 2.10: ingester.trace_live_period 30s; modules/ingester/config.go MaxTraceLive] */
  traceLiveSeconds: 30,
  /** Live traces are cut every flush_check_period, so a trace waits half of it on average.
   * [manifest 2.10: ingester.flush_check_period 10s; modules/ingester/flush.go cuts on that ticker] */
  cutPeriodSeconds: 10,
  /** No cap on live trace bytes in 2.10 (max_traces_per_user is not modelled). */
  maxLiveBytes: Number.POSITIVE_INFINITY,
  /** [manifest 2.10: ingester.max_block_duration 30m0s] */
  maxBlockSeconds: 30 * 60,
  /** [manifest 2.10: ingester.max_block_bytes 524288000] */
  maxBlockBytes: 524_288_000,
  /** [manifest 2.10: ingester.complete_block_timeout 15m0s] */
  completeBlockTimeoutS: 15 * 60,
} as const;

export const LIVE_STORE_3_0 = {
  /** [manifest 3.0: live_store.max_trace_idle 5s] */
  traceIdleSeconds: 5,
  /** [manifest 3.0: live_store.max_trace_live 30s] */
  traceLiveSeconds: 30,
  /** [manifest 3.0: live_store.flush_check_period 5s] */
  cutPeriodSeconds: 5,
  /** [manifest 3.0: live_store.max_live_traces_bytes 250000000]; over it traces are cut early [estimate] */
  maxLiveBytes: 250_000_000,
  /** [manifest 3.0: live_store.max_block_duration 30s] */
  maxBlockSeconds: 30,
  /** [manifest 3.0: live_store.max_block_bytes 52428800] */
  maxBlockBytes: 52_428_800,
  /** [manifest 3.0: live_store.complete_block_timeout 20m0s] */
  completeBlockTimeoutS: 20 * 60,
} as const;

/** Upload bandwidth of one ingester or monolith. [estimate: flush_concurrency 4 x ~25 MB/s per PUT stream] */
export const FLUSH_BYTES_PER_S = 100 * MB;
/** Encoding bandwidth cap per process, bytes/s, besides CPU. [estimate] */
export const COMPLETE_BYTES_PER_S = 200 * MB;

// ---------------------------------------------------------------- 3.0 Kafka consumers
/** [manifest 3.0: block_builder.consume_cycle_duration 5m0s] */
export const BLOCK_BUILDER_CYCLE_S = 5 * 60;
/** [manifest 3.0: block_builder.block.max_block_bytes 20971520] */
export const BLOCK_BUILDER_BLOCK_BYTES = 20_971_520;
/** Block-builder upload bandwidth. [estimate, as FLUSH_BYTES_PER_S] */
export const BLOCK_BUILDER_WRITE_BYTES_PER_S = 100 * MB;
/** Live-store lag above which recent queries fail and it shows lagging. [estimate for the threshold
 * behind live_store.fail_on_high_lag true] */
export const LIVE_STORE_HIGH_LAG_S = 10;
/** Lag under which a lagging live-store counts as caught up (a consumer is always about one step behind). */
export const LIVE_STORE_CAUGHT_UP_S = 3;
/** Most a block-builder consumes from a partition before it writes that section's blocks and commits
 * its offset. [source: block_builder.max_consuming_bytes 5000000000 (manifest v3.0.3);
 * modules/blockbuilder/blockbuilder.go consumePartition at v3.0.3 stops a section at
 * consume_cycle_duration of record time or at these bytes, whichever comes first, and while the
 * laggiest partition is a cycle or more behind starts the next section at once (consume)] */
export const BLOCK_BUILDER_MAX_CONSUMING_BYTES = 5e9;
/** A live-store stops consuming while it holds more WAL blocks than this waiting to be completed.
 * [source: modules/livestore/instance.go at v3.0.3, walBackpressureLimit = 4 in backpressure(); the
 * same function waits while live traces exceed max_live_traces_bytes] */
export const LIVE_STORE_WAL_BACKPRESSURE_BLOCKS = 4;
/** A live-store that starts again reads its partition from its committed offset, but never from further
 * back than this many complete_block_timeout: older records are past what it serves. [source:
 * modules/livestore/live_store.go at v3.0.3, lookbackPeriod = 2 * CompleteBlockTimeout;
 * partition_reader.go cutoffOffset takes the later of the committed offset and now - lookback] */
export const LIVE_STORE_LOOKBACK_TIMEOUTS = 2;
/** A consumer that lagged past Kafka's retention counts as within it again below this share of it
 * (so the event log does not flicker while it sits at the edge). [estimate] */
export const KAFKA_RETENTION_CLEAR_SHARE = 0.9;
/** Bytes on a store's volume per byte received: the WAL and the blocks are parquet, compressed. [estimate:
 * 4:1, the object-storage compression the capacity planner assumes by default (src/plan); Tempo
 * publishes no ratio] */
export const DISK_BYTES_PER_WIRE_BYTE = 0.25;
/** A full volume counts as having room again once this share of it is free. [estimate] */
export const VOLUME_FREE_SHARE = 0.05;
/** A block-builder is lagging when it is this many cycles behind. [estimate] */
export const BLOCK_BUILDER_LAG_CYCLES = 2;
/** Smoothing of the per-partition produce rate used to express lag in seconds. [estimate] */
export const RATE_EMA_ALPHA = 0.2;

// ---------------------------------------------------------------- restarts
/** Kubernetes CrashLoopBackOff: 10 s, doubling per crash, at most 5 min, reset after 10 min up. [fact
 * of the kubelet, not of Tempo] */
export const RESTART_BACKOFF_BASE_S = 10;
export const RESTART_BACKOFF_MAX_S = 300;
export const RESTART_BACKOFF_RESET_S = 600;
/** Process start before replay: config, ring join, memberlist. [estimate] */
export const STARTUP_SECONDS = 5;
/** WAL replay speed. [estimate: replay re-reads and re-indexes every WAL record] */
export const WAL_REPLAY_BYTES_PER_S = 50 * MiB;
/** Heap per byte of WAL being replayed: an ingester rebuilds each WAL block's traces to complete it as a
 * parquet block before it is ready. [estimate: replays of a few GB of WAL reach 10-40 GB (grafana/tempo
 * #1825); one WAL that does not fit makes the ingester crash-loop on the same WAL (#5132)] */
export const WAL_REPLAY_MEMORY_FACTOR = 2;

// ---------------------------------------------------------------- ring
/** Tokens per ring member. [manifest: ingester.lifecycler.num_tokens 128]; capped in total so very
 * large rings stay cheap to precompute. */
export const RING_TOKENS_PER_MEMBER = 128;
export const RING_MAX_TOKENS = 16_384;

// ---------------------------------------------------------------- read path
/** [manifest: querier.max_concurrent_queries 20] */
export const QUERIER_MAX_CONCURRENT = 20;
/** [manifest: query_frontend.max_outstanding_per_tenant 2000] (jobs queued per frontend) */
export const FRONTEND_MAX_OUTSTANDING = 2000;
/** [manifest: query_frontend.search.concurrent_jobs 1000] */
export const FRONTEND_CONCURRENT_JOBS = 1000;
/** [manifest: query_frontend.search.target_bytes_per_job 104857600] */
export const TARGET_BYTES_PER_JOB = 104_857_600;
/** Share of a block's bytes a search reads: only the columns it filters on, and it stops once it has
 * the result limit (20 traces by default). [estimate] */
export const SEARCH_READ_SHARE = 0.02;
/** Share of a search's backend jobs that run before it has its result limit (20 traces by default): the
 * frontend issues jobs newest blocks first and cancels the rest once the limit is reached. A search for a
 * rare attribute runs them all; one for a common service stops early. [estimate] */
export const SEARCH_JOBS_BEFORE_LIMIT = 0.25;
/** CPU per backend job besides scanning: open the block, read footer and index. [estimate] */
export const QUERY_JOB_BASE_CPU_S = 0.003;
/** Parquet column scan speed per core (dictionary-encoded pages). [estimate] */
export const QUERY_SCAN_BYTES_PER_CORE_S = 1_000 * MB;
/** Object-storage round trips per job and their latency. [estimate: S3 GET first byte ~30-50 ms] */
export const STORAGE_REQUESTS_PER_JOB = 4;
export const STORAGE_REQUEST_LATENCY_S = 0.04;
/** Scan speed of recent data in an ingester or live-store, bytes per core-second. [estimate] */
export const RECENT_SCAN_BYTES_PER_CORE_S = 1_000 * MB;
/** Frontend heap per queued job (the request and its shard). [estimate] */
export const FRONTEND_BYTES_PER_QUEUED_JOB = 10_000;
/** Utilisation of the queriers' slots or CPU at which a query stops stretching further (1 / (1 - 0.9) =
 * 10x); past it the frontend queue and the CPU share take over. [estimate: processor sharing, M/G/1-PS,
 * T = T0 / (1 - utilisation)] */
export const MAX_STRETCH_UTILISATION = 0.9;
/** Frontend CPU per job (sharding, merging); merging is serial per query (combiner mutex), so it is also
 * latency: 1 ms per job. [estimate] */
export const FRONTEND_CPU_PER_JOB = 0.001;
/** A compaction job's blocks hold at most this many traces. [manifest v2.10.8:
 * compactor.compaction.max_compaction_objects 6000000] */
export const MAX_COMPACTION_OBJECTS = 6_000_000;
/** Compacted blocks cover this many seconds of data each. [manifest: compaction_window 1h0m0s] */
export const COMPACTION_WINDOW_S = 3600;
/** Spread of query latency around its mean (log-normal sigma). [estimate] */
export const QUERY_LATENCY_SIGMA = 0.35;
/** Half-life-like time constant of the latency window shown live, seconds. [estimate] */
export const QUERY_WINDOW_S = 30;
