/**
 * Which of the scenario's processes a series belongs to, by its pod name (`tempo-ingester-2` is
 * ingester-2; `tempo-distributor-5f7c9d-x2k8q` is one of the distributors), or where there is no
 * pod label, by the container name (docker-compose) or the scrape target.
 */
import { PROCESS_KINDS, type ProcessKind } from '../model/catalog';
import type { Series } from './parse';

/** The name a series is known by: its pod, container name, instance host or job. */
export function seriesIdentity(labels: Record<string, string>): string | null {
  const raw =
    labels.pod ??
    labels.pod_name ??
    labels.name ??
    labels.container_name ??
    (labels.instance ? labels.instance.replace(/:\d+$/, '') : undefined) ??
    (labels.job ? labels.job.split('/').pop() : undefined);
  return raw ? raw.slice(0, 253) : null;
}

// Longest first, so `query-frontend` is found before anything shorter inside it.
const KINDS_BY_LENGTH = [...PROCESS_KINDS].filter((k) => k !== 'tempo').sort((a, b) => b.length - a.length);

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const KIND_RE = new Map(
  KINDS_BY_LENGTH.map((k) => [k, new RegExp(`(^|[-_.])${escapeRe(k)}(?=$|[-_.])`, 'i')] as const),
);
/** A StatefulSet's ordinal right after the kind (or its zone): `ingester-2`, `live-store-zone-b-1`. */
const ORDINAL_RE = (kind: string) =>
  new RegExp(`(^|[-_.])${escapeRe(kind)}(?:-zone-[a-z0-9]+)?[-_](\\d{1,4})$`, 'i');

/** The process kind a name stands for, among the kinds the scenario runs. */
export function kindOf(identity: string, kinds: readonly ProcessKind[]): ProcessKind | null {
  for (const k of KINDS_BY_LENGTH) if (kinds.includes(k) && KIND_RE.get(k)!.test(identity)) return k;
  // A single binary: `tempo-0`, `tempo`, or a release named otherwise with only Tempo in it.
  if (kinds.includes('tempo')) {
    const other = KINDS_BY_LENGTH.some((k) => KIND_RE.get(k)!.test(identity));
    if (!other && /(^|[-_.])tempo([-_.]|$)/i.test(identity)) return 'tempo';
  }
  return null;
}

export interface Matching {
  /** Process name for each identity that matched. */
  byIdentity: Map<string, string>;
  /** Identities that matched no process, with the reason. */
  unmatched: { identity: string; reason: string }[];
}

/**
 * Match identities to processes. Ordinals in the name pick the replica; names without one
 * (Deployments) take the remaining replicas in name order. Pods beyond the scenario's replicas,
 * and pods of things the scenario does not run (memcached, gateway), match nothing.
 */
export function matchIdentities(
  identities: readonly string[],
  processes: readonly { name: string; kind: ProcessKind }[],
  /** 3.0: live-stores per zone (the partitions); live-store-zone-b-1 is then live-store-(1 x stride + 1). */
  zoneStride = 0,
): Matching {
  const kinds = [...new Set(processes.map((p) => p.kind))];
  const byIdentity = new Map<string, string>();
  const unmatched: { identity: string; reason: string }[] = [];
  const pending = new Map<ProcessKind, string[]>();
  const taken = new Set<string>();
  const names = new Set(processes.map((p) => p.name));
  for (const id of [...new Set(identities)].sort()) {
    const kind = kindOf(id, kinds);
    if (!kind) {
      unmatched.push({ identity: id, reason: 'not a process this scenario runs' });
      continue;
    }
    const ord = ORDINAL_RE(kind).exec(id);
    const zone = /-zone-([a-c])[-_]\d+$/i.exec(id)?.[1]?.toLowerCase();
    const zoned = /-zone-[a-z0-9]+[-_]\d+$/i.test(id);
    const index = !ord
      ? null
      : !zoned
        ? Number(ord[2])
        : zone && zoneStride > 0
          ? 'abc'.indexOf(zone) * zoneStride + Number(ord[2])
          : null;
    const exact = index === null ? null : `${kind}-${index}`;
    if (exact && names.has(exact) && !taken.has(exact)) {
      byIdentity.set(id, exact);
      taken.add(exact);
    } else pending.set(kind, [...(pending.get(kind) ?? []), id]);
  }
  for (const [kind, ids] of pending) {
    const free = processes.filter((p) => p.kind === kind && !taken.has(p.name)).map((p) => p.name);
    ids.forEach((id, k) => {
      const name = free[k];
      if (name) {
        byIdentity.set(id, name);
        taken.add(name);
      } else
        unmatched.push({
          identity: id,
          reason: `the scenario runs ${processes.filter((p) => p.kind === kind).length} ${kind} replicas`,
        });
    });
  }
  unmatched.sort((a, b) => a.identity.localeCompare(b.identity));
  return { byIdentity, unmatched };
}

/** Series grouped by the process they belong to. */
export function seriesByProcess(series: readonly Series[], m: Matching): Map<string, Series[]> {
  const out = new Map<string, Series[]>();
  for (const s of series) {
    const id = seriesIdentity(s.labels);
    const p = id ? m.byIdentity.get(id) : undefined;
    if (p) out.set(p, [...(out.get(p) ?? []), s]);
  }
  return out;
}
