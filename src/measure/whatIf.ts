/** What-if runs from a measured cluster: the same cluster at twice the load, and on Tempo 3.0. */
import { LIMITS, type Scenario } from '../model/scenario';
import { toTempo30 } from '../training/migration';

export type WhatIf = 'double-load' | 'tempo-3.0';

export function whatIfs(s: Scenario): { id: WhatIf; title: string }[] {
  return [
    { id: 'double-load', title: '2x the measured load' },
    ...(s.tempoVersion === '2.10'
      ? [{ id: 'tempo-3.0' as const, title: 'This cluster on Tempo 3.0 (the migration plan’s target)' }]
      : []),
  ];
}

/** The scenario a what-if runs: the measured one changed in one respect, same seed and events. */
export function whatIfScenario(s: Scenario, w: WhatIf): Scenario {
  if (w === 'double-load')
    return {
      ...s,
      name: `${s.name} at 2x load`.slice(0, 200),
      load: { ...s.load, spansPerSecond: Math.min(LIMITS.spansPerSecond.max, s.load.spansPerSecond * 2) },
    };
  const next = toTempo30(s);
  return { ...next, load: s.load, seed: s.seed, events: s.events };
}
