/**
 * The read path: Grafana's searches reach the query-frontends, which shard each into one job for
 * recent data (ingesters or live-stores) and backend jobs over the blocks in range
 * (target_bytes_per_job). Queriers run at most max_concurrent_queries jobs each; the frontends queue
 * the rest up to max_outstanding_per_tenant. A query fails when no frontend or querier is up, when
 * recent data is unavailable (a replica set below quorum; a live-store down or lagging with
 * fail_on_high_lag), or when the queue is full.
 */
import * as C from './calibration';
import { countUp, walked } from './cohorts';
import { emit } from './events';
import { addLatency, decayRecent, LAT_MIN_MS } from './latency';
import { partitionsServed } from './liveStores';
import { advance, unitFloat } from './rng';
import type { SimState } from './state';

/**
 * Plan this step's queries: jobs per query, which parts of the read path answer, what queues or fails.
 * Runs before the stores ask for CPU: their recent-data scans depend on it (stores.ts).
 */
export function planQueries(s: SimState): void {
  const cfg = s.cfg;
  const tick = cfg.tick;
  planJobs(s);
  const querierUp = countUp(s, cfg.queriers);
  const frontendUp = countUp(s, cfg.frontends);
  tick.queriersUp = querierUp;
  tick.frontendsUp = frontendUp;
  tick.readPathUp = querierUp > 0 && frontendUp > 0;
  tick.recentOk = recentDataAvailable(s);
  // Backend jobs read blocks from object storage: while it is down, queries that need them fail.
  tick.backendOk = tick.storageUp || s.g.jobsPerQuery <= 1;
  const jobsPerQuery = s.g.jobsPerQuery;
  tick.failedNow = 0;
  tick.jobQueue = s.g.jobQueue;
  if (!tick.readPathUp || !tick.recentOk || !tick.backendOk) {
    tick.failedNow += tick.arrivals + tick.jobQueue / Math.max(1, jobsPerQuery);
    tick.jobQueue = 0;
  } else tick.jobQueue += tick.arrivals * jobsPerQuery;
  // Recent-data scans on the stores: CPU per byte they hold (0 when no query reaches them).
  tick.scanCpuPerByte =
    tick.readPathUp && tick.recentOk && tick.queriesPerSecond > 0
      ? (tick.queriesPerSecond * C.DT * C.SEARCH_READ_SHARE) / C.RECENT_SCAN_BYTES_PER_CORE_S
      : 0;
}

/** Ask for the CPU to run this step's jobs (queriers) and to queue them (frontends). */
export function demandQueries(s: SimState): void {
  const cfg = s.cfg;
  const tick = cfg.tick;
  const up = s.proc.up;
  const sc = cfg.scratch;
  const querierUp = tick.queriersUp;
  const frontendUp = tick.frontendsUp;
  const jobsPerQuery = s.g.jobsPerQuery;
  const perQuerier = querierUp > 0 ? tick.jobQueue / querierUp : 0;
  for (let at = 0, list = cfg.queriers, len = walked(s, list); at < len; at++) {
    const i = list[at]!;
    sc.wantJobs[i] = 0;
    if (!tick.readPathUp || up[i]! <= 0) continue;
    const slotCap = (C.QUERIER_MAX_CONCURRENT * C.DT) / Math.max(tick.jobWall, 1e-3);
    const cpuCap = (cfg.cpuLimit[i]! * C.DT) / Math.max(tick.jobCpu, 1e-6);
    const want = Math.min(perQuerier, slotCap, cpuCap);
    sc.wantJobs[i] = want;
    sc.demand[i] = sc.demand[i]! + want * tick.jobCpu;
  }
  if (frontendUp > 0) {
    const perFrontend = (tick.arrivals * jobsPerQuery * C.FRONTEND_CPU_PER_JOB) / frontendUp;
    for (let at = 0, list = cfg.frontends, len = walked(s, list); at < len; at++) {
      const i = list[at]!;
      if (up[i]! > 0) sc.demand[i] = sc.demand[i]! + perFrontend;
    }
  }
}

