import { describe, expect, it } from 'vitest';
import type { SimEvent } from '../../sim/types';
import { collapseEvents, ranges } from './collapseEvents';

const ev = (t: number, instance: string, message: string, kind = 'lagging'): SimEvent =>
  ({ t, instance, kind, message }) as SimEvent;

describe('collapsed event log', () => {
  it('sixty replicas saying the same thing at the same second are one line', () => {
    const events = Array.from({ length: 60 }, (_, i) =>
      ev(30, `live-store-${i}`, `live-store-${i} is 10 s behind`),
    );
    const lines = collapseEvents(events);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ message: 'live-store-0..59 is 10 s behind', count: 60 });
  });

  it('keeps different messages, times and components apart, in order', () => {
    const lines = collapseEvents([
      ev(1, 'ingester-0', 'ingester-0 OOM-killed', 'oom-kill'),
      ev(1, 'ingester-2', 'ingester-2 OOM-killed', 'oom-kill'),
      ev(1, 'querier-2', 'querier-2 OOM-killed', 'oom-kill'),
      ev(2, 'ingester-1', 'ingester-1 OOM-killed', 'oom-kill'),
      ev(2, 'ingester-3', 'ingester-3 is 5 s behind'),
    ]);
    expect(lines.map((l) => l.message)).toEqual([
      'ingester-0, 2 OOM-killed',
      'querier-2 OOM-killed',
      'ingester-1 OOM-killed',
      'ingester-3 is 5 s behind',
    ]);
  });

  it('writes runs as ranges', () => {
    expect(ranges([3, 0, 1, 2, 7, 9, 10])).toBe('0..3, 7, 9..10');
  });
});
