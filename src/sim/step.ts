/**
 * One step of DT seconds, in the order Tempo's data moves. Each line is one Tempo part's work
 * (see README.md in this folder for the map). Every component first says what it wants to do
 * (`demand*`), the process CPU limits decide how much of it happens (`shareCpu`), then each does it.
 */

import { builderLag, demandBuilders, stepBuilders } from './blockBuilders';
import * as C from './calibration';
import { send, settleQueue } from './clients';
import { maybeMergeCohorts, syncCohorts } from './cohorts';
import { demandCompaction, stepCompaction } from './compaction';
import { accept, demandDistributors, recordIntake } from './distributors';
import { stepFailures } from './failures';
import { demandIngest, quorumEvent, receiveSpans, refreshRing } from './ingesters';
import { produce } from './kafka';
import { consume, liveStoreLag } from './liveStores';
import { demandMetricsGenerators, metricsGeneratorLag, stepMetricsGenerators } from './metricsGenerators';
import { demandQueries, planQueries, serveQueries } from './queries';
import { beginDemand, ema, oomKills, settleResources, shareCpu, stepRestarts } from './resources';
import type { SimState } from './state';
import { demandStores, stepStores } from './stores';

/** Advance `s` by DT in place. Prefer `step` unless you own `s`. */
export function stepMut(s: SimState): void {
  stepOnce(s);
  syncCohorts(s);
}

/** Advance `s` by `steps` steps of DT in place; every instance reads right at the end. */
export function advanceMut(s: SimState, steps: number): void {
  for (let k = 0; k < steps; k++) stepOnce(s);
  syncCohorts(s);
}

/**
 * One step. Replicas of a merged cohort other than its first are left as they were (cohorts.ts):
 * `syncCohorts` brings them up to date before anyone reads them.
 */
function stepOnce(s: SimState): void {
  const cfg = s.cfg;
  // Faults, restarts and the ring as they stand at the start of the step.
  stepFailures(s);
  stepRestarts(s);
  if (s.g.ringDirty) refreshRing(s);
  cfg.tick.failShare = cfg.ring ? s.g.ringFailShare : 0;
  // What every part wants to do.
  send(s);
  beginDemand(s);
  demandDistributors(s);
  demandIngest(s);
  planQueries(s);
  demandStores(s);
  demandBuilders(s);
  demandMetricsGenerators(s);
  demandCompaction(s);
  demandQueries(s);
  shareCpu(s);
  // The write path.
  accept(s);
  if (cfg.kafka) produce(s);
  else receiveSpans(s);
  recordIntake(s);
  stepMetricsGenerators(s);
  consume(s);
  stepStores(s);
  stepBuilders(s);
  s.g.storageSpanRate = cfg.tick.storageSpans / C.DT;
  s.g.writeRateEma = ema(s.g.writeRateEma, (cfg.tick.storageSpans * cfg.tick.spanSize) / C.DT);
  stepCompaction(s);
  // The read path, then the clients' queue and every process's resources.
  serveQueries(s);
  settleQueue(s);
  settleResources(s);
  if (cfg.kafka) {
    liveStoreLag(s);
    builderLag(s);
    metricsGeneratorLag(s);
  }
  quorumEvent(s);
  oomKills(s);
  maybeMergeCohorts(s);
  s.t += C.DT;
  s.steps++;
}
