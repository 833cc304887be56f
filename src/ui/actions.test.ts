import { describe, expect, it } from 'vitest';
import { ACTIONS, actionForKey } from './actions';

const key = (k: string, mods: Partial<{ ctrl: boolean; shift: boolean; meta: boolean; alt: boolean }> = {}) =>
  actionForKey({
    key: k,
    ctrlKey: !!mods.ctrl,
    metaKey: !!mods.meta,
    shiftKey: !!mods.shift,
    altKey: !!mods.alt,
  });

describe('keyboard shortcuts', () => {
  it('undo and redo the usual ways', () => {
    expect(key('z', { ctrl: true })).toBe('undo');
    expect(key('Z', { ctrl: true, shift: true })).toBe('redo');
    expect(key('y', { ctrl: true })).toBe('redo');
    expect(key('z', { meta: true })).toBe('undo');
  });

  it('play, step, fit and the sheet without modifiers only', () => {
    expect(key(' ')).toBe('play-pause');
    expect(key('.')).toBe('step');
    expect(key('f')).toBe('fit');
    expect(key('?', { shift: true })).toBe('shortcuts');
    expect(key('f', { ctrl: true })).toBeNull();
    expect(key('a')).toBeNull();
  });

  it('every action has a shortcut the key handler answers to', () => {
    for (const a of Object.values(ACTIONS)) {
      const first = a.keys[0]!;
      const parts = first.split('+');
      const k = parts[parts.length - 1] === 'Space' ? ' ' : parts[parts.length - 1]!;
      expect(
        key(k.length === 1 ? k.toLowerCase() : k, {
          ctrl: parts.includes('Ctrl'),
          shift: parts.includes('Shift'),
        }),
        first,
      ).toBe(a.id);
    }
  });
});
