/**
 * The mental model of each deployment mode, written for this app: what runs, why you would pick
 * it, what it costs you. Shown in the mode panel; kept here so the UI holds no Tempo knowledge.
 */
import type { DeploymentMode, TempoVersion } from './catalog';

export interface ModeGuide {
  title: string;
  flag: string;
  mentalModel: string;
  pros: string[];
  cons: string[];
  fits: string;
}

const guides: Record<TempoVersion, Partial<Record<DeploymentMode, ModeGuide>>> = {
  '2.10': {
    monolithic: {
      title: 'Monolithic',
      flag: '-target=all',
      mentalModel:
        'One process runs every module: distributor, ingester, query-frontend, querier, compactor (and the metrics-generator if enabled). Spans enter, sit in the ingester and its WAL, and leave as blocks in storage, all inside one memory limit.',
      pros: [
        'One pod to deploy, watch and upgrade',
        'No ring or memberlist to get right',
        'Cheapest way to start',
      ],
      cons: [
        'Ingest, queries and compaction fight for the same CPU and memory',
        'An OOM kill stops ingestion: clients see refusals and drop what their retry queue cannot hold',
        'Scales only up, not out',
      ],
      fits: 'Local development, demos and small clusters: up to about 25-35 MB/s of spans.',
    },
    'scalable-single-binary': {
      title: 'Scalable single binary',
      flag: '-target=scalable-single-binary',
      mentalModel:
        'The monolith, several times: each replica runs all modules, memberlist joins them, and the ingesters of every replica share one ring, so a trace hashes onto replication_factor replicas. Any replica accepts spans and queries.',
      pros: [
        'Scales out with one kind of pod',
        'With RF=3 a replica can die without losing writes',
        'Simpler than microservices',
      ],
      cons: [
        'Modules still share each replica: a heavy query slows ingest on that pod',
        'Cannot scale reads apart from writes',
        'Gone in Tempo 3.0: plan the move',
      ],
      fits: 'Medium clusters on 2.x that outgrew one pod but do not want to run seven kinds of deployments.',
    },
    microservices: {
      title: 'Microservices',
      flag: '-target=<component>',
      mentalModel:
        'Each module is its own deployment. Distributors hash trace IDs onto the ingester ring and push to replication_factor ingesters; ingesters flush blocks to object storage; the query-frontend shards queries across queriers; the compactor (or backend scheduler and workers) keeps the blocklist small.',
      pros: [
        'Scale each path on its own: ingesters for writes, queriers for reads',
        'RF=3 survives the loss of an ingester without losing spans',
        'Failures stay inside one component',
      ],
      cons: [
        'Many moving parts: ring, memberlist, quorum',
        'More pods and more YAML',
        'Needs real object storage',
      ],
      fits: 'Production at volume, teams that already run Kubernetes well, high availability requirements.',
    },
  },
  '3.0': {
    monolithic: {
      title: 'Monolithic',
      flag: '-target=all',
      mentalModel:
        'One process: the distributor hands spans in-process to the live-store (no Kafka), which cuts blocks and writes them to storage; the backend scheduler and a worker compact inside the same process.',
      pros: ['One pod', 'No Kafka to operate', 'The same query engine as the distributed mode'],
      cons: [
        'Everything shares one memory limit: a query spike can hurt writes and the other way round',
        'Exactly one replica: the backend-scheduler is a singleton, so no scale-out',
        'A crash refuses writes until it restarts',
      ],
      fits: 'Development and small installations: under about 25-35 MB/s (55k-80k spans/s).',
    },
    microservices: {
      title: 'Microservices',
      flag: '-target=<component>',
      mentalModel:
        'Distributors produce spans to a Kafka topic. Block-builders consume one partition each and write blocks to object storage; live-stores consume the same partitions and serve recent data; queriers read live-stores for the last minutes and storage for the rest. Kafka is the write-ahead log: a crashed consumer catches up from its offset.',
      pros: [
        'No ingester replication: Kafka holds acknowledged spans durably',
        'Consumers can crash and catch up without loss',
        'Write and read paths scale apart',
      ],
      cons: [
        'You operate Kafka (or a compatible service)',
        'block-builders must match the partition count',
        'Recent-data queries fail while a live-store lags',
      ],
      fits: 'Production at any volume on Tempo 3.0; the only way to scale out in 3.0.',
    },
  },
};

export function modeGuide(version: TempoVersion, mode: DeploymentMode): ModeGuide | null {
  return guides[version][mode] ?? null;
}

/** Pairs that exist in Tempo. */
export function supportedModes(version: TempoVersion): DeploymentMode[] {
  return version === '2.10'
    ? ['monolithic', 'scalable-single-binary', 'microservices']
    : ['monolithic', 'microservices'];
}

/** Every version x mode pair Tempo has, in display order. */
export const SUPPORTED_PAIRS: readonly (readonly [TempoVersion, DeploymentMode])[] = [
  ['2.10', 'monolithic'],
  ['2.10', 'scalable-single-binary'],
  ['2.10', 'microservices'],
  ['3.0', 'monolithic'],
  ['3.0', 'microservices'],
];
