/**
 * The search: start from the published rule (rules.ts), simulate (checks.ts), grow what runs hot,
 * loses spans or is OOM-killed, then try to shrink what runs far under; stop at the smallest cluster
 * that passes. Pure and deterministic: no DOM, no clock.
 */
import { type DeploymentMode, GiB, type ProcessKind } from '../model/catalog';
import { type ComponentConfig, LIMITS } from '../model/scenario';
import { baseScenario, type Candidate, check, type Verdict } from './checks';
import {
  fixedCount,
  MAX_POD_CPU,
  MAX_POD_MEMORY_BYTES,
  minReplicas,
  publishedRules,
  unclampedNeed,
} from './rules';
import { totalsOf } from './totals';
import {
  CHECK,
  type ComponentPlan,
  MB,
  type ModePlan,
  PlanCancelled,
  type PlanHooks,
  type PlanInput,
  throughputMBps,
} from './types';

const halfGiB = GiB / 2;
const roundMem = (b: number) =>
  Math.min(MAX_POD_MEMORY_BYTES, Math.max(LIMITS.memoryBytes.min, Math.ceil(b / halfGiB) * halfGiB));
const roundCpu = (c: number) => Math.min(MAX_POD_CPU, Math.max(0.5, Math.ceil(c * 2 - 1e-9) / 2));
const pct = (x: number) => `${Math.round(x * 100)}%`;
const gib = (b: number) => `${(b / GiB).toFixed(1).replace(/\.0$/, '')} GiB`;

function cloneCandidate(c: Candidate): Candidate {
  const components: Candidate['components'] = {};
  for (const [k, v] of Object.entries(c.components) as [ProcessKind, ComponentConfig][])
    components[k] = { ...v };
  return { partitions: c.partitions, components };
}

/** Grow what failed; returns false when a limit stops it (beyond one cluster), with why. */
function grow(
  input: PlanInput,
  mode: DeploymentMode,
  c: Candidate,
  v: Verdict,
  moves: Map<ProcessKind, string[]>,
  zones: number,
): { ok: true } | { ok: false; why: string } {
  const h = input.headroom;
  let grew = false;
  const note = (k: ProcessKind, text: string) => moves.get(k)?.push(text);
  for (const [kind, st] of v.stats) {
    const cfg = c.components[kind];
    if (!cfg) continue;
    const hotCpu = st.cpu > h;
    const hotMem = st.mem > h || st.oom > 0;
    if (!hotCpu && !hotMem) continue;
    const why = `${hotCpu ? `peak CPU ${pct(st.cpu)}` : ''}${hotCpu && hotMem ? ', ' : ''}${hotMem ? (st.oom > 0 ? `OOM-killed ${st.oom}x` : `peak memory ${pct(st.mem)}`) : ''} of its limit`;
    if (hotMem) {
      const want = roundMem(
        ((cfg.memoryBytes * Math.max(st.mem, 1.05 * h)) / h) * 1.1 + (st.oom > 0 ? cfg.memoryBytes : 0),
      );
      if (want > cfg.memoryBytes) {
        note(kind, `memory ${gib(cfg.memoryBytes)} -> ${gib(want)}: ${why}`);
        cfg.memoryBytes = want;
        grew = true;
      } else if (!fixedCount(mode, kind) && cfg.replicas < LIMITS.replicas.max) {
        const r = Math.min(LIMITS.replicas.max, Math.ceil(cfg.replicas * 1.3));
        note(
          kind,
          `replicas ${cfg.replicas} -> ${r}: ${why}, at the largest pod (${gib(MAX_POD_MEMORY_BYTES)})`,
        );
        cfg.replicas = r;
        grew = true;
      } else if (kind === 'live-store' || kind === 'block-builder') {
        if (!growPartitions(c, zones, 1.3, `${kind} ${why}`, moves))
          return {
            ok: false,
            why: `${kind}: ${why} at ${LIMITS.kafkaPartitions.max} partitions or ${LIMITS.replicas.max} replicas`,
          };
        grew = true;
      } else
        return {
          ok: false,
          why: `${kind}: ${why}, and its pod is already the largest this planner builds (${gib(MAX_POD_MEMORY_BYTES)})`,
        };
    }
    if (hotCpu) {
      const factor = (Math.max(st.cpu, 1.05 * h) / h) * 1.1;
      if (!fixedCount(mode, kind)) {
        const r = Math.min(LIMITS.replicas.max, Math.max(cfg.replicas + 1, Math.ceil(cfg.replicas * factor)));
        if (r === cfg.replicas)
          return { ok: false, why: `${kind}: ${why} at ${LIMITS.replicas.max} replicas` };
        note(kind, `replicas ${cfg.replicas} -> ${r}: ${why}`);
        cfg.replicas = r;
        grew = true;
      } else if ((kind === 'live-store' || kind === 'block-builder') && cfg.cpu * factor > 4) {
        if (!growPartitions(c, zones, factor, `${kind} ${why}`, moves))
          return {
            ok: false,
            why: `${kind}: ${why} at ${LIMITS.kafkaPartitions.max} partitions or ${LIMITS.replicas.max} replicas`,
          };
        grew = true;
      } else {
        const cpu = roundCpu(cfg.cpu * factor);
        if (cpu <= cfg.cpu)
          return {
            ok: false,
            why: `${kind}: ${why}, at the largest pod this planner builds (${MAX_POD_CPU} CPU)`,
          };
        note(kind, `CPU ${cfg.cpu} -> ${cpu}: ${why}`);
        cfg.cpu = cpu;
        grew = true;
      }
    }
  }
  if (!grew && v.lost > 0) {
    // Spans lost with every process within headroom: more distributors (and rate limit per share).
    const d = c.components[mode === 'microservices' ? 'distributor' : 'tempo'];
    const kind: ProcessKind = mode === 'microservices' ? 'distributor' : 'tempo';
    if (d && !fixedCount(mode, kind) && d.replicas < LIMITS.replicas.max) {
      const r = Math.min(LIMITS.replicas.max, d.replicas + Math.max(1, Math.ceil(d.replicas * 0.3)));
      note(
        kind,
        `replicas ${d.replicas} -> ${r}: ${v.lost} spans lost${v.killed ? ` when ${v.killed} was killed` : ''}`,
      );
      d.replicas = r;
      grew = true;
    } else {
      return {
        ok: false,
        why: `${v.lost} spans lost${v.killed ? ` when ${v.killed} was killed` : ''}: this mode cannot ${v.killed ? 'lose its busiest instance' : 'hold the load'} without losing spans`,
      };
    }
  }
  return grew ? { ok: true } : { ok: false, why: 'the check failed and nothing could grow' };
}

