/**
 * What a real deployment of a scenario needs beyond the scenario itself: the addresses processes
 * find each other at, the environment variables that carry credentials, the volume sizes that
 * follow from load and retention, the live-store zones, and which chart can deploy which pair.
 * Pure data shared by the tempo.yaml, Helm, docker-compose and bundle exporters.
 */
import { COMPRESSION_RATIO, GiB, HELM_CHARTS } from '../model/catalog';
import { partitionsPerBlockBuilder } from '../model/limits';
import { liveStoreZones, type Scenario, type StorageBackend } from '../model/scenario';

/** Where the processes of one deployment reach each other. */
export interface Endpoints {
  /** memberlist.join_members entries. */
  memberlist: string[];
  /** querier.frontend_worker.frontend_address. */
  frontend: string;
  /** backend_worker.backend_scheduler_addr. */
  scheduler: string;
  /** ingest.kafka.address (3.0 microservices). */
  kafka: string;
  /** metrics_generator.storage.remote_write[0].url. */
  remoteWrite: string;
  /** storage.trace.s3.endpoint. */
  s3Endpoint: string;
  /** s3 over plain HTTP (MinIO in docker-compose). */
  s3Insecure?: boolean;
}

/** The image tag of each Tempo version (the newest patch the project checked). */
export const IMAGE_TAG: Record<Scenario['tempoVersion'], string> = { '2.10': '2.10.8', '3.0': '3.0.3' };

/** Kafka topic every export uses. */
export const KAFKA_TOPIC = 'tempo-traces';

/** Environment variables the exported configs read (`-config.expand-env=true`). */
export const ENV = {
  kafka: 'TEMPO_KAFKA_ADDRESS',
  remoteWrite: 'TEMPO_REMOTE_WRITE_URL',
  s3Endpoint: 'TEMPO_S3_ENDPOINT',
  s3Region: 'TEMPO_S3_REGION',
  s3AccessKey: 'TEMPO_S3_ACCESS_KEY',
  s3SecretKey: 'TEMPO_S3_SECRET_KEY',
  azureAccount: 'TEMPO_AZURE_ACCOUNT_NAME',
  azureKey: 'TEMPO_AZURE_ACCOUNT_KEY',
  gcsCredentials: 'GOOGLE_APPLICATION_CREDENTIALS',
} as const;

export const envRef = (name: string) => `\${${name}}`;

/** The Kubernetes Secret the Helm exports load their environment from. */
export const SECRET_NAME = 'tempo-env';

/** Where every export puts the GCS service-account key file, and the Secret that holds it in Kubernetes. */
export const GCS_KEY_PATH = '/etc/tempo/gcs-key.json';
export const GCS_KEY_SECRET = 'tempo-gcs-key';

/**
 * Names in a Kubernetes cluster, as the Helm exports create them (`fullnameOverride: tempo`):
 * tempo-distributed makes `tempo-gossip-ring`, `tempo-query-frontend-discovery` (with
 * publishNotReadyAddresses) and `tempo-backend-scheduler`; the `tempo` chart's Service `tempo` is
 * made headless for SSB so its name resolves to every Ready replica for memberlist.
 *
 * SSB queriers connect to the query-frontend in their own pod (127.0.0.1:9095). A pod that runs a
 * query-frontend is Ready only once a querier has connected to it (v2.10.8 cmd/tempo/app/app.go
 * readyHandler, modules/frontend/v1/frontend.go CheckReady), the `tempo` chart 2.2.4 can set
 * neither publishNotReadyAddresses nor podManagementPolicy, and its StatefulSet creates pod N+1 only
 * once pod N is Ready: an address that resolves through a Service lists no pod until one is Ready,
 * so none ever is. Loopback resolves at once; the cost is that a query is served by the queriers of
 * the pod whose frontend received it (the Service spreads queries over the pods).
 */
export const SSB_FRONTEND_ADDRESS = '127.0.0.1:9095';

export function kubernetesEndpoints(s: Scenario): Endpoints {
  const single = s.mode !== 'microservices';
  return {
    memberlist: [single ? 'dns+tempo:7946' : 'dns+tempo-gossip-ring:7946'],
    frontend: single ? SSB_FRONTEND_ADDRESS : 'tempo-query-frontend-discovery:9095',
    scheduler: 'tempo-backend-scheduler:9095',
    kafka: envRef(ENV.kafka),
    remoteWrite: envRef(ENV.remoteWrite),
    s3Endpoint: envRef(ENV.s3Endpoint),
  };
}

