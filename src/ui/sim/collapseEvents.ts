/**
 * The event log reads better when sixty replicas saying the same thing at the same second are one
 * line: "live-store-0..59 is 10 s behind". Only the replica number may differ.
 */
import type { SimEvent } from '../../sim/types';

export interface LogLine {
  t: number;
  kind: SimEvent['kind'];
  message: string;
  /** How many events this line stands for. */
  count: number;
}

/** "0..3, 7, 9..10" for the sorted replica numbers. */
export function ranges(nums: number[]): string {
  const sorted = [...new Set(nums)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j > i ? `${sorted[i]}..${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return parts.join(', ');
}

export function collapseEvents(events: readonly SimEvent[]): LogLine[] {
  const groups = new Map<string, { e: SimEvent; base: string; nums: number[]; template: string }>();
  const out: (LogLine | string)[] = [];
  for (const e of events) {
    const m = /^(.*)-(\d+)$/.exec(e.instance);
    if (!m || !e.message.includes(e.instance)) {
      out.push({ t: e.t, kind: e.kind, message: e.message, count: 1 });
      continue;
    }
    const base = m[1]!;
    const template = e.message.split(e.instance).join('\u0000');
    const key = `${e.t}|${e.kind}|${base}|${template}`;
    const g = groups.get(key);
    if (g) g.nums.push(Number(m[2]));
    else {
      groups.set(key, { e, base, nums: [Number(m[2])], template });
      out.push(key);
    }
  }
  return out.map((x) => {
    if (typeof x !== 'string') return x;
    const g = groups.get(x)!;
    if (g.nums.length === 1) return { t: g.e.t, kind: g.e.kind, message: g.e.message, count: 1 };
    const name = `${g.base}-${ranges(g.nums)}`;
    return { t: g.e.t, kind: g.e.kind, message: g.template.split('\u0000').join(name), count: g.nums.length };
  });
}
