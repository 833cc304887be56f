/** The sentences `npm run check:deploy` wrote for a scenario's version x mode (src/export/proven.json). */
import type { Scenario } from '../model/scenario';
import type { Proven } from './proven';
import proven from './proven.json';

export interface ProvenLines {
  helm: string;
  tempo: string;
  compose: string;
  passed: boolean;
  by: string;
}

export function provenFor(s: Pick<Scenario, 'tempoVersion' | 'mode'>): ProvenLines | null {
  const p = (proven as Proven).pairs[`${s.tempoVersion}-${s.mode}`];
  return p ? { ...p, by: `${proven.generatedBy} (helm ${proven.helm})` } : null;
}