/** Environment variables a scenario's configs need, with what to put in them. */
export function requiredEnv(s: Scenario, target: 'kubernetes' | 'compose'): { name: string; what: string }[] {
  const out: { name: string; what: string }[] = [];
  const b: StorageBackend = s.settings.storageBackend;
  if (b === 's3') {
    if (target === 'kubernetes') {
      out.push({ name: ENV.s3Endpoint, what: 'S3 endpoint, e.g. s3.us-east-1.amazonaws.com' });
      out.push({ name: ENV.s3Region, what: 'S3 region, e.g. us-east-1' });
    }
    const minio =
      target === 'compose' ? ' (the bundled MinIO uses it too; defaults to tempo / supersecret)' : '';
    out.push({ name: ENV.s3AccessKey, what: `S3 access key id${minio}` });
    out.push({ name: ENV.s3SecretKey, what: `S3 secret access key${minio}` });
  }
  if (b === 'azure') {
    out.push({ name: ENV.azureAccount, what: 'Azure storage account name' });
    out.push({ name: ENV.azureKey, what: 'Azure storage account key' });
  }
  // GCS reads a key file, not a secret string: docker-compose mounts ./gcs-key.json and the Helm
  // values mount the Secret GCS_KEY_SECRET, both at GCS_KEY_PATH, which the variable names.
  if (b === 'gcs' && target === 'compose')
    out.push({ name: ENV.gcsCredentials, what: `set to ${GCS_KEY_PATH}, where ./gcs-key.json is mounted` });
  if (target === 'kubernetes' && s.tempoVersion === '3.0' && s.mode === 'microservices')
    out.push({ name: ENV.kafka, what: 'Kafka bootstrap address host:port (one broker is enough)' });
  if (target === 'kubernetes' && s.settings.metricsGenerator)
    out.push({
      name: ENV.remoteWrite,
      what: 'Prometheus remote-write URL, e.g. http://prometheus:9090/api/v1/write',
    });
  return out;
}

export { liveStoreZones, partitionsPerBlockBuilder };

/** Bytes per second the scenario receives. */
export function ingestBytesPerSecond(s: Scenario): number {
  return s.load.spansPerSecond * s.load.spanSizeBytes;
}

/**
 * Sizes of the persistent volumes. WAL: the data an ingester (or single binary) holds before its
 * blocks are flushed: 2.10's max_block_duration (30m) plus complete_block_timeout (15m), times RF,
 * spread over the replicas, doubled for replay and bursts. Local trace storage (single binary on
 * the `local` backend): the whole retention, at the received bytes over COMPRESSION_RATIO (4:1,
 * the capacity planner's default; an assumption of this app, measure yours). Never below 10 GiB.
 */
export const BLOCK_BYTES_PER_RECEIVED_BYTE = 1 / COMPRESSION_RATIO;
const WAL_WINDOW_SECONDS = (30 + 15) * 60;

function gi(bytes: number): number {
  return Math.max(10, Math.ceil(bytes / GiB));
}

/** The volume the scenario sets for a kind (what the simulation ran with), in whole GiB. */
function chosen(s: Scenario, kind: 'tempo' | 'ingester') {
  const bytes = s.components[kind]?.volumeBytes;
  if (bytes === undefined) return null;
  return { kind, perReplicaGi: Math.max(1, Math.ceil(bytes / GiB)), why: 'the scenario sets it' };
}

export function volumeSizes(s: Scenario): { kind: string; perReplicaGi: number; why: string }[] {
  const rate = ingestBytesPerSecond(s);
  const mb = (rate / 1e6).toFixed(1);
  const out: { kind: string; perReplicaGi: number; why: string }[] = [];
  if (s.mode !== 'microservices') {
    const n = s.components.tempo?.replicas ?? 1;
    const rf = s.mode === 'scalable-single-binary' ? s.settings.replicationFactor : 1;
    let bytes = ((rate * WAL_WINDOW_SECONDS * rf) / n) * 2;
    let why = `WAL: ${mb} MB/s x 45 min x RF ${rf} / ${n} replica(s) x 2`;
    if (s.settings.storageBackend === 'local') {
      bytes += rate * s.settings.retentionHours * 3600 * BLOCK_BYTES_PER_RECEIVED_BYTE;
      why += ` + local blocks: ${mb} MB/s x ${Math.round(s.settings.retentionHours)} h / ${COMPRESSION_RATIO} (compression)`;
    }
    out.push(chosen(s, 'tempo') ?? { kind: 'tempo', perReplicaGi: gi(bytes), why });
  } else if (s.tempoVersion === '2.10') {
    const n = s.components.ingester?.replicas ?? 3;
    const rf = s.settings.replicationFactor;
    out.push(
      chosen(s, 'ingester') ?? {
        kind: 'ingester',
        perReplicaGi: gi(((rate * WAL_WINDOW_SECONDS * rf) / n) * 2),
        why: `WAL: ${mb} MB/s x 45 min x RF ${rf} / ${n} ingesters x 2`,
      },
    );
  }
  return out;
}

