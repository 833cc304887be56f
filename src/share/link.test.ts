import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_PAIRS } from '../model/modes';
import { createScenario, MAX_SCHEDULED_EVENTS, type Scenario } from '../model/scenario';
import {
  decodeScenario,
  encodeScenario,
  encodeText,
  MAX_DECODED_CHARS,
  MAX_PAYLOAD_CHARS,
  scenarioFromLocationHash,
  TOO_LONG_FOR_LINK,
} from './link';
import { decodeUriComponentBounded, encodeUriComponent } from './lz';
import { oversizedScenario } from './oversized';

/** The payload of a scenario that must fit in a link. */
function payloadOf(s: Scenario): string {
  const r = encodeScenario(s);
  if (!r.ok) throw new Error(r.message);
  return r.payload;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';

/**
 * A decompression bomb built bit by bit: one 8-bit character, then code after code that names
 * the dictionary entry being defined (w + w[0]), so entry k is k characters long. 65,534 payload
 * characters describe about 340 million characters of output.
 */
function bombPayload(chars: number): string {
  const out: string[] = [];
  let val = 0;
  let pos = 0;
  const write = (n: number, value: number) => {
    let v = value;
    for (let i = 0; i < n; i++) {
      val = (val << 1) | (v & 1);
      if (pos === 5) {
        pos = 0;
        out.push(ALPHABET.charAt(val));
        val = 0;
      } else pos++;
      v >>= 1;
    }
  };
  write(2, 0);
  write(8, 'a'.charCodeAt(0));
  let dictSize = 4;
  let enlargeIn = 4;
  let numBits = 3;
  while (out.length < chars) {
    write(numBits, dictSize);
    dictSize++;
    enlargeIn--;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
  return out.join('').slice(0, chars);
}

const pairs = SUPPORTED_PAIRS;

describe('share links', () => {
  it('round-trip every version x mode, positions and settings included', () => {
    for (const [v, m] of pairs) {
      const s = createScenario(v, m);
      s.layout = { client: { x: 12, y: -3 } };
      s.settings.bucket = 'a "b": <script>\n';
      const e = encodeScenario(s);
      expect(e.ok).toBe(true);
      const r = scenarioFromLocationHash(e.ok ? e.hash : '');
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
          const r = decodeScenario(payloadOf(s));
          expect(r).toEqual({ ok: true, scenario: s });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a scenario the checks find an error in is not shared, and the reason is the check', () => {
    const s = createScenario('2.10', 'microservices');
    const ingester = s.components.ingester;
    if (!ingester) throw new Error('no ingester');
    const twoIngesters = { ...s, components: { ...s.components, ingester: { ...ingester, replicas: 2 } } };
    const r = encodeScenario(twoIngesters);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.reason).toBe('invalid');
    expect(r.message).toMatch(
      /^Not shared: the checks show an error\. ingester\.lifecycler\.ring\.replication_factor is 3 but there are only 2 ingesters/,
    );
    // Three ingesters (RF 3) pass the checks and share.
    expect(encodeScenario({ ...twoIngesters, components: s.components }).ok).toBe(true);
  });

  it('a hash without a scenario is not an error', () => {
    expect(scenarioFromLocationHash('')).toBeNull();
    expect(scenarioFromLocationHash('#other=1')).toBeNull();
  });

  it('truncated links are refused with a message', () => {
    const payload = payloadOf(createScenario());
    for (const cut of [1, 5, Math.floor(payload.length / 2), payload.length - 3]) {
      const r = decodeScenario(payload.slice(0, cut));
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message.length).toBeGreaterThan(10);
    }
  });

  it('never throws on tampered or random input, and every rejection has a message', () => {
    const valid = payloadOf(createScenario('2.10', 'scalable-single-binary'));
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
    const r = decodeScenario(encodeText(JSON.stringify({ ...createScenario(), mode: 'cluster' })));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('mode');
  });

  it('a 65,534-character decompression bomb is refused fast, never decoding past the cap', () => {
    const payload = bombPayload(65_534);
    expect(payload.length).toBe(65_534);
    const t0 = performance.now();
    const r = decodeScenario(payload);
    const ms = performance.now() - t0;
    expect(r).toEqual({
      ok: false,
      message: 'The share link holds more data than a scenario can; it was not opened.',
    });
    expect(ms).toBeLessThan(250); // lz-string itself takes about 700 ms on this payload
    const raw = decodeUriComponentBounded(payload, MAX_DECODED_CHARS);
    expect(raw).toMatchObject({ ok: false, reason: 'too-large' });
    if (!raw.ok && raw.reason === 'too-large') expect(raw.heldChars).toBeLessThanOrEqual(MAX_DECODED_CHARS);
    // The same bytes with a small cap: still refused, holding no more than the cap.
    const small = decodeUriComponentBounded(bombPayload(2000), 1000);
    expect(small).toMatchObject({ ok: false, reason: 'too-large' });
    if (!small.ok && small.reason === 'too-large') expect(small.heldChars).toBeLessThanOrEqual(1000);
  });

  it('the decoder reads what lz-string writes and the encoder writes what lz-string writes', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 200 })),
        (text) => {
          const theirs = compressToEncodedURIComponent(text);
          expect(encodeUriComponent(text)).toBe(theirs);
          const r = decodeUriComponentBounded(theirs, 1_000_000);
          if (text === '') expect(r.ok).toBe(false);
          else expect(r).toEqual({ ok: true, text });
        },
      ),
      { numRuns: 3000 },
    );
    // Links made by the app before this decoder open unchanged.
    for (const [v, m] of pairs) {
      const s = createScenario(v, m);
      expect(decodeScenario(compressToEncodedURIComponent(JSON.stringify(s)))).toEqual({
        ok: true,
        scenario: s,
      });
    }
  });

  it('decoding never holds more than the cap and agrees with lz-string below it (10,000 payloads)', () => {
    const valid = payloadOf(createScenario('3.0', 'microservices'));
    const chars = fc.constantFrom(...ALPHABET.split(''));
    const payload = fc.oneof(
      { weight: 4, arbitrary: fc.array(chars, { maxLength: 300 }).map((a) => a.join('')) },
      {
        weight: 3,
        arbitrary: fc
          .tuple(fc.nat({ max: valid.length - 1 }), chars)
          .map(([i, c]) => valid.slice(0, i) + c + valid.slice(i + 1)),
      },
      { weight: 1, arbitrary: fc.integer({ min: 10, max: 3000 }).map((n) => bombPayload(n)) },
      {
        weight: 1,
        arbitrary: fc.string({
          unit: fc.constantFrom('\u0000', '\u0085', '%', ' ', '\u2028', 'A'),
          maxLength: 50,
        }),
      },
    );
    fc.assert(
      fc.property(payload, fc.integer({ min: 1, max: 5000 }), (p, cap) => {
        const r = decodeUriComponentBounded(p, cap);
        if (r.ok) {
          expect(r.text.length).toBeLessThanOrEqual(cap);
          if (/^[A-Za-z0-9+$-]+$/.test(p)) expect(decompressFromEncodedURIComponent(p)).toBe(r.text);
        } else if (r.reason === 'too-large') expect(r.heldChars).toBeLessThanOrEqual(cap);
        const d = decodeScenario(p);
        if (!d.ok) expect(d.message).toMatch(/\w{4}/);
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);

  it('a schema-valid scenario too big for a link says so instead of making a link that will not open', () => {
    // 200 events whose instance names are 100 distinct non-Latin characters each: valid, incompressible.
    const s: Scenario = oversizedScenario('3.0', 'microservices');
    expect(encodeText(JSON.stringify(s)).length).toBeGreaterThan(MAX_PAYLOAD_CHARS);
    expect(encodeScenario(s)).toEqual({ ok: false, message: TOO_LONG_FOR_LINK, reason: 'too-long' });
  });

  it('every link the encoder makes opens (long event lists, long names)', () => {
    const event = fc.record({
      at: fc.nat({ max: 3600 }),
      kind: fc.constant('kill' as const),
      instance: fc.string({ unit: 'binary', maxLength: 100 }),
    });
    fc.assert(
      fc.property(
        fc.array(event, { maxLength: MAX_SCHEDULED_EVENTS }),
        fc.string({ maxLength: 200 }),
        (events, name) => {
          const s = { ...createScenario('2.10', 'monolithic'), events, name };
          const e = encodeScenario(s);
          if (e.ok) expect(decodeScenario(e.payload)).toEqual({ ok: true, scenario: s });
          else expect(e.message).toBe(TOO_LONG_FOR_LINK);
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);

  it("loads in Node's ESM loader (no named import from a CommonJS package)", () => {
    const script = `const m = await import(${JSON.stringify(new URL('./link.ts', import.meta.url).href)});
const e = m.encodeScenario(${JSON.stringify(createScenario())});
console.log(JSON.stringify(m.decodeScenario(e.payload).ok));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('true');
  }, 60_000);
});

describe('a share link pasted as text', () => {
  it('reads the whole URL or its hash, and names what is not one', async () => {
    const { scenarioFromLinkText } = await import('./link');
    const s = { ...createScenario('3.0', 'microservices'), name: 'Pasted' };
    const hash = `#s=${payloadOf(s)}`;
    for (const text of [`https://example.org/play/${hash}`, `  ${hash}\n`, hash.slice(1)]) {
      const r = scenarioFromLinkText(text);
      expect(r.ok && r.scenario.name).toBe('Pasted');
    }
    const no = (text: string) => {
      const r = scenarioFromLinkText(text);
      return r.ok ? '' : r.message;
    };
    expect(no('')).toMatch(/^Paste a share link first/);
    expect(no('https://example.org/')).toMatch(/^This is not a share link/);
    expect(no('https://example.org/#story=abc')).toMatch(/^This is a story link/);
    expect(no(`https://example.org/${hash.slice(0, 40)}`)).toMatch(/^The share link/);
  });
});
