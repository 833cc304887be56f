import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_PAIRS } from '../model/modes';
import { createScenario } from '../model/scenario';
import { decodeScenario, encodeScenario, hashForScenario, scenarioFromLocationHash } from './link';

const pairs = SUPPORTED_PAIRS;

describe('share links', () => {
  it('round-trip every version x mode, positions and settings included', () => {
    for (const [v, m] of pairs) {
      const s = createScenario(v, m);
      s.layout = { client: { x: 12, y: -3 } };
      s.settings.bucket = 'a "b": <script>\n';
      const r = scenarioFromLocationHash(hashForScenario(s));
      expect(r).toEqual({ ok: true, scenario: s });
    }
  });

  it('round-trip arbitrary loads and seeds', () => {
    fc.assert(
      fc.property(
        fc.record({
          spansPerSecond: fc.integer({ min: 0, max: 20_000_000 }),
          seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
          name: fc.string({ maxLength: 200 }),
        }),
        ({ spansPerSecond, seed, name }) => {
          const s = { ...createScenario('3.0', 'microservices'), seed, name };
          s.load = { ...s.load, spansPerSecond };
          const r = decodeScenario(encodeScenario(s));
          expect(r).toEqual({ ok: true, scenario: s });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a hash without a scenario is not an error', () => {
    expect(scenarioFromLocationHash('')).toBeNull();
    expect(scenarioFromLocationHash('#other=1')).toBeNull();
  });

  it('truncated links are refused with a message', () => {
    const payload = encodeScenario(createScenario());
    for (const cut of [1, 5, Math.floor(payload.length / 2), payload.length - 3]) {
      const r = decodeScenario(payload.slice(0, cut));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message.length).toBeGreaterThan(10);
    }
  });

  it('never throws on tampered or random input, and every rejection has a message', () => {
    const valid = encodeScenario(createScenario('2.10', 'scalable-single-binary'));
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.array(fc.constantFrom(...alphabet.split('')), { maxLength: 400 }).map((a) => a.join('')),
          fc
            .tuple(fc.nat({ max: valid.length - 1 }), fc.constantFrom(...alphabet.split('')))
            .map(([i, c]) => valid.slice(0, i) + c + valid.slice(i + 1)),
        ),
        (payload) => {
          const r = decodeScenario(payload);
          if (!r.ok) expect(r.message).toMatch(/\w{4}/);
          else expect(r.scenario.schemaVersion).toBe(1);
        },
      ),
      { numRuns: 4000 },
    );
  }, 120_000);

  it('an encoded document that is not a scenario names the wrong field', () => {
    const r = decodeScenario(encodeScenario({ ...createScenario(), mode: 'cluster' } as never));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('mode');
  });
});
