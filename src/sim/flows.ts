/**
 * Throughput on the topology's edges: each role's instances reduced to node ids (grouped above the
 * threshold, as deriveTopology groups them), and the step's rates spread over each pair of nodes.
 */
import type { ComponentKind, DataPath } from '../model/catalog';
import { DEFAULT_GROUP_ABOVE } from '../model/topology';
import type { SimConfig, SimState } from './state';
import type { FlowView } from './types';

/** The instances of one role reduced to node ids (grouped above the threshold) with a weight each. */
interface NodeVec {
  ids: string[];
  w: number[];
}

function nodeVec(
  cfg: SimConfig,
  idx: Int32Array,
  weight: (i: number) => number,
  groupAbove: number,
): NodeVec {
  const ids: string[] = [];
  const w: number[] = [];
  const count = new Map<ComponentKind, number>();
  for (const i of idx) {
    const k = cfg.kinds[i] ?? 'tempo';
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  const pos = new Map<string, number>();
  for (const i of idx) {
    const k = cfg.kinds[i] ?? 'tempo';
    const id = (count.get(k) ?? 0) > groupAbove ? `group:${k}` : (cfg.names[i] ?? '');
    let p = pos.get(id);
    if (p === undefined) {
      p = ids.length;
      pos.set(id, p);
      ids.push(id);
      w.push(0);
    }
    w[p] = (w[p] ?? 0) + Math.max(0, weight(i));
  }
  return { ids, w };
}

const external = (id: string): NodeVec => ({ ids: [id], w: [1] });

function sum(a: number[]): number {
  let x = 0;
  for (const v of a) x += v;
  return x;
}

/** Flows from every node of `a` to every node of `b`, a product of their weights scaled to `total`. */
function pairs(
  out: FlowView[],
  a: NodeVec,
  b: NodeVec,
  path: DataPath,
  total: number,
  refused = 0,
  refusedTo?: NodeVec,
): void {
  const sa = sum(a.w);
  const sb = sum(b.w);
  const rt = refusedTo ?? b;
  const srt = sum(rt.w);
  for (let x = 0; x < a.ids.length; x++) {
    const fa = sa > 0 ? (a.w[x] ?? 0) / sa : 1 / a.ids.length;
    for (let y = 0; y < b.ids.length; y++) {
      const fb = sb > 0 ? (b.w[y] ?? 0) / sb : 0;
      const ry = rt.ids.indexOf(b.ids[y] ?? '');
      const fr = ry >= 0 ? (srt > 0 ? (rt.w[ry] ?? 0) / srt : 1 / rt.ids.length) : 0;
      const rate = total * fa * fb;
      const ref = refused * fa * fr;
      if (rate > 0 || ref > 0)
        out.push({ from: a.ids[x] ?? '', to: b.ids[y] ?? '', path, rate, refused: ref });
    }
  }
}

interface FlowContext {
  s: SimState;
  out: FlowView[];
  vec: (idx: Int32Array, w: (i: number) => number) => NodeVec;
  up: (i: number) => boolean;
}

export function flowViews(s: SimState, groupAbove = DEFAULT_GROUP_ABOVE): FlowView[] {
  const cx: FlowContext = {
    s,
    out: [],
    vec: (idx, w) => nodeVec(s.cfg, idx, w, groupAbove),
    up: (i) => s.proc.up[i]! > 0,
  };
  const { accepted, totalIn } = intakeFlows(cx);
  if (s.cfg.kafka) kafkaFlows(cx, accepted, totalIn);
  else if (s.cfg.ring && s.cfg.mode === 'microservices') ringFlows(cx, accepted, totalIn);
  if (s.cfg.storesFlush) flushFlows(cx);
  readFlows(cx);
  compactionFlows(cx);
  return cx.out;
}

/** Client -> distributors (or single binaries), with what they refuse. */
function intakeFlows({ s, out, vec, up }: FlowContext): { accepted: NodeVec; totalIn: number } {
  const cfg = s.cfg;
  const d = s.dist;
  const accepted = vec(cfg.distributors, (i) => d.accepted[i]!);
  let totalIn = 0;
  let totalRefused = 0;
  for (let at = 0, list = cfg.distributors; at < list.length; at++) {
    const i = list[at]!;
    totalIn += d.accepted[i]!;
    totalRefused += d.refused[i]!;
  }
  const offeredAll = vec(cfg.distributors, (i) => (up(i) ? d.offered[i]! : 1));
  const refusedTo = vec(cfg.distributors, (i) => (up(i) ? d.refused[i]! : 1));
  const anyUp = cfg.distributors.some((i) => up(i));
  const clientRefused = anyUp ? totalRefused : s.g.droppedRate + s.g.queue / 5;
  const to = totalIn > 0 ? accepted : offeredAll;
  pairs(out, external('client'), to, 'write', totalIn, clientRefused, refusedTo);
  return { accepted, totalIn };
}

/** 3.0: distributors -> Kafka -> live-stores, block-builders (-> object storage), metrics-generators. */
function kafkaFlows({ s, out, vec }: FlowContext, accepted: NodeVec, totalIn: number): void {
  const cfg = s.cfg;
  const p = s.proc;
  pairs(out, accepted, external('kafka'), 'write', totalIn);
  let liveIn = 0;
  for (const i of cfg.stores) liveIn += p.spansIn[i]!;
  pairs(
    out,
    external('kafka'),
    vec(cfg.stores, (i) => p.spansIn[i]!),
    'write',
    liveIn,
  );
  let bbIn = 0;
  let bbOut = 0;
  for (let at = 0, list = cfg.blockBuilders; at < list.length; at++) {
    const i = list[at]!;
    bbIn += p.spansIn[i]!;
    bbOut += p.spansOut[i]!;
  }
  pairs(
    out,
    external('kafka'),
    vec(cfg.blockBuilders, (i) => p.spansIn[i]!),
    'write',
    bbIn,
  );
  pairs(
    out,
    vec(cfg.blockBuilders, (i) => p.spansOut[i]!),
    external('object-storage'),
    'write',
    bbOut,
  );
  if (cfg.metricsGenerators.length > 0)
    pairs(
      out,
      external('kafka'),
      vec(cfg.metricsGenerators, () => 1),
      'metrics',
      totalIn,
    );
}

/** 2.10 microservices: distributors -> ingesters on the ring (refusals toward dead owners). */
function ringFlows({ s, out, vec, up }: FlowContext, accepted: NodeVec, totalIn: number): void {
  const cfg = s.cfg;
  let storeIn = 0;
  for (const i of cfg.stores) storeIn += s.proc.spansIn[i]!;
  const deadStores = vec(cfg.stores, (i) => (up(i) ? 0 : 1));
  const ringRefused = totalIn * s.g.ringFailShare;
  const owners = vec(cfg.stores, (i) => s.store.recv[i]!);
  pairs(out, accepted, owners, 'write', storeIn, ringRefused, deadStores);
  if (cfg.metricsGenerators.length > 0)
    pairs(
      out,
      accepted,
      vec(cfg.metricsGenerators, () => 1),
      'metrics',
      totalIn,
    );
}

/** Ingesters or single binaries flushing blocks to object storage. */
function flushFlows({ s, out, vec }: FlowContext): void {
  let flushed = 0;
  for (const i of s.cfg.stores) flushed += s.proc.spansOut[i]!;
  pairs(
    out,
    vec(s.cfg.stores, (i) => s.proc.spansOut[i]!),
    external('object-storage'),
    'write',
    flushed,
  );
}

/** Grafana -> frontends -> queriers -> recent data and object storage. */
function readFlows({ s, out, vec, up }: FlowContext): void {
  const cfg = s.cfg;
  const qps = s.g.queryRate;
  const jobs = s.g.jobRate;
  const frontends = vec(cfg.frontends, (i) => (up(i) ? 1 : 0));
  const queriers = vec(cfg.queriers, (i) => s.work.jobs[i]!);
  pairs(out, external('grafana'), frontends, 'read', qps);
  if (cfg.mode === 'microservices') {
    pairs(out, frontends, queriers, 'read', jobs);
    pairs(
      out,
      queriers,
      vec(cfg.stores, (i) => (up(i) ? 1 : 0)),
      'read',
      qps,
    );
  }
  pairs(out, queriers, external('object-storage'), 'read', Math.max(0, jobs - qps));
}

/** Compaction, in blocks per second: scheduler -> workers (or compactors) -> object storage. */
function compactionFlows({ s, out, vec }: FlowContext): void {
  const cfg = s.cfg;
  const blocks = s.g.compactedBlockRate;
  const compactors = vec(cfg.compactors, (i) => s.work.compactBytes[i]!);
  if (cfg.scheduler >= 0)
    pairs(
      out,
      vec(Int32Array.of(cfg.scheduler), () => 1),
      compactors,
      'compaction',
      blocks,
    );
  pairs(out, compactors, external('object-storage'), 'compaction', blocks);
}
