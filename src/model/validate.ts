/**
 * What is wrong with a scenario, in Tempo's own terms. Errors are configurations Tempo refuses
 * or that cannot work; warnings are ones that run but defeat their purpose.
 */
import type { DeploymentMode, TempoVersion } from './catalog';
import { partitionAssignment, partitionsPerBlockBuilder, tenantLimits } from './limits';
import { defaultComponentConfig, processKinds, type Scenario } from './scenario';

export interface ValidationIssue {
  severity: 'error' | 'warning';
  /** Stable id, for tests and for the UI to key on. */
  code: string;
  message: string;
  /** A one-click way out, when there is an obvious one. */
  fix?: { label: string; tempoVersion?: TempoVersion; mode?: DeploymentMode };
}

export function validateScenario(s: Scenario): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const replicas = (kind: Parameters<typeof defaultComponentConfig>[1]) =>
    (s.components[kind] ?? defaultComponentConfig(s.tempoVersion, kind)).replicas;
  const rf = s.settings.replicationFactor;
  const v = s.tempoVersion;

  if (v === '3.0' && s.mode === 'scalable-single-binary') {
    issues.push({
      severity: 'error',
      code: 'ssb-removed',
      message:
        'Tempo 3.0 has no scalable-single-binary target: it was removed. `tempo-cli migrate config` rewrites such a config to `target: all`, which runs as exactly one process.',
      fix: { label: 'Use monolithic (target: all)', tempoVersion: '3.0', mode: 'monolithic' },
    });
    return issues;
  }

  if (s.mode === 'monolithic') {
    const n = replicas('tempo');
    if (n > 1 && v === '3.0') {
      issues.push({
        severity: 'error',
        code: 'monolith-replicas-3',
        message: `Tempo 3.0 supports one \`target: all\` process, not ${n}: the backend-scheduler inside it must be a singleton.`,
      });
    } else if (n > 1) {
      issues.push({
        severity: 'warning',
        code: 'monolith-replicas-2',
        message: `${n} \`target: all\` processes without memberlist each keep their own ring: traces are not shared or replicated. Joining them is what scalable-single-binary does.`,
        fix: {
          label: 'Switch to scalable single binary',
          tempoVersion: '2.10',
          mode: 'scalable-single-binary',
        },
      });
    }
  }

  const ringMembers =
    s.mode === 'scalable-single-binary'
      ? { kind: 'scalable-single-binary replicas', n: replicas('tempo') }
      : s.mode === 'microservices' && v === '2.10'
        ? { kind: 'ingesters', n: replicas('ingester') }
        : null;
  if (ringMembers && s.mode !== 'monolithic') {
    const quorum = Math.floor(rf / 2) + 1;
    if (rf > ringMembers.n) {
      issues.push({
        severity: 'error',
        code: 'rf-exceeds-ingesters',
        message: `ingester.lifecycler.ring.replication_factor is ${rf} but there are only ${ringMembers.n} ${ringMembers.kind}: each trace gets ${ringMembers.n} cop${ringMembers.n === 1 ? 'y' : 'ies'} and a write needs ${quorum} acknowledgements, so ${ringMembers.n <= quorum ? 'losing any one of them stops writes' : 'the cluster has less headroom than RF promises'}. Run at least ${rf}.`,
      });
    }
    if (rf % 2 === 0) {
      issues.push({
        severity: 'warning',
        code: 'rf-even',
        message: `replication_factor ${rf} needs a quorum of ${quorum}, the same failures tolerated as RF=${rf - 1} for more storage and CPU; use an odd factor (3).`,
      });
    }
  }

  if (s.mode === 'microservices') {
    if (v === '3.0' || s.settings.compaction === 'backend-scheduler') {
      const n = replicas('backend-scheduler');
      if (n !== 1) {
        issues.push({
          severity: 'error',
          code: 'backend-scheduler-singleton',
          message: `backend-scheduler must run exactly one replica, not ${n}: two schedulers would hand out the same compaction jobs.`,
        });
      }
    }
    if (v === '3.0') {
      const p = s.settings.kafkaPartitions;
      const bb = replicas('block-builder');
      const ls = replicas('live-store');
      // As Tempo assigns them (limits.ts partitionAssignment): the same function drives the engine.
      const a = partitionAssignment(s);
      const per = partitionsPerBlockBuilder(s);
      const list = (xs: number[]) =>
        xs.length > 4 ? `${xs.slice(0, 3).join(', ')} … ${xs.at(-1)}` : xs.join(', ');
      if (a.unowned.length > 0) {
        issues.push({
          severity: 'error',
          code: 'block-builders-partitions',
          message: `${bb} block-builder${bb === 1 ? '' : 's'} x partitions_per_instance ${per} consume partitions 0-${bb * per - 1}; partition${a.unowned.length === 1 ? '' : 's'} ${list(a.unowned)} ${a.unowned.length === 1 ? 'is' : 'are'} in the ring and written to, but never written to object storage. Set blockBuilder.replicas to ${p}.`,
        });
      } else if (bb * per > a.active.length) {
        const idle = a.builders.filter((x) => x.length === 0).length;
        if (idle > 0)
          issues.push({
            severity: 'warning',
            code: 'block-builders-idle',
            message: `${idle} block-builder(s) have no active partition and sit idle.`,
          });
      }
      if (a.active.length < p) {
        issues.push({
          severity: 'warning',
          code: 'live-stores-partitions',
          message: `${ls} live-stores per zone for ${p} partitions: distributors write only to the ${a.active.length} in the partition ring.`,
        });
      } else if (ls > p && ls % p !== 0) {
        issues.push({
          severity: 'warning',
          code: 'live-stores-uneven',
          message: `${ls} live-stores do not divide evenly over ${p} partitions; run ${p} (one zone) or ${2 * p} (two zones).`,
        });
      }
    }
    if (s.settings.storageBackend === 'local') {
      issues.push({
        severity: 'warning',
        code: 'local-storage-distributed',
        message:
          'storage.trace.backend is local: each pod writes blocks to its own disk, so queriers and compaction on other pods never see them. Use s3, gcs or azure.',
      });
    }
  }
  if (
    s.mode === 'microservices' &&
    processKinds(v, s.mode, s.settings).includes('backend-worker') &&
    replicas('backend-worker') === 0 &&
    !s.settings.compactionDisabled
  ) {
    issues.push({
      severity: 'warning',
      code: 'no-backend-workers',
      message:
        'backendWorker.replicas is 0: the backend-scheduler plans compaction and retention jobs, but only backend-workers run them. Nothing compacts, level-0 blocks pile up (searches scan more of them), and nothing older than block_retention is deleted.',
    });
  }
  const limits = tenantLimits(s);
  if (v === '2.10' && limits.queryBackendAfterSeconds > limits.queryIngestersUntilSeconds) {
    issues.push({
      severity: 'error',
      code: 'query-backend-after-ingesters-until',
      message: `query_frontend.search.query_backend_after (${limits.queryBackendAfterSeconds / 60} min) is past query_ingesters_until (${limits.queryIngestersUntilSeconds / 60} min): Tempo refuses to start ("query backend after should be less than or equal to query ingester until"), and searches would miss the data in between.`,
    });
  }
  if (s.mode === 'scalable-single-binary' && s.settings.storageBackend === 'local') {
    issues.push({
      severity: 'warning',
      code: 'local-storage-distributed',
      message:
        'storage.trace.backend is local: each replica writes blocks to its own disk, so a query answered by another replica misses them. Use shared object storage.',
    });
  }
  return issues;
}
