/**
 * docker-compose for a scenario, in the manner of Tempo's own example setups: one service per
 * Tempo process with its -target, hostnames ending in -N (live-stores and block-builders take
 * their partition from that number), MinIO for s3, Redpanda with the topic for 3.0 microservices,
 * Grafana with a Tempo data source, a trace generator, and Prometheus for the metrics-generator.
 */
import { Document } from 'yaml';
import type { ProcessKind } from '../model/catalog';
import { kafkaRetentionHours } from '../model/recovery';
import { processKinds, type Scenario, ZONE_NAMES } from '../model/scenario';
import { ENV, type Endpoints, GCS_KEY_PATH, IMAGE_TAG, KAFKA_TOPIC, liveStoreZones } from './deploy';
import { commentText, type Tree, tempoConfig } from './tempoConfig';
import { emitYaml } from './yaml';

export interface ComposeFile {
  name: string;
  text: string;
}

export interface ComposeService {
  name: string;
  kind: ProcessKind;
  target: string;
  zone?: string;
}

export interface ComposeExport {
  compose: Tree;
  /** docker-compose.yaml and the files it mounts. */
  files: ComposeFile[];
  /** The Tempo services, in order. */
  tempoServices: ComposeService[];
  notes: string[];
}

const ZONES = ZONE_NAMES;
const MINIO_USER = 'tempo';
const MINIO_PASSWORD = 'supersecret';

/** Compose interpolates `$` in every value: a literal `$` is written `$$`. */
export const composeLiteral = (text: string) => text.replaceAll('$', () => '$$');

/** The Tempo services: `<kind>-<n>` (`live-store-zone-a-<n>` with zones), hostname the same. */
export function composeServices(s: Scenario): ComposeService[] {
  const out: ComposeService[] = [];
  const zones = liveStoreZones(s);
  for (const kind of processKinds(s.tempoVersion, s.mode, s.settings)) {
    const replicas = s.components[kind]?.replicas ?? 1;
    const target =
      kind === 'tempo' ? (s.mode === 'scalable-single-binary' ? 'scalable-single-binary' : 'all') : kind;
    if (kind === 'live-store' && zones > 1) {
      const per = replicas / zones;
      for (let z = 0; z < zones; z++)
        for (let i = 0; i < per; i++)
          out.push({ name: `live-store-${ZONES[z] ?? `zone-${z}`}-${i}`, kind, target, zone: ZONES[z] });
    } else for (let i = 0; i < replicas; i++) out.push({ name: `${kind}-${i}`, kind, target });
  }
  return out;
}

/** Every process finds the others through these (each runs memberlist on 7946). */
function endpoints(s: Scenario, services: ComposeService[]): Endpoints {
  const single = s.mode !== 'microservices';
  return {
    memberlist: services.map((x) => `${x.name}:7946`),
    frontend: single ? 'tempo:9095' : 'query-frontend:9095',
    scheduler: 'backend-scheduler-0:9095',
    kafka: 'redpanda:9092',
    remoteWrite: 'http://prometheus:9090/api/v1/write',
    s3Endpoint: 'minio:9000',
    s3Insecure: true,
  };
}

/** Environment each Tempo service gets: credentials named as tempo.yaml reads them. */
function tempoEnv(s: Scenario): Tree | undefined {
  const b = s.settings.storageBackend;
  if (b === 's3')
    return {
      [ENV.s3AccessKey]: `\${${ENV.s3AccessKey}:-${MINIO_USER}}`,
      [ENV.s3SecretKey]: `\${${ENV.s3SecretKey}:-${MINIO_PASSWORD}}`,
    };
  if (b === 'azure')
    return {
      [ENV.azureAccount]: `\${${ENV.azureAccount}:?set it in .env}`,
      [ENV.azureKey]: `\${${ENV.azureKey}:?set it in .env}`,
    };
  if (b === 'gcs') return { [ENV.gcsCredentials]: GCS_KEY_PATH };
  return undefined;
}

function alias(x: ComposeService): string | undefined {
  if (x.kind === 'tempo') return 'tempo';
  if (x.kind === 'distributor' || x.kind === 'query-frontend') return x.kind;
  return undefined;
}

