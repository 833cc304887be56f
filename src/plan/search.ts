/**
 * The search: start from the published rule (rules.ts), simulate (checks.ts), grow what runs hot,
 * loses spans or is OOM-killed, then try to shrink what runs far under; stop at the smallest cluster
 * that passes. Pure and deterministic: no DOM, no clock.
 */
import { type DeploymentMode, GiB, type ProcessKind } from '../model/catalog';
import { type ComponentConfig, LIMITS } from '../model/scenario';
import { heldMemoryBytes } from '../sim/resources';
import { baseScenario, type Candidate, check, type Verdict } from './checks';
import { deviations as describeDeviations, sizedBy } from './evidence';
import {
  fixedCount,
  MAX_POD_CPU,
  MAX_POD_MEMORY_BYTES,
  minReplicas,
  type PublishedRule,
  publishedRules,
  sizedByBacklog,
  unclampedNeed,
} from './rules';
import { sizeBacklog, sizeVolumes } from './sized';
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
export const roundMem = (b: number) =>
  Math.min(MAX_POD_MEMORY_BYTES, Math.max(LIMITS.memoryBytes.min, Math.ceil(b / halfGiB) * halfGiB));
const roundCpu = (c: number) => Math.min(MAX_POD_CPU, Math.max(0.5, Math.ceil(c * 2 - 1e-9) / 2));
export const pct = (x: number) => `${Math.round(x * 100)}%`;
export const gib = (b: number) => `${(b / GiB).toFixed(1).replace(/\.0$/, '')} GiB`;

function cloneCandidate(c: Candidate): Candidate {
  const components: Candidate['components'] = {};
  for (const [k, v] of Object.entries(c.components) as [ProcessKind, ComponentConfig][])
    components[k] = { ...v };
  return { ...c, components };
}

/**
 * What the planner holds a kind to: the published floor, or the schema's least when trusting the
 * simulation; and never less memory than the simulation says the process holds at the most of its
 * bounded working set (a querier running max_concurrent_queries jobs, a compactor with one job).
 */
function floorOf(input: PlanInput, mode: DeploymentMode, rule: PublishedRule | undefined, kind: ProcessKind) {
  const least = {
    replicas: minReplicas(mode, kind, input.tolerateLoss),
    cpu: 0.5,
    memoryBytes: Math.max(LIMITS.memoryBytes.min, modelMemoryFloor(mode, kind)),
  };
  if (input.trustBelowFloors || !rule) return least;
  return {
    replicas: Math.max(least.replicas, rule.floor.replicas),
    cpu: Math.max(least.cpu, rule.floor.cpu),
    memoryBytes: Math.max(least.memoryBytes, roundMem(rule.floor.memoryBytes)),
  };
}

/** The least memory the simulation lets a pod of `kind` have (sim/resources.ts heldMemoryBytes), rounded. */
export function modelMemoryFloor(mode: DeploymentMode, kind: ProcessKind): number {
  return roundMem(heldMemoryBytes(kind, mode !== 'microservices'));
}

