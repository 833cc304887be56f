/**
 * The answer in words: what limits each component and which run measured it, and every figure outside
 * its published range with the move that put it there. Pure: reads results, simulates nothing.
 */
import { GiB, type ProcessKind } from '../model/catalog';
import type { Verdict } from './checks';
import { type FigureRange, type PublishedRule, sizedByBacklog } from './rules';
import type { BacklogEvidence, PlanInput } from './types';

const pct = (x: number) => `${Math.round(x * 100)}%`;
const gbText = (b: number) =>
  b >= 1e12
    ? `${(b / 1e12).toFixed(1)} TB`
    : b >= 1e9
      ? `${(b / 1e9).toFixed(1)} GB`
      : `${Math.round(b / 1e6)} MB`;
export const msText = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);
export const memText = (b: number) =>
  Number.isInteger(b / 1e9) ? `${b / 1e9} GB` : `${(b / GiB).toFixed(1).replace(/\.0$/, '')} GiB`;

/** A published range in words ("4-20 GB", "2 CPU", "20-33"). */
export function rangeText(r: FigureRange | null, unit: 'replicas' | 'cpu' | 'memory'): string {
  if (!r) return 'none published';
  const f = (x: number) => (unit === 'memory' ? memText(x) : unit === 'cpu' ? `${x} CPU` : String(x));
  if (r.min === r.max) return f(r.min);
  return unit === 'memory' ? `${r.min / 1e9}-${r.max / 1e9} GB` : `${r.min}-${f(r.max)}`;
}

/** What limits a kind, and the run that says so. */
export function sizedBy(
  kind: ProcessKind,
  input: PlanInput,
  v: Verdict,
  run: number,
  backlog: BacklogEvidence | undefined,
): string {
  const st = v.stats.get(kind) ?? { cpu: 0, mem: 0, oom: 0 };
  const spike = input.spikeFactor > 1 ? ` through a ${input.spikeFactor}x spike` : '';
  const kill = v.killed ? ` and the loss of ${v.killed}` : '';
  if (sizedByBacklog(kind) && backlog)
    return `the compaction backlog: run ${backlog.run}, ${backlog.hours} h of steady load: level-0 ${gbText(backlog.backlogFromBytes)} at ${backlog.fromHours} h, ${gbText(backlog.backlogEndBytes)} at ${backlog.hours} h (${backlog.bounded ? 'bounded' : 'growing'}), I/O busy ${pct(backlog.busyShare)} (our rate: 50 MB/s per compacting process, an estimate in the engine's calibration)`;
  if (kind === 'querier' || kind === 'query-frontend')
    return `the read load: ${input.queriesPerSecond} searches/s over ${input.queryRangeMinutes} min; p99 ${msText(v.p99SteadyMs)} at steady load, ${msText(v.p99Ms)}${spike}${kill}; ${v.queriesFailed} of ${v.queriesIssued} queries failed; peak CPU ${pct(st.cpu)}, memory ${pct(st.mem)} (run ${run}; TraceQL metrics queries are not modelled)`;
  return `the write path: peak CPU ${pct(st.cpu)}, memory ${pct(st.mem)} of the limits${spike}${kill} (run ${run})`;
}

/** The last move of a figure ("replicas", "CPU", "memory", "partitions"), or null. */
function lastMove(moves: string[], figure: string): string | null {
  for (let k = moves.length - 1; k >= 0; k--) if (moves[k]!.includes(`: ${figure} `)) return moves[k]!;
  return null;
}

/** Why the planner starts a figure outside the published range (a floor of its own or of Tempo's). */
function startReason(rule: PublishedRule, figure: 'replicas' | 'CPU' | 'memory'): string {
  if (figure !== 'replicas') return `the floor: ${rule.floor.source}`;
  if (rule.kind === 'live-store' || rule.kind === 'block-builder')
    return "at least 3 partitions, the tempo-distributed 3.3.0 chart's default (liveStore.replicas and blockBuilder.replicas 3)";
  if (rule.kind === 'ingester') return 'at least 3 ingesters for replication factor 3';
  return 'at least 2, so that losing one leaves one serving ("tolerate one lost")';
}

/** Every figure outside its published range, with the evidence that put it there. */
export function deviations(
  rule: PublishedRule,
  figures: { replicas: number; cpu: number; memoryBytes: number },
  moves: string[],
  trusted: boolean,
): string[] {
  const out: string[] = [];
  const check = (
    name: string,
    figure: 'replicas' | 'CPU' | 'memory',
    value: number,
    r: FigureRange | null,
    unit: 'replicas' | 'cpu' | 'memory',
    shown: string,
  ) => {
    if (!r) return;
    // Memory is rounded up to half GiB: within that of a published figure is the figure.
    const slack = unit === 'memory' ? GiB / 2 : 1e-9;
    const below = value < r.min - 1e-9;
    const above = value > r.max + slack;
    if (!below && !above) return;
    const why =
      lastMove(moves, figure === 'replicas' ? 'replicas' : figure) ??
      (figure === 'replicas' ? lastMove(moves, 'partitions') : null) ??
      (below && trusted ? 'trusting the simulation below published floors' : startReason(rule, figure));
    out.push(
      `${name} ${shown} is ${below ? 'below' : 'above'} the published ${rangeText(r, unit)} (${r.source}): ${why}`,
    );
  };
  check('replicas', 'replicas', figures.replicas, rule.range.replicas, 'replicas', String(figures.replicas));
  check('CPU', 'CPU', figures.cpu, rule.range.cpu, 'cpu', `${figures.cpu}`);
  check(
    'memory',
    'memory',
    figures.memoryBytes,
    rule.range.memoryBytes,
    'memory',
    memText(figures.memoryBytes),
  );
  return out;
}
