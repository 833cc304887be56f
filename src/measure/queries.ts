/**
 * The PromQL queries the "Measure your cluster" panel lists, and the metrics their answers carry.
 *
 * Every query is a plain selector: its series keep their metric name, so an answer pasted on its
 * own (or several in one paste) is recognised by the names and labels in it, and counters are
 * turned into rates here, from a range query's samples. Metric names and labels were checked
 * against Tempo's source at v2.10.8 and v3.0.3 (the file named in `source`).
 */
import type { TempoVersion } from '../model/catalog';

/** What a metric measures for the comparison. */
export type MeasureRole =
  | 'spansReceived'
  | 'bytesReceived'
  | 'tracesCreated'
  | 'discarded'
  | 'cpu'
  | 'memory'
  | 'processCpu'
  | 'processMemory'
  | 'liveTraces'
  | 'partitionLag'
  | 'queries'
  | 'latency';

export interface KnownMetric {
  name: string;
  role: MeasureRole;
  /** Counters become per-second rates; gauges are read as they are; a histogram's buckets become quantiles. */
  type: 'counter' | 'gauge' | 'histogram';
  /** Tempo versions that export it (cAdvisor and process metrics are not Tempo's: both). */
  versions: readonly TempoVersion[];
  /** Where the name and labels come from. */
  source: string;
}

export const KNOWN_METRICS: readonly KnownMetric[] = [
  {
    name: 'tempo_distributor_spans_received_total',
    role: 'spansReceived',
    type: 'counter',
    versions: ['2.10', '3.0'],
    source: 'modules/distributor/distributor.go (label tenant)',
  },
  {
    name: 'tempo_distributor_bytes_received_total',
    role: 'bytesReceived',
    type: 'counter',
    versions: ['2.10', '3.0'],
    source: 'modules/distributor/distributor.go (proto bytes after limits; label tenant)',
  },
  {
    name: 'tempo_ingester_traces_created_total',
    role: 'tracesCreated',
    type: 'counter',
    versions: ['2.10'],
    source: 'modules/ingester/instance.go (label tenant)',
  },
  {
    name: 'tempo_live_store_traces_created_total',
    role: 'tracesCreated',
    type: 'counter',
    versions: ['3.0'],
    source: 'modules/livestore/instance.go (label tenant)',
  },
  {
    name: 'tempo_discarded_spans_total',
    role: 'discarded',
    type: 'counter',
    versions: ['2.10', '3.0'],
    source: 'modules/overrides/discarded_spans.go (labels reason, tenant)',
  },
  {
    name: 'container_cpu_usage_seconds_total',
    role: 'cpu',
    type: 'counter',
    versions: ['2.10', '3.0'],
    source: "cAdvisor, as Tempo's mixin reads it (operations/tempo-mixin)",
  },
  {
    name: 'container_memory_working_set_bytes',
    role: 'memory',
    type: 'gauge',
    versions: ['2.10', '3.0'],
    source: "cAdvisor, as Tempo's mixin reads it (operations/tempo-mixin)",
  },
  {
    name: 'process_cpu_seconds_total',
    role: 'processCpu',
    type: 'counter',
    versions: ['2.10', '3.0'],
    source: "Go's process collector, on every Tempo /metrics",
  },
  {
    name: 'process_resident_memory_bytes',
    role: 'processMemory',
    type: 'gauge',
    versions: ['2.10', '3.0'],
    source: "Go's process collector, on every Tempo /metrics",
  },
  {
    name: 'tempo_ingester_live_traces',
    role: 'liveTraces',
    type: 'gauge',
    versions: ['2.10'],
    source: 'modules/ingester/instance.go (label tenant)',
  },
  {
    name: 'tempo_live_store_live_traces',
    role: 'liveTraces',
    type: 'gauge',
    versions: ['3.0'],
    source: 'modules/livestore/instance.go (label tenant)',
  },
  {
    name: 'tempo_ingest_group_partition_lag_seconds',
    role: 'partitionLag',
    type: 'gauge',
    versions: ['3.0'],
    source: 'pkg/ingest/metrics.go (labels group, partition)',
  },
  {
    name: 'tempo_query_frontend_queries_total',
    role: 'queries',
    type: 'counter',
    versions: ['2.10', '3.0'],
    source: 'modules/frontend/slos.go (labels tenant, op, result)',
  },
  {
    name: 'tempo_request_duration_seconds_bucket',
    role: 'latency',
    type: 'histogram',
    versions: ['2.10', '3.0'],
    source: "dskit's server metrics under Tempo's namespace (cmd/tempo/app/modules.go; labels route, le)",
  },
];

const BY_NAME = new Map(KNOWN_METRICS.map((m) => [m.name, m]));

export function knownMetric(name: string | null): KnownMetric | undefined {
  return name === null ? undefined : BY_NAME.get(name);
}

export interface MeasureQuery {
  id: string;
  /** What the answer measures, one sentence. */
  what: string;
  promql: string;
  /** The metric its series carry. */
  metric: string;
  versions: readonly TempoVersion[];
}

