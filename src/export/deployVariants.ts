/** The scenarios `npm run check:deploy` proves: every version x mode, and variants of each. */
import { SUPPORTED_PAIRS } from '../model/modes';
import { createScenario, normalizeScenario, type Scenario } from '../model/scenario';

export interface Variant {
  id: string;
  scenario: Scenario;
}

function variant(base: Scenario, id: string, edit: (s: Scenario) => void): Variant {
  const s = structuredClone(base);
  edit(s);
  // Components follow the settings (a metrics-generator appears, block-builders follow partitions).
  const n = normalizeScenario(s);
  return { id: `${base.tempoVersion}-${base.mode}/${id}`, scenario: n };
}

const HOSTILE_NAME = 'Team "edge"\n# not: a comment {{ .Values }}';
const HOSTILE_BUCKET = 'traces-"q"-{{x}}';

export function deployVariants(): Variant[] {
  const out: Variant[] = [];
  for (const [v, m] of SUPPORTED_PAIRS) {
    const base = createScenario(v, m);
    out.push(variant(base, 'default', () => {}));
    out.push(
      variant(base, 'metrics-generator, s3, 48h, jaeger on, otlp http off', (s) => {
        s.settings.metricsGenerator = true;
        s.settings.storageBackend = 's3';
        s.settings.retentionHours = 48;
        s.settings.receivers = { otlpGrpc: true, otlpHttp: false, jaeger: true, zipkin: true };
        s.settings.rateLimitBytes = 50e6;
        s.settings.limits = {
          maxTracesPerUser: 50_000,
          maxBytesPerTrace: 10_000_000,
          queryBackendAfterSeconds: 600,
          queryIngestersUntilSeconds: 1800 + 600,
        };
      }),
    );
    out.push(
      variant(base, 'gcs, quotes and newlines in names', (s) => {
        s.name = HOSTILE_NAME;
        s.settings.storageBackend = 'gcs';
        s.settings.bucket = HOSTILE_BUCKET;
      }),
    );
    out.push(
      variant(base, 'azure, 720h', (s) => {
        s.settings.storageBackend = 'azure';
        s.settings.retentionHours = 720;
      }),
    );
    if (m !== 'monolithic')
      out.push(
        variant(base, 'local storage', (s) => {
          s.settings.storageBackend = 'local';
        }),
      );
    if (v === '2.10' && m === 'microservices') {
      out.push(
        variant(base, 'backend-scheduler compaction', (s) => {
          s.settings.compaction = 'backend-scheduler';
        }),
      );
      out.push(
        variant(base, '2 compactors, RF 2', (s) => {
          s.settings.replicationFactor = 2;
          const c = s.components.compactor;
          if (c) s.components.compactor = { ...c, replicas: 2 };
        }),
      );
    }
    if (v === '3.0' && m === 'microservices') {
      out.push(
        variant(base, '6 partitions, 2 backend-workers', (s) => {
          s.settings.kafkaPartitions = 6;
          for (const k of ['block-builder', 'live-store'] as const) {
            const c = s.components[k];
            if (c) s.components[k] = { ...c, replicas: 6 };
          }
          const w = s.components['backend-worker'];
          if (w) s.components['backend-worker'] = { ...w, replicas: 2 };
        }),
      );
      out.push(
        variant(base, '2 zones of live-stores', (s) => {
          const c = s.components['live-store'];
          if (c) s.components['live-store'] = { ...c, replicas: 2 * s.settings.kafkaPartitions };
        }),
      );
    }
  }
  return out;
}
