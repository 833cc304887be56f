/** Struct-of-arrays helpers: a group of named Float64Arrays with one slot per instance. */

/** Field names of a group; each becomes a Float64Array with one slot per instance. */
export type Fields<K extends string> = { [F in K]: Float64Array };

export function fields<K extends string>(names: readonly K[], n: number): Fields<K> {
  const out = {} as Fields<K>;
  for (const f of names) out[f] = new Float64Array(n);
  return out;
}

export function copyFields<K extends string>(src: Fields<K>): Fields<K> {
  const out = {} as Fields<K>;
  for (const f of Object.keys(src) as K[]) out[f] = src[f].slice();
  return out;
}
