/**
 * A schema-valid scenario far too big for a share link: the longest event list the schema takes, each
 * kill naming 100 distinct non-Latin characters (incompressible). Deterministic; used by the unit and
 * browser tests of "too long for a link".
 */
import { createScenario, MAX_SCHEDULED_EVENTS, type Scenario } from '../model/scenario';

export function oversizedScenario(version: Scenario['tempoVersion'], mode: Scenario['mode']): Scenario {
  let seed = 7;
  const rand = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return seed >>> 0;
  };
  const name = () =>
    Array.from({ length: 100 }, () => String.fromCharCode(0x100 + (rand() % 0xd600))).join('');
  return {
    ...createScenario(version, mode),
    name: 'Long event list',
    events: Array.from({ length: MAX_SCHEDULED_EVENTS }, (_, i) => ({
      at: i,
      kind: 'kill' as const,
      instance: name(),
    })),
  };
}