/** Grow what failed; returns false when a limit stops it (beyond one cluster), with why. */
function grow(
  input: PlanInput,
  mode: DeploymentMode,
  c: Candidate,
  v: Verdict,
  moves: Map<ProcessKind, string[]>,
  zones: number,
  run: number,
): { ok: true } | { ok: false; why: string } {
  const h = input.headroom;
  let grew = false;
  const note = (k: ProcessKind, text: string) => moves.get(k)?.push(`run ${run}: ${text}`);
  for (const [kind, st] of v.stats) {
    const cfg = c.components[kind];
    if (!cfg) continue;
    // Compactors and backend-workers are counted by the backlog check; here only their pods grow.
    const fixed = fixedCount(mode, kind) || sizedByBacklog(kind);
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
      } else if (!fixed && cfg.replicas < LIMITS.replicas.max) {
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
      if (!fixed) {
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
    const lost = `${v.lost} spans lost${v.killed ? ` when ${v.killed} was killed` : ''}${v.refusedAttempts > 0 ? ` (${v.refusedAttempts} pushes refused)` : ''}`;
    if (d && !fixedCount(mode, kind) && d.replicas < LIMITS.replicas.max) {
      const r = Math.min(LIMITS.replicas.max, d.replicas + Math.max(1, Math.ceil(d.replicas * 0.3)));
      note(kind, `replicas ${d.replicas} -> ${r}: ${lost}`);
      d.replicas = r;
      grew = true;
    } else {
      return {
        ok: false,
        why: `${lost} with every process within the headroom: this mode cannot ${v.killed ? `lose ${v.killed}` : 'hold the load'} without losing spans`,
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
  rules: Map<ProcessKind, PublishedRule>,
): { cand: Candidate; changed: [ProcessKind, string][] } {
  const h = input.headroom;
  const next = cloneCandidate(c);
  const changed: [ProcessKind, string][] = [];
  for (const [kind, st] of v.stats) {
    if (only && kind !== only) continue;
    const cfg = next.components[kind];
    if (!cfg) continue;
    const target = 0.8 * h;
    const floor = floorOf(input, mode, rules.get(kind), kind);
    if (!fixedCount(mode, kind) && !sizedByBacklog(kind) && st.cpu < target / 1.5) {
      const min = floor.replicas;
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
      const byPeak = roundMem((cfg.memoryBytes * st.mem) / target);
      const m = Math.max(floor.memoryBytes, byPeak);
      const held = heldMemoryBytes(kind, mode !== 'microservices');
      // The simulation's own floor binds: say what it holds, which the run's peak did not reach.
      const heldNote =
        m > byPeak && m === modelMemoryFloor(mode, kind)
          ? `; not below ${gib(held)}, what the simulation holds in one at the most of its working set`
          : '';
      if (m < cfg.memoryBytes) {
        changed.push([
          kind,
          `memory ${gib(cfg.memoryBytes)} -> ${gib(m)}: peak memory only ${pct(st.mem)} of its limit${heldNote}`,
        ]);
        cfg.memoryBytes = m;
      }
    }
    if ((fixedCount(mode, kind) || sizedByBacklog(kind)) && st.cpu < target / 1.5 && cfg.cpu > floor.cpu) {
      const cpu = Math.max(floor.cpu, roundCpu((cfg.cpu * st.cpu) / target));
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
    caveats: [],
    notes: [],
  };
  if (version === '3.0' && mode === 'scalable-single-binary')
    return { ...empty, problem: 'Tempo 3.0 has no scalable single binary (removed).' };
  const beyond = unclampedNeed(version, mode, mbps);
  if (beyond)
    return {
      ...empty,
      problem:
        mode === 'microservices'
          ? `Beyond one cluster: ${beyond}. Split the load over several clusters or tenants.`
          : `Not offered at ${mbps.toFixed(0)} MB/s: ${beyond}.`,
    };
  if (zones === 1 && input.zones > 1)
    empty.notes.push(
      `Zones apply to Tempo 3.0 live-stores (partitions x zones); ${version} ${mode} is planned without them.`,
    );
  const rules = publishedRules(version, mode, mbps, zones, input.tolerateLoss);
  const ruleOf = new Map(rules.rows.map((r) => [r.kind, r]));
  let cand: Candidate = { partitions: rules.partitions, components: {} };
  const moves = new Map<ProcessKind, string[]>();
  for (const r of rules.rows) {
    moves.set(r.kind, []);
    const memoryBytes = Math.max(r.memoryBytes, modelMemoryFloor(mode, r.kind));
    if (memoryBytes > r.memoryBytes)
      moves
        .get(r.kind)
        ?.push(
          `memory ${gib(r.memoryBytes)} -> ${gib(memoryBytes)}: the simulation holds ${gib(heldMemoryBytes(r.kind, mode !== 'microservices'))} in one at the most of its working set`,
        );
    cand.components[r.kind] = { replicas: r.replicas, cpu: r.cpu, memoryBytes };
  }
  let sims = 0;
  const nextRun = (message: string) => {
    if (hooks.cancelled?.()) throw new PlanCancelled();
    sims++;
    hooks.onProgress?.({ mode, simulations: sims, message });
    return sims;
  };
  const scenarioOf = (c: Candidate) => baseScenario(input, mode, mbps, c, rules.replicationFactor);
  let lastRun = 0;
  const run = (c: Candidate): Verdict => {
    if (hooks.cancelled?.()) throw new PlanCancelled();
    sims++;
    lastRun = sims;
    const v = check(input, scenarioOf(c));
    hooks.onProgress?.({ mode, simulations: sims, message: v.pass ? 'passes' : 'grows' });
    return v;
  };
  // The parts with checks of their own: compaction by its backlog (first: the count then holds
  // through the search), volumes and Kafka by an outage (last, on the answer).
  const ctx = {
    input,
    mode,
    mbps,
    replicationFactor: rules.replicationFactor,
    scenarioOf,
    nextRun,
    note: (k: ProcessKind, text: string) => moves.get(k)?.push(text),
    rules: ruleOf,
  };
  const backlog = sizeBacklog(ctx, cand);
  let v = run(cand);
  let runOfV = lastRun;
  const growUntilPass = (): string | null => {
    while (!v.pass) {
      if (sims >= CHECK.maxSimulations)
        return `No passing cluster within ${CHECK.maxSimulations} simulations.`;
      const g = grow(input, mode, cand, v, moves, zones, runOfV);
      if (!g.ok) return `Beyond what this mode can do: ${g.why}.`;
      v = run(cand);
      runOfV = lastRun;
    }
    return null;
  };
  const failed = growUntilPass();
  if (failed) return { ...empty, simulations: sims, problem: failed };
  // Shrink: everything at once, then kind by kind.
  const tryShrink = (only: ProcessKind | null, depth = 1): boolean => {
    if (sims >= CHECK.maxSimulations) return false;
    const { cand: next, changed } = shrunk(input, mode, cand, v, only, depth, ruleOf);
    if (changed.length === 0) return false;
    const from = runOfV;
    const nv = run(next);
    if (!nv.pass) return false;
    cand = next;
    v = nv;
    runOfV = lastRun;
    for (const [k, text] of changed) moves.get(k)?.push(`run ${from}: ${text}`);
    return true;
  };
  tryShrink(null);
  for (const k of [...v.stats.keys()]) if (!tryShrink(k, 1)) tryShrink(k, 0.5);

  const sizedVolumes = sizeVolumes(ctx, cand);
  // Volumes and Kafka retention do not change the 20-minute check: its timeline on the scenario that carries them.
  v = { ...v, scenario: { ...scenarioOf(cand), events: v.scenario.events } };

  const scenario = v.scenario;
  const caveats: string[] = [];
  if (mode === 'monolithic') {
    const k = check(input, scenario, true);
    const at = nextRun('kill');
    caveats.push(
      `A monolith cannot survive the loss of its one process: killed at ${CHECK.killAtS / 60} min in run ${at}, it lost ${k.lost} spans${k.refusedAttempts > 0 ? ` (${k.refusedAttempts} pushes refused)` : ''} while it restarted; clients retry from their queues and drop the rest. To survive it, choose microservices${version === '2.10' ? ' or the scalable single binary' : ''}.`,
    );
  }
  if (v.discarded > 0)
    caveats.push(
      `${v.discarded} spans in the check belong to traces over max_bytes_per_trace (5 MB, overrides default): Tempo discards them (TRACE_TOO_LARGE) on any cluster, so they are not counted as lost. Raise the limit or keep traces smaller; more processes do not help.`,
    );
  const components: ComponentPlan[] = rules.rows.map((r) => {
    const cfg = cand.components[r.kind]!;
    const st = v.stats.get(r.kind) ?? { cpu: 0, mem: 0, oom: 0 };
    const kindMoves = moves.get(r.kind) ?? [];
    const volume = sizedVolumes.volumes.get(r.kind);
    return {
      kind: r.kind,
      replicas: cfg.replicas,
      cpu: cfg.cpu,
      memoryBytes: cfg.memoryBytes,
      peakCpuShare: st.cpu,
      peakMemoryShare: st.mem,
      published: r,
      moves: kindMoves,
      deviations: describeDeviations(r, cfg, kindMoves, input.trustBelowFloors === true),
      sizedBy: sizedBy(r.kind, input, v, runOfV, backlog),
      ...(volume ? { volume } : {}),
    };
  });
  const notes = [...empty.notes];
  if (scenario.settings.rateLimitBytes)
    notes.push(
      `Per-distributor ingestion limit raised to ${scenario.settings.rateLimitBytes / MB} MB/s so the spike is not refused (rate_strategy local).`,
    );
  const maxTraces = scenario.settings.limits?.maxTracesPerUser;
  if (maxTraces !== undefined)
    notes.push(
      `max_traces_per_user raised to ${maxTraces.toLocaleString('en-US')} live traces per ${version === '2.10' ? 'ingester' : 'live-store'} (default 10,000, a local limit) so the spike is not discarded (LIVE_TRACES_EXCEEDED).`,
    );
  if (input.trustBelowFloors)
    notes.push('Trusting the simulation below published floors: figures may go under the published minimum.');
  const outage = sizedVolumes.outage;
  if (outage.lost > 0 || outage.oomKills > 0)
    notes.push(
      `The outage run (run ${outage.run}) lost ${outage.lost} spans with ${outage.oomKills} OOM kills: this cluster does not survive a ${outage.outageHours} h object-storage outage; see the event log of that run.`,
    );
  return {
    version,
    mode,
    ok: true,
    scenario,
    components,
    partitions: cand.partitions,
    zones,
    totals: totalsOf(input, mbps, components, cand.partitions, cand.kafkaRetentionHours),
    simulations: sims,
    check: {
      lost: v.lost,
      refusedAttempts: v.refusedAttempts,
      killed: v.killed,
      spike: input.spikeFactor,
      discarded: v.discarded,
      p99SteadyMs: v.p99SteadyMs,
      p99Ms: v.p99Ms,
      queriesFailed: v.queriesFailed,
      queriesIssued: v.queriesIssued,
    },
    backlog,
    outage,
    caveats,
    notes,
  };
}