function grafanaDatasources(s: Scenario): string {
  const url = s.mode === 'microservices' ? 'http://query-frontend:3200' : 'http://tempo:3200';
  const sources: Tree[] = [
    { name: 'Tempo', type: 'tempo', uid: 'tempo', access: 'proxy', url, isDefault: true },
  ];
  if (s.settings.metricsGenerator)
    sources.push({
      name: 'Prometheus',
      type: 'prometheus',
      uid: 'prometheus',
      access: 'proxy',
      url: 'http://prometheus:9090',
    });
  return emit({ apiVersion: 1, datasources: sources }, ' Grafana data sources for the playground export');
}

export function composeExport(s: Scenario): ComposeExport {
  const tag = IMAGE_TAG[s.tempoVersion];
  const services = composeServices(s);
  const e = endpoints(s, services);
  const tempo = tempoConfig(s, e);
  const backend = s.settings.storageBackend;
  const kafka = s.tempoVersion === '3.0' && s.mode === 'microservices';
  const env = tempoEnv(s);
  const notes: string[] = [];
  const out: Tree = {};
  const volumes: Tree = {};

  // Init services run to completion first: Compose's short form would only wait for them to start.
  const deps = (): Tree => {
    const d: Tree = { 'tempo-init': { condition: 'service_completed_successfully' } };
    if (backend === 's3') d.minio = { condition: 'service_started' };
    if (kafka) d['redpanda-init'] = { condition: 'service_completed_successfully' };
    return d;
  };
  // All of /var/tempo (WAL, generator WAL, block-builder and live-store data) on a volume per
  // process, so a restart replays what was acknowledged; tempo-init hands them to Tempo's user
  // (10001, cmd/tempo/Dockerfile), as Tempo's own examples do.
  const owned: string[] = [];

  for (const [i, x] of services.entries()) {
    const command = [`-target=${x.target}`, '-config.file=/etc/tempo.yaml', '-config.expand-env=true'];
    if (x.zone) command.push(`-live-store.instance-availability-zone=${x.zone}`);
    const data = `${x.name}-data`;
    volumes[data] = {};
    owned.push(data);
    const mounts = ['./tempo.yaml:/etc/tempo.yaml:ro', `${data}:/var/tempo`];
    if (backend === 'local') mounts.push('tempo-traces:/var/tempo/traces');
    if (backend === 'gcs') mounts.push(`./gcs-key.json:${GCS_KEY_PATH}:ro`);
    const svc: Tree = {
      image: `grafana/tempo:${tag}`,
      hostname: x.name,
      command,
      restart: 'always',
      volumes: mounts,
    };
    if (env) svc.environment = { ...env };
    svc.depends_on = deps();
    const a = alias(x);
    if (a) svc.networks = { default: { aliases: [a] } };
    const firstOfKind = services.findIndex((y) => y.kind === x.kind) === i;
    if (firstOfKind && (x.kind === 'tempo' || x.kind === 'query-frontend')) svc.ports = ['3200:3200'];
    if (firstOfKind && (x.kind === 'tempo' || x.kind === 'distributor'))
      svc.ports = [...((svc.ports as string[] | undefined) ?? []), '4317:4317', '4318:4318'];
    out[x.name] = svc;
  }

  if (backend === 'local') {
    volumes['tempo-traces'] = {};
    owned.push('tempo-traces');
  }
  out['tempo-init'] = {
    image: 'busybox:1.37',
    user: 'root',
    command: ['chown', '-R', '10001:10001', '/data'],
    volumes: owned.map((v) => `${v}:/data/${v}`),
  };
  if (backend === 'local') {
    if (s.mode === 'microservices')
      notes.push('local storage: every process shares the volume tempo-traces; fine on one host only.');
  }
  if (backend === 's3') {
    out.minio = {
      image: 'minio/minio:latest',
      environment: {
        MINIO_ROOT_USER: `\${${ENV.s3AccessKey}:-${MINIO_USER}}`,
        MINIO_ROOT_PASSWORD: `\${${ENV.s3SecretKey}:-${MINIO_PASSWORD}}`,
        BUCKET: composeLiteral(s.settings.bucket),
      },
      entrypoint: [
        'sh',
        '-euc',
        'mkdir -p "/data/$$BUCKET" && exec minio server /data --console-address :9001',
      ],
      ports: ['9001:9001'],
    };
  }
  if (backend === 'gcs') notes.push('gcs: put a service-account key in ./gcs-key.json beside this file.');
  if (backend === 'azure')
    notes.push(`azure: set ${ENV.azureAccount} and ${ENV.azureKey} in .env beside this file.`);
  if (kafka) {
    out.redpanda = {
      image: 'redpandadata/redpanda:latest',
      command: [
        'redpanda',
        'start',
        '--overprovisioned',
        '--mode=dev-container',
        '--kafka-addr=PLAINTEXT://0.0.0.0:9092',
        '--advertise-kafka-addr=PLAINTEXT://redpanda:9092',
      ],
      ports: ['9092:9092'],
    };
    // The topic gets the scenario's partitions: created, or grown when an earlier run made fewer.
    // More cannot be undone (Kafka never removes partitions), and partitions beyond the
    // block-builders would never be read, so that stops the setup with a message.
    const p = s.settings.kafkaPartitions;
    const b = '--brokers redpanda:9092';
    const retentionMs = Math.round(kafkaRetentionHours(s.settings) * 3600_000);
    out['redpanda-init'] = {
      image: 'redpandadata/redpanda:latest',
      depends_on: { redpanda: { condition: 'service_started' } },
      entrypoint: ['/bin/bash', '-c'],
      command: [
        composeLiteral(
          [
            `until rpk cluster info ${b}; do sleep 2; done`,
            `rpk topic create ${KAFKA_TOPIC} --partitions ${p} --topic-config retention.ms=${retentionMs} ${b} || true`,
            `rpk topic alter-config ${KAFKA_TOPIC} --set retention.ms=${retentionMs} ${b}`,
            `have=$(rpk topic describe ${KAFKA_TOPIC} --print-partitions ${b} | grep -c '^[0-9]')`,
            `if [ "$have" -lt ${p} ]; then rpk topic add-partitions ${KAFKA_TOPIC} --num $((${p} - have)) ${b}; fi`,
            `if [ "$have" -gt ${p} ]; then echo "topic ${KAFKA_TOPIC} has $have partitions, the scenario ${p}: delete it or raise the partitions" >&2; exit 1; fi`,
          ].join('; '),
        ),
      ],
    };
  }
  if (s.settings.metricsGenerator) {
    out.prometheus = {
      image: 'prom/prometheus:latest',
      command: [
        '--config.file=/etc/prometheus/prometheus.yml',
        '--web.enable-remote-write-receiver',
        '--enable-feature=exemplar-storage',
      ],
      ports: ['9090:9090'],
    };
  }
  out.grafana = {
    image: 'grafana/grafana:latest',
    volumes: ['./grafana-datasources.yaml:/etc/grafana/provisioning/datasources/datasources.yaml:ro'],
    environment: {
      GF_AUTH_ANONYMOUS_ENABLED: 'true',
      GF_AUTH_ANONYMOUS_ORG_ROLE: 'Admin',
      GF_AUTH_DISABLE_LOGIN_FORM: 'true',
    },
    ports: ['3000:3000'],
  };
  const ingest = s.mode === 'microservices' ? 'distributor' : 'tempo';
  if (s.settings.receivers.otlpGrpc)
    out['trace-generator'] = {
      image: 'ghcr.io/grafana/xk6-client-tracing:v0.0.9',
      environment: { ENDPOINT: `${ingest}:4317` },
      restart: 'always',
      depends_on: [services.find((x) => x.kind === 'distributor' || x.kind === 'tempo')?.name ?? ingest],
    };
  else
    notes.push('the trace generator speaks OTLP gRPC, which this scenario turns off: send your own traces.');

  const compose: Tree = { services: out };
  if (Object.keys(volumes).length) compose.volumes = volumes;
  const header = [
    ` Tempo ${s.tempoVersion} ${s.mode} in docker compose — generated by Tempo Playground`,
    ` Scenario: ${commentText(s.name)}`,
    ' Run: docker compose up -d, then open Grafana at http://localhost:3000 (Explore, Tempo).',
    ...notes.map((n) => ` Note: ${n}`),
  ];
  return {
    compose,
    files: [
      { name: 'docker-compose.yaml', text: emit(compose, header.join('\n')) },
      { name: 'tempo.yaml', text: tempo.yaml },
      { name: 'grafana-datasources.yaml', text: grafanaDatasources(s) },
    ],
    tempoServices: services,
    notes,
  };
}

/** The one place compose YAML is emitted. */
function emit(value: Tree, comment: string): string {
  const doc = new Document(value);
  doc.commentBefore = comment;
  return emitYaml(doc);
}