export interface ChartSupport {
  /** A chart deploys the pair as the scenario says. */
  ok: boolean;
  chart: { name: string; version: string; appVersion: string; repo: string };
  /** Why not, and what works instead (when !ok). */
  reason?: string;
  instead?: string;
}

/** Which chart deploys the scenario, or why none can. */
export function chartSupport(s: Scenario): ChartSupport {
  const v3 = s.tempoVersion === '3.0';
  if (s.mode === 'microservices') {
    const zones = liveStoreZones(s);
    if (s.settings.storageBackend === 'local')
      return {
        ok: false,
        chart: { ...(v3 ? HELM_CHARTS.distributed3 : HELM_CHARTS.distributed1) },
        reason:
          'storage.trace.backend is local: every pod would keep its own blocks, so queriers never read what the ingesters or block-builders wrote, and compaction and retention never see them.',
        instead: 'Choose s3, gcs or azure: microservices need object storage every pod shares.',
      };
    if (v3 && zones > 1)
      return {
        ok: false,
        chart: { ...HELM_CHARTS.distributed3 },
        reason: `tempo-distributed 3.3.0 runs the live-stores as one StatefulSet without availability zones: its ${s.components['live-store']?.replicas} live-stores would take partitions up to ${(s.components['live-store']?.replicas ?? 1) - 1}, and only ${s.settings.kafkaPartitions} exist.`,
        instead: `Set live-stores to ${s.settings.kafkaPartitions} (one zone) for Helm, or use the docker-compose export, which runs ${zones} zones with -live-store.instance-availability-zone.`,
      };
    if (v3) return { ok: true, chart: { ...HELM_CHARTS.distributed3 } };
    if (s.settings.compaction === 'backend-scheduler')
      return {
        ok: false,
        chart: { ...HELM_CHARTS.distributed1 },
        reason:
          'tempo-distributed 1.61.3, the last chart for Tempo 2.x microservices, has no backend-scheduler or backend-worker components.',
        instead:
          'Choose the compactor for compaction (the chart deploys it), or run the docker-compose export, or the tempo.yaml with your own manifests.',
      };
    return { ok: true, chart: { ...HELM_CHARTS.distributed1 } };
  }
  if (s.mode === 'scalable-single-binary' && s.settings.storageBackend === 'local')
    return {
      ok: false,
      chart: { ...HELM_CHARTS.monolithic },
      reason: `storage.trace.backend is local: each of the ${s.components.tempo?.replicas ?? 1} replicas would write blocks to its own volume, so a query answered by another replica misses them and each replica compacts only its own.`,
      instead:
        'Choose s3, gcs or azure for scalable single binary, or run monolithic (one replica) if local disk is what you have.',
    };
  if (v3)
    return {
      ok: false,
      chart: { ...HELM_CHARTS.monolithic },
      reason:
        "The tempo chart 2.2.4 puts -mem-ballast-size-mbs on the command line of every pod (templates/statefulset.yaml, behind no value), and Tempo 3.0 no longer defines that flag: its flag parsing stops the process at start-up (cmd/tempo/main.go at v3.0.3). That flag alone is fatal; everything else could be set, since `config` replaces the chart's tempo.yaml with its compactor: and ingester: blocks. The upstream tempo chart 3.0.0 (grafana-community, appVersion 3.0.3) drops the flag and runs Tempo 3.0 monolithic; it is not among the charts this app checks, so no values are written for it here.",
      instead:
        'Use the upstream tempo chart 3.0.0 (not checked here), or run Tempo 3.0 monolithic with the docker-compose export or the tempo.yaml (target: all) on your own manifest, or deploy 3.0 microservices with tempo-distributed 3.3.0.',
    };
  return { ok: true, chart: { ...HELM_CHARTS.monolithic } };
}