/** How many backend jobs a query over the load's range makes, and what one job costs. */
function planJobs(s: SimState): void {
  const g = s.g;
  const tick = s.cfg.tick;
  const dt = C.DT;
  const t = s.t;
  tick.queriesPerSecond = s.load.queriesPerSecond;
  tick.arrivals = tick.queriesPerSecond * dt;
  const rangeS = s.load.queryRangeMinutes * 60;
  // Data the backend holds reaches back over the run and, for a steady start, the retention before it;
  // never further than block_retention.
  const covered = Math.min(t + g.historySeconds, s.cfg.retentionS);
  const backendRange = Math.max(0, Math.min(rangeS, covered) - s.cfg.queryBackendAfterS);
  const bytesInRange = g.totalBytes * Math.min(1, backendRange / Math.max(covered, 1));
  const writeRate = Math.max(1, g.writeRateEma);
  const l0Age = g.l0Bytes / writeRate;
  const l0InRange = backendRange > 0 ? g.l0Blocks * Math.min(1, backendRange / Math.max(dt, l0Age)) : 0;
  const compactedInRange =
    backendRange > 0 && g.compactedBytes > 0 ? Math.ceil(backendRange / C.COMPACTION_WINDOW_S) : 0;
  // The frontend shards the range into jobs, newest blocks first, and stops once it has the result limit.
  const shardedJobs = Math.max(l0InRange + compactedInRange, bytesInRange / C.TARGET_BYTES_PER_JOB);
  const backendJobs =
    backendRange > 0 ? Math.max(shardedJobs * C.SEARCH_JOBS_BEFORE_LIMIT, bytesInRange > 0 ? 1 : 0) : 0;
  const jobsPerQuery = 1 + backendJobs;
  g.jobsPerQuery = jobsPerQuery;
  const backendCpu =
    backendJobs > 0
      ? C.QUERY_JOB_BASE_CPU_S +
        ((bytesInRange / backendJobs) * C.SEARCH_READ_SHARE) / C.QUERY_SCAN_BYTES_PER_CORE_S
      : 0;
  tick.jobCpu = (C.QUERY_JOB_BASE_CPU_S + backendJobs * backendCpu) / jobsPerQuery;
  tick.jobWall =
    tick.jobCpu + (backendJobs / jobsPerQuery) * C.STORAGE_REQUESTS_PER_JOB * C.STORAGE_REQUEST_LATENCY_S;
}

/** Recent data is answerable: 2.x a quorum of every replica set; 3.0 a live, caught-up owner per partition. */
function recentDataAvailable(s: SimState): boolean {
  const cfg = s.cfg;
  if (cfg.ring) return cfg.tick.failShare <= 1e-12;
  if (cfg.kafka) return partitionsServed(s);
  return countUp(s, cfg.stores) > 0;
}

/** Run the jobs the CPU shares allow, queue or fail the rest, and record latency. */
export function serveQueries(s: SimState): void {
  const cfg = s.cfg;
  const tick = cfg.tick;
  const g = s.g;
  const dt = C.DT;
  runJobs(s);
  const { served, slots, slowest } = tick;
  const recentWall = runRecentScans(s);
  let queue = Math.max(0, tick.jobQueue - served);
  const maxQueue = C.FRONTEND_MAX_OUTSTANDING * tick.frontendsUp;
  if (tick.frontendsUp > 0) {
    const perFrontend = (tick.arrivals * g.jobsPerQuery * C.FRONTEND_CPU_PER_JOB) / tick.frontendsUp;
    // A frontend holds at most max_outstanding_per_tenant jobs; it refuses the rest.
    const held = (Math.min(tick.jobQueue, maxQueue) / tick.frontendsUp) * C.FRONTEND_BYTES_PER_QUEUED_JOB;
    for (let at = 0, list = cfg.frontends, len = walked(s, list); at < len; at++) {
      const i = list[at]!;
      if (s.proc.up[i]! <= 0) continue;
      cfg.scratch.used[i] = cfg.scratch.used[i]! + perFrontend * cfg.scratch.scale[i]!;
      cfg.scratch.extraMem[i] = cfg.scratch.extraMem[i]! + held;
    }
  }
  if (queue > maxQueue) {
    tick.failedNow += (queue - maxQueue) / g.jobsPerQuery;
    queue = maxQueue;
  }
  tick.jobQueue = queue;
  const failedNow = Math.max(0, Math.min(tick.failedNow, g.queriesIssued + tick.arrivals - g.queriesFailed));
  g.jobQueue = queue;
  g.queriesIssued += tick.arrivals;
  g.queriesFailed += failedNow;
  g.queryRate = tick.arrivals / dt;
  g.jobRate = served / dt;
  failingEvent(s, failedNow);
  decayRecent(s);
  const answered = tick.readPathUp && tick.recentOk && tick.backendOk;
  const completed = answered ? Math.max(0, tick.arrivals - failedNow) : 0;
  if (completed > 0 && slots > 0) {
    const wait = queue / Math.max(served / dt, 1e-6);
    const waves = Math.ceil(g.jobsPerQuery / Math.min(C.FRONTEND_CONCURRENT_JOBS, slots));
    // Queries share the queriers' slots and CPU with each other: a query's jobs take 1 / (1 - utilisation)
    // as long (processor sharing), utilisation being the busier of the slots (jobs x wall time over
    // max_concurrent_queries) and the queriers' CPU. The frontend merges the jobs' responses one at a time
    // (modules/frontend/combiner/common.go at v2.10.8: AddResponse under a mutex), so every block a query
    // scans adds to it: a compactor falling behind slows searches.
    const slotUse = (served * tick.jobWall) / Math.max(1e-9, slots * dt);
    const use = Math.min(Math.max(slotUse, tick.cpuUse), C.MAX_STRETCH_UTILISATION);
    const wave = tick.jobWall / Math.max(slowest, 1e-3) / (1 - use);
    const merge = g.jobsPerQuery * C.FRONTEND_CPU_PER_JOB;
    const latencyS = wait + waves * wave + recentWall + merge;
    s.rng = advance(s.rng);
    const ms = Math.max(LAT_MIN_MS, latencyS * 1000 * (1 + 0.1 * (2 * unitFloat(s.rng) - 1)));
    g.lastLatencyMs = ms;
    addLatency(s, ms, completed);
  } else g.lastLatencyMs = 0;
}

