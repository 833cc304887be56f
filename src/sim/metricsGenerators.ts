/** Metrics-generators: every kept span is copied to them; they turn spans into series (CPU, memory). */
import * as C from './calibration';
import { countUp, walked } from './cohorts';
import type { SimState } from './state';

export function stepMetricsGenerators(s: SimState): void {
  const cfg = s.cfg;
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