function growPartitions(
  c: Candidate,
  zones: number,
  factor: number,
  why: string,
  moves: Map<ProcessKind, string[]>,
): boolean {
  const max = Math.min(LIMITS.kafkaPartitions.max, Math.floor(LIMITS.replicas.max / zones));
  const p = Math.min(max, Math.max(c.partitions + 1, Math.ceil(c.partitions * factor)));
  if (p <= c.partitions) return false;
  moves.get('block-builder')?.push(`partitions ${c.partitions} -> ${p}: ${why}`);
  moves.get('live-store')?.push(`partitions ${c.partitions} -> ${p}: ${why}`);
  c.partitions = p;
  setPartitionBound(c, zones);
  return true;
}

function setPartitionBound(c: Candidate, zones: number): void {
  const bb = c.components['block-builder'];
  const ls = c.components['live-store'];
  if (bb) bb.replicas = c.partitions;
  if (ls) ls.replicas = c.partitions * zones;
}

/** A smaller candidate from what ran far under: replicas and pods sized to the peaks. */
function shrunk(
  input: PlanInput,
  mode: DeploymentMode,
  c: Candidate,
  v: Verdict,
  only: ProcessKind | null,
  depth: number,
): { cand: Candidate; changed: [ProcessKind, string][] } {
  const h = input.headroom;
  const next = cloneCandidate(c);
  const changed: [ProcessKind, string][] = [];
  for (const [kind, st] of v.stats) {
    if (only && kind !== only) continue;
    const cfg = next.components[kind];
    if (!cfg) continue;
    const target = 0.8 * h;
    if (!fixedCount(mode, kind) && st.cpu < target / 1.5) {
      const min = minReplicas(mode, kind, input.tolerateLoss);
      // The lost instance's share moves to the others: keep one spare when tolerating a loss.
      const full = Math.ceil((cfg.replicas * st.cpu) / target) + (input.tolerateLoss ? 1 : 0);
      // depth 1: straight to the peak's size; 0.5: half way there (when the full step failed).
      const r = Math.max(min, Math.ceil(cfg.replicas - depth * (cfg.replicas - full)));
      if (r < cfg.replicas) {
        changed.push([kind, `replicas ${cfg.replicas} -> ${r}: peak CPU only ${pct(st.cpu)} of its limit`]);
        cfg.replicas = r;
      }
    }
    if (st.mem < target / 1.5 && st.oom === 0) {
      const m = roundMem((cfg.memoryBytes * st.mem) / target);
      if (m < cfg.memoryBytes) {
        changed.push([
          kind,
          `memory ${gib(cfg.memoryBytes)} -> ${gib(m)}: peak memory only ${pct(st.mem)} of its limit`,
        ]);
        cfg.memoryBytes = m;
      }
    }
    if (fixedCount(mode, kind) && st.cpu < target / 1.5 && cfg.cpu > 0.5) {
      const cpu = roundCpu((cfg.cpu * st.cpu) / target);
      if (cpu < cfg.cpu) {
        changed.push([kind, `CPU ${cfg.cpu} -> ${cpu}: peak CPU only ${pct(st.cpu)} of its limit`]);
        cfg.cpu = cpu;
      }
    }
  }
  return { cand: next, changed };
}