/** Queriers run their share of the jobs, slowed by their CPU share. */
function runJobs(s: SimState): void {
  const cfg = s.cfg;
  const tick = cfg.tick;
  const sc = cfg.scratch;
  const w = s.work;
  let served = 0;
  let slots = 0;
  let slowest = 1;
  let busiest = 0;
  const weight = s.co.weight;
  const jobMemory =
    cfg.mode === 'microservices' ? C.QUERY_JOB_MEMORY_BYTES : C.SINGLE_BINARY_QUERY_JOB_MEMORY_BYTES;
  for (let at = 0, list = cfg.queriers, len = walked(s, list); at < len; at++) {
    const i = list[at]!;
    if (s.proc.up[i]! <= 0) {
      w.jobs[i] = 0;
      w.activeJobs[i] = 0;
      continue;
    }
    const replicas = weight[i]!;
    slots += C.QUERIER_MAX_CONCURRENT * replicas;
    const share = sc.scale[i]!;
    const done = sc.wantJobs[i]! * share;
    served += done * replicas;
    slowest = Math.min(slowest, share);
    // Utilisation of the process's CPU this step, everything it runs included (a monolith's ingest too).
    busiest = Math.max(busiest, sc.demand[i]! / Math.max(1e-9, cfg.cpuLimit[i]! * C.DT));
    const active = Math.min(C.QUERIER_MAX_CONCURRENT, (done / C.DT) * (tick.jobWall / Math.max(share, 1e-3)));
    w.jobs[i] = done / C.DT;
    w.activeJobs[i] = active;
    sc.used[i] = sc.used[i]! + done * tick.jobCpu;
    sc.extraMem[i] = sc.extraMem[i]! + active * jobMemory;
  }
  tick.served = served;
  tick.slots = slots;
  tick.slowest = slowest;
  tick.cpuUse = Math.min(1, busiest);
}

/** Recent-data scans on the stores; returns the slowest one's seconds per query. */
function runRecentScans(s: SimState): number {
  const cfg = s.cfg;
  const qps = cfg.tick.queriesPerSecond;
  const { scale, used } = cfg.scratch;
  const queryCpu = s.store.queryCpu;
  const up = s.proc.up;
  const perStepQueries = qps > 0 ? 1 / (qps * C.DT) : 0;
  let wall = 0;
  for (let at = 0, list = cfg.stores; at < list.length; at++) {
    const i = list[at]!;
    const cpu = queryCpu[i]!;
    queryCpu[i] = 0;
    if (cpu <= 0 || up[i]! <= 0) continue;
    const share = scale[i]!;
    used[i] = used[i]! + cpu * share;
    const perQuery = cpu * perStepQueries;
    wall = Math.max(wall, perQuery / Math.max(share, 1e-3));
  }
  return wall;
}

/** Why queries fail, in the order they are checked; 0 while they do not. */
export const FAILING_BECAUSE = [
  '',
  'no query-frontend or querier is up',
  'a partition has no live-store that is up and caught up (fail_on_high_lag)',
  'recent data is unavailable: an ingester replica set is below quorum',
  'object storage is unavailable: the blocks in the query range cannot be read',
  'the query-frontend queue is full (max_outstanding_per_tenant)',
] as const;

/**
 * An event when queries start failing for a reason: each reason at most once a minute, so a queue that
 * fills and drains every few seconds, or two reasons taking turns, do not flood the log.
 */
function failingEvent(s: SimState, failedNow: number): void {
  const g = s.g;
  const tick = s.cfg.tick;
  const before = g.queriesFailing;
  let why = 0;
  if (failedNow > 0 && tick.queriesPerSecond > 0)
    why = !tick.readPathUp ? 1 : !tick.recentOk ? (s.cfg.kafka ? 2 : 3) : !tick.backendOk ? 4 : 5;
  g.queriesFailing = why;
  if (why === 0 || why === before) return;
  if (s.t - s.failingReportedAt[why]! < 60) return;
  s.failingReportedAt[why] = s.t;
  emit(s, 'grafana', 'queries-failing', `queries failing: ${FAILING_BECAUSE[why]}`);
}

/** Jobs running on a process that dies fail their queries. */
export function crashQueries(s: SimState, i: number): void {
  const active = s.work.activeJobs[i]!;
  if (active > 0) {
    const g = s.g;
    const perQuery = Math.max(1, g.jobsPerQuery);
    const failed = Math.min(active / perQuery, g.queriesIssued - g.queriesFailed);
    g.queriesFailed += Math.max(0, failed);
  }
  s.work.activeJobs[i] = 0;
}
