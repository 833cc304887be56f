/** mulberry32: a tiny seeded PRNG. The state is one uint32, so it lives in plain serializable data. */

/** Advance the state; returns the next state and a float in [0, 1). */
export function nextRandom(state: number): { state: number; value: number } {
  const s = (state + 0x6d2b79f5) >>> 0;
  let x = s;
  x = Math.imul(x ^ (x >>> 15), x | 1);
  x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
  return { state: s, value: ((x ^ (x >>> 14)) >>> 0) / 4294967296 };
}

/** The value part only, for hot loops that keep the state in a number: `s = advance(s)`, `v = unitFloat(s)`. */
export function advance(state: number): number {
  return (state + 0x6d2b79f5) >>> 0;
}

export function unitFloat(advancedState: number): number {
  let x = advancedState;
  x = Math.imul(x ^ (x >>> 15), x | 1);
  x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
}

/** FNV-1a of a string, for deriving per-instance seeds from names. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
