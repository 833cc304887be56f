/**
 * Metrics-generators turn spans into series (CPU, memory). In 2.10, and in single binaries, every
 * kept span is pushed to them. In 3.0 microservices they consume Kafka as the consumer group
 * "metrics-generator" (cmd/tempo/app/modules.go at v3.0.3), an even share of the partitions each: one
 * starved of CPU falls behind its partitions, and what it reads after metrics_ingestion_time_range_slack
 * (30 s) is left out of its metrics. Traces are not affected: live-stores and block-builders read the
 * same records on their own. A generator that is down leaves its share waiting in Kafka (the consumer
 * group's rebalance to the others is not modelled).
 */
import * as C from './calibration';
import { countUp, walked } from './cohorts';
import { emit } from './events';
import { formatCount, formatSeconds } from './format';
import { produceRate, recordExpired } from './kafka';
import type { SimState } from './state';

/** 3.0: what each generator wants to consume this step (its backlog and this step's share), as far as
 * its CPU limit could. */
export function demandMetricsGenerators(s: SimState): void {
  const cfg = s.cfg;
  if (!cfg.kafka || cfg.metricsGenerators.length === 0) return;
  const { wantConsume, demand } = cfg.scratch;
  const tick = cfg.tick;
  const costPerByte = C.METRICS_GEN_CPU_PER_SPAN / Math.max(1, tick.spanSize);
  const lagBytes = s.consumer.lagBytes;
  const read = cfg.partitionsRead;
  const up = s.proc.up;
  for (let at = 0, list = cfg.metricsGenerators, len = walked(s, list); at < len; at++) {
    const i = list[at]!;
    wantConsume[i] = 0;
    if (up[i]! <= 0) continue;
    const want = Math.min(lagBytes[i]! + tick.partBytes * read[i]!, (cfg.cpuLimit[i]! * C.DT) / costPerByte);
    wantConsume[i] = want;
    demand[i] = demand[i]! + want * costPerByte;
  }
}

export function stepMetricsGenerators(s: SimState): void {
  const cfg = s.cfg;
  if (cfg.kafka) {
    consumeMetrics(s);
    return;
  }
  const sc = cfg.scratch;
  const up = countUp(s, cfg.metricsGenerators);
  if (up === 0) return;
  const each = cfg.tick.kept / up;
  for (let at = 0, list = cfg.metricsGenerators, len = walked(s, list); at < len; at++) {
    const i = list[at]!;
    if (s.proc.up[i]! <= 0) continue;
    sc.used[i] = sc.used[i]! + each * C.METRICS_GEN_CPU_PER_SPAN * sc.scale[i]!;
    sc.extraMem[i] = sc.extraMem[i]! + (each / C.DT) * C.METRICS_GEN_MEMORY_PER_SPAN_S;
  }
}

/** 3.0: this step's records reach every generator's share (up or not); those up consume what their
 * CPU share allows. */
function consumeMetrics(s: SimState): void {
  const cfg = s.cfg;
  const tick = cfg.tick;
  const { wantConsume, scale, used, extraMem } = cfg.scratch;
  const { lagBytes, lagSeconds } = s.consumer;
  const { up, spansIn } = s.proc;
  const read = cfg.partitionsRead;
  const weight = s.co.weight;
  const spanSize = Math.max(1, tick.spanSize);
  const costPerByte = C.METRICS_GEN_CPU_PER_SPAN / spanSize;
  const g = s.g;
  for (let at = 0, list = cfg.metricsGenerators, len = walked(s, list); at < len; at++) {
    const i = list[at]!;
    lagBytes[i] = lagBytes[i]! + tick.partBytes * read[i]!;
    if (up[i]! <= 0) {
      spansIn[i] = 0;
      continue;
    }
    const take = Math.min(wantConsume[i]! * scale[i]!, lagBytes[i]!);
    lagBytes[i] = lagBytes[i]! - take;
    const spans = take / spanSize;
    spansIn[i] = spans / C.DT;
    used[i] = used[i]! + take * costPerByte;
    extraMem[i] = extraMem[i]! + (spans / C.DT) * C.METRICS_GEN_MEMORY_PER_SPAN_S;
    // Read after the slack: these spans ended too long ago to count (modules/generator/instance.go).
    if (lagSeconds[i]! > C.METRICS_GEN_INGESTION_SLACK_S) g.metricsSpansLate += spans * weight[i]!;
  }
}

/** 3.0: lag in seconds, and an event for each generator (each replica of a merged cohort) that falls
 * past the slack or catches up; past Kafka's retention its oldest records are gone. */
export function metricsGeneratorLag(s: SimState): void {
  const cfg = s.cfg;
  if (cfg.metricsGenerators.length === 0) return;
  const { lagBytes, lagSeconds, lagging } = s.consumer;
  const weight = s.co.weight;
  const retention = cfg.kafkaRetentionS;
  const cap = s.t + s.g.historySeconds;
  for (let at = 0, list = cfg.metricsGenerators, len = walked(s, list); at < len; at++) {
    const i = list[at]!;
    const bytes = lagBytes[i]!;
    let lag = bytes > 1 ? Math.min(bytes / produceRate(s, i), cap) : 0;
    if (lag > retention) {
      const keep = bytes * (retention / lag);
      lagBytes[i] = keep;
      lag = retention;
      s.g.metricsSpansLate += ((bytes - keep) / Math.max(1, cfg.tick.spanSize)) * weight[i]!;
      recordExpired(s, i, bytes - keep, 'those spans are missing from its metrics; traces are not affected');
    } else if (lag < retention * C.KAFKA_RETENTION_CLEAR_SHARE) s.consumer.expiring[i] = 0;
    lagSeconds[i] = lag;
    const was = lagging[i]!;
    if (lag > C.METRICS_GEN_INGESTION_SLACK_S ? was !== 0 : lag > C.METRICS_GEN_CAUGHT_UP_S || was === 0)
      continue;
    lagging[i] = was === 0 ? 1 : 0;
    for (let k = 0; k < weight[i]!; k++) {
      const name = cfg.names[i + k]!;
      if (was === 0)
        emit(
          s,
          name,
          'lag',
          `${name} is ${formatSeconds(lag)} behind its partitions: spans read after metrics_ingestion_time_range_slack (${formatSeconds(C.METRICS_GEN_INGESTION_SLACK_S)}) are left out of its metrics; traces are not affected`,
        );
      else
        emit(
          s,
          name,
          'caught-up',
          `${name} caught up with its partitions; ${formatCount(s.g.metricsSpansLate)} spans were left out of metrics so far`,
        );
    }
  }
}
