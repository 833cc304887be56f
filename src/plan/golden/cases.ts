/**
 * Golden planner answers: a small grid of inputs whose answers are recorded in answers.json, so a
 * restructuring can prove the answers unchanged and a change of policy shows which figures moved
 * (`npm run golden:plan` re-records, only for a deliberate change).
 */
import type { DeploymentMode, TempoVersion } from '../../model/catalog';
import { DEFAULT_PLAN_INPUT, type PlanInput, plan } from '../planner';

export interface PlanGoldenCase {
  name: string;
  input: PlanInput;
}

const at = (mbps: number, version: TempoVersion, patch: Partial<PlanInput> = {}): PlanInput => ({
  ...DEFAULT_PLAN_INPUT,
  spansPerSecond: Math.round((mbps * 1e6) / DEFAULT_PLAN_INPUT.spanSizeBytes),
  version,
  ...patch,
});

const modes = (...m: DeploymentMode[]) => ({ modes: m });

export const PLAN_GOLDEN_CASES: PlanGoldenCase[] = [
  { name: '2.10 at 10 MB/s, every mode', input: at(10, '2.10') },
  { name: '2.10 at 100 MB/s, every mode', input: at(100, '2.10') },
  { name: '3.0 at 10 MB/s, every mode', input: at(10, '3.0') },
  { name: '3.0 at 100 MB/s, 2 zones', input: at(100, '3.0', { zones: 2, ...modes('microservices') }) },
  {
    name: '3.0 at 10 MB/s, no loss tolerated',
    input: at(10, '3.0', { tolerateLoss: false, ...modes('monolithic') }),
  },
  { name: '2.10 at 1 GB/s, microservices', input: at(1000, '2.10', modes('microservices')) },
  { name: '3.0 at 1 GB/s, microservices', input: at(1000, '3.0', modes('microservices')) },
];

/** What a case records: every mode's answer without the input (the case holds it). */
export function planGoldenRecord(c: PlanGoldenCase): unknown {
  return JSON.parse(JSON.stringify(plan(c.input).plans));
}