/** Plan one mode. */
export function planMode(input: PlanInput, mode: DeploymentMode, hooks: PlanHooks = {}): ModePlan {
  const version = input.version;
  const mbps = throughputMBps(input);
  const zones =
    mode === 'microservices' && version === '3.0' ? Math.max(1, Math.min(3, Math.round(input.zones))) : 1;
  const empty: ModePlan = {
    version,
    mode,
    ok: false,
    components: [],
    partitions: 0,
    zones,
    simulations: 0,
    notes: [],
  };
  if (version === '3.0' && mode === 'scalable-single-binary')
    return { ...empty, problem: 'Tempo 3.0 has no scalable single binary (removed).' };
  const beyond = unclampedNeed(version, mode, mbps);
  if (beyond)
    return {
      ...empty,
      problem: `Beyond one cluster: ${beyond}. Split the load over several clusters or tenants.`,
    };
  if (zones === 1 && input.zones > 1)
    empty.notes.push(
      `Zones apply to Tempo 3.0 live-stores (partitions x zones); ${version} ${mode} is planned without them.`,
    );
  if (mode === 'monolithic' && input.tolerateLoss)
    empty.notes.push(
      'A monolith is one process: losing it stops ingestion until it restarts; clients retry from their queues.',
    );
  const rules = publishedRules(version, mode, mbps, zones, input.tolerateLoss);
  let cand: Candidate = { partitions: rules.partitions, components: {} };
  const moves = new Map<ProcessKind, string[]>();
  for (const r of rules.rows) {
    cand.components[r.kind] = { replicas: r.replicas, cpu: r.cpu, memoryBytes: r.memoryBytes };
    moves.set(r.kind, []);
  }
  let sims = 0;
  const run = (c: Candidate): Verdict => {
    if (hooks.cancelled?.()) throw new PlanCancelled();
    sims++;
    const v = check(input, baseScenario(input, mode, mbps, c, rules.replicationFactor));
    hooks.onProgress?.({ mode, simulations: sims, message: v.pass ? 'passes' : 'grows' });
    return v;
  };
  let v = run(cand);
  // Grow until it passes.
  while (!v.pass) {
    if (sims >= CHECK.maxSimulations)
      return {
        ...empty,
        simulations: sims,
        problem: `No passing cluster within ${CHECK.maxSimulations} simulations.`,
      };
    const g = grow(input, mode, cand, v, moves, zones);
    if (!g.ok) return { ...empty, simulations: sims, problem: `Beyond what this mode can do: ${g.why}.` };
    v = run(cand);
  }
  // Shrink: everything at once, then kind by kind.
  const tryShrink = (only: ProcessKind | null, depth = 1): boolean => {
    if (sims >= CHECK.maxSimulations) return false;
    const { cand: next, changed } = shrunk(input, mode, cand, v, only, depth);
    if (changed.length === 0) return false;
    const nv = run(next);
    if (!nv.pass) return false;
    cand = next;
    v = nv;
    for (const [k, text] of changed) moves.get(k)?.push(text);
    return true;
  };
  tryShrink(null);
  for (const k of [...v.stats.keys()]) if (!tryShrink(k, 1)) tryShrink(k, 0.5);

  const scenario = v.scenario;
  const components: ComponentPlan[] = rules.rows.map((r) => {
    const cfg = cand.components[r.kind]!;
    const st = v.stats.get(r.kind) ?? { cpu: 0, mem: 0, oom: 0 };
    return {
      kind: r.kind,
      replicas: cfg.replicas,
      cpu: cfg.cpu,
      memoryBytes: cfg.memoryBytes,
      peakCpuShare: st.cpu,
      peakMemoryShare: st.mem,
      published: { replicas: r.replicas, cpu: r.cpu, memoryBytes: r.memoryBytes, rule: r.rule, doc: r.doc },
      moves: moves.get(r.kind) ?? [],
    };
  });
  const notes = [...empty.notes];
  if (scenario.settings.rateLimitBytes)
    notes.push(
      `Per-distributor ingestion limit raised to ${scenario.settings.rateLimitBytes / MB} MB/s so the spike is not refused (rate_strategy local).`,
    );
  return {
    version,
    mode,
    ok: true,
    scenario,
    components,
    partitions: cand.partitions,
    zones,
    totals: totalsOf(input, mbps, components, cand.partitions),
    simulations: sims,
    check: { lost: v.lost, refusedAttempts: v.refusedAttempts, killed: v.killed, spike: input.spikeFactor },
    notes,
  };
}