/** Label values inside a PromQL string literal: backslash and double quote escaped. */
export function promqlString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** A namespace as typed: one line, at most 63 characters (a Kubernetes namespace is at most 63). */
export function cleanNamespace(namespace: string): string {
  return namespace
    .replace(/[\r\n]/g, '')
    .trim()
    .slice(0, 63);
}

/**
 * The queries, for a namespace (empty: no namespace matcher, for docker-compose or VMs). Run each
 * as a range query over a window of steady traffic (an hour, step 1m): counters need two samples.
 */
export function measureQueries(namespace: string, version: TempoVersion): MeasureQuery[] {
  const ns = cleanNamespace(namespace);
  const nsMatch = ns ? `namespace=${promqlString(ns)}` : '';
  const sel = (...m: string[]) => {
    const all = [nsMatch, ...m].filter(Boolean);
    return all.length ? `{${all.join(', ')}}` : '';
  };
  const container = sel('container!=""', 'container!="POD"');
  const queries: MeasureQuery[] = [
    {
      id: 'spans',
      what: 'Spans per second the distributors received (after rate limits): the spans/s slider.',
      promql: `tempo_distributor_spans_received_total${sel()}`,
      metric: 'tempo_distributor_spans_received_total',
      versions: ['2.10', '3.0'],
    },
    {
      id: 'bytes',
      what: 'Bytes per second received; divided by spans/s it gives the span size.',
      promql: `tempo_distributor_bytes_received_total${sel()}`,
      metric: 'tempo_distributor_bytes_received_total',
      versions: ['2.10', '3.0'],
    },
    version === '3.0'
      ? {
          id: 'traces',
          what: 'Traces per second the live-stores created; with spans/s it gives spans per trace.',
          promql: `tempo_live_store_traces_created_total${sel()}`,
          metric: 'tempo_live_store_traces_created_total',
          versions: ['3.0'],
        }
      : {
          id: 'traces',
          what: 'Traces per second the ingesters created (each copy counts); with spans/s it gives spans per trace.',
          promql: `tempo_ingester_traces_created_total${sel()}`,
          metric: 'tempo_ingester_traces_created_total',
          versions: ['2.10'],
        },
    {
      id: 'discarded',
      what: 'Spans Tempo discarded, by reason (rate_limited, trace_too_large, live_traces_exceeded, ...).',
      promql: `tempo_discarded_spans_total${sel()}`,
      metric: 'tempo_discarded_spans_total',
      versions: ['2.10', '3.0'],
    },
    {
      id: 'cpu',
      what: 'CPU each pod uses (cores), from cAdvisor.',
      promql: `container_cpu_usage_seconds_total${container}`,
      metric: 'container_cpu_usage_seconds_total',
      versions: ['2.10', '3.0'],
    },
    {
      id: 'memory',
      what: 'Memory each pod holds (working set), from cAdvisor: what the OOM killer compares with the limit.',
      promql: `container_memory_working_set_bytes${container}`,
      metric: 'container_memory_working_set_bytes',
      versions: ['2.10', '3.0'],
    },
    {
      id: 'process-cpu',
      what: "Without cAdvisor: each Tempo process's own CPU seconds.",
      promql: `process_cpu_seconds_total${sel()}`,
      metric: 'process_cpu_seconds_total',
      versions: ['2.10', '3.0'],
    },
    {
      id: 'process-memory',
      what: "Without cAdvisor: each Tempo process's resident memory.",
      promql: `process_resident_memory_bytes${sel()}`,
      metric: 'process_resident_memory_bytes',
      versions: ['2.10', '3.0'],
    },
    version === '3.0'
      ? {
          id: 'live-traces',
          what: 'Live traces each live-store holds.',
          promql: `tempo_live_store_live_traces${sel()}`,
          metric: 'tempo_live_store_live_traces',
          versions: ['3.0'],
        }
      : {
          id: 'live-traces',
          what: 'Live traces each ingester holds (max_traces_per_user applies to this figure).',
          promql: `tempo_ingester_live_traces${sel()}`,
          metric: 'tempo_ingester_live_traces',
          versions: ['2.10'],
        },
    {
      id: 'queries',
      what: 'Queries per second the query-frontends received, by op (search, traces, metrics): the queries/s slider.',
      promql: `tempo_query_frontend_queries_total${sel()}`,
      metric: 'tempo_query_frontend_queries_total',
      versions: ['2.10', '3.0'],
    },
    {
      id: 'latency',
      what: "The query-frontends' request latency histogram for searches, trace lookups and metrics queries: p50 and p99.",
      promql: `tempo_request_duration_seconds_bucket${sel('route=~"api_.*search.*|api_.*traces_traceid|api_metrics_query.*"')}`,
      metric: 'tempo_request_duration_seconds_bucket',
      versions: ['2.10', '3.0'],
    },
  ];
  if (version === '3.0')
    queries.push({
      id: 'lag',
      what: 'How far each Kafka partition is behind, in seconds, per consumer group (live-stores, block-builders).',
      promql: `tempo_ingest_group_partition_lag_seconds${sel()}`,
      metric: 'tempo_ingest_group_partition_lag_seconds',
      versions: ['3.0'],
    });
  return queries;
}
