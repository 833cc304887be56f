/**
 * Share links: the whole scenario, compressed into the URL hash (`#s=...`). Decoding never throws:
 * a tampered, truncated or oversized link gives a message and the caller keeps its defaults.
 * Encoding checks its own output against the decoder's limits, so every link it makes opens.
 */
import type { Scenario } from '../model/scenario';
import { parseScenarioJson } from '../model/scenarioJson';
import { validateScenario } from '../model/validate';
import { decodeUriComponentBounded, encodeUriComponent } from './lz';

export const HASH_KEY = 's';
/** A decoded scenario larger than this is refused (a real one is a few KB). */
export const MAX_DECODED_CHARS = 256 * 1024;
/** The longest `#s=` payload the decoder accepts (and so the encoder makes). */
export const MAX_PAYLOAD_CHARS = 64 * 1024;

export const TOO_LONG_FOR_LINK = 'This scenario is too long for a link: save it as a file.';

export type DecodeResult = { ok: true; scenario: Scenario } | { ok: false; message: string };
export type EncodeResult =
  | { ok: true; payload: string; hash: string }
  /** too-long: a file carries it instead; invalid: nothing should carry it until it is fixed. */
  | { ok: false; message: string; reason: 'invalid' | 'too-long' };

/** The `#s=` payload of a scenario, or a message when the link would be refused when opened. */
export function encodeScenario(s: Scenario): EncodeResult {
  const json = JSON.stringify(s);
  // A link that would not open is never made: say what is wrong instead.
  const checked = parseScenarioJson(json);
  if (!checked.ok)
    return {
      ok: false,
      message: `This scenario cannot be shared: ${checked.errors[0] ?? 'it is not valid'}.`,
      reason: 'invalid',
    };
  // The checks' errors (Configure lists them) are refused too: a link only ever carries a scenario
  // Tempo would run, as the README promises.
  const errors = validateScenario(checked.value).filter((i) => i.severity === 'error');
  if (errors.length > 0)
    return {
      ok: false,
      message: `Not shared: the checks show ${errors.length === 1 ? 'an error' : `${errors.length} errors`}. ${errors[0]?.message} Fix ${errors.length === 1 ? 'it' : 'them'} (Configure lists the checks), then share.`,
      reason: 'invalid',
    };
  if (json.length > MAX_DECODED_CHARS) return { ok: false, message: TOO_LONG_FOR_LINK, reason: 'too-long' };
  const payload = encodeUriComponent(json);
  if (payload.length > MAX_PAYLOAD_CHARS)
    return { ok: false, message: TOO_LONG_FOR_LINK, reason: 'too-long' };
  return { ok: true, payload, hash: `#${HASH_KEY}=${payload}` };
}

/** The payload of any text, unchecked: for tests that build damaged or hostile links. */
export function encodeText(text: string): string {
  return encodeUriComponent(text);
}

export function decodeScenario(payload: string): DecodeResult {
  if (payload.length === 0) return { ok: false, message: 'The share link carries no scenario.' };
  if (payload.length > MAX_PAYLOAD_CHARS) {
    return {
      ok: false,
      message: `The share link is too long (${payload.length} characters); it was not opened.`,
    };
  }
  const decoded = decodeUriComponentBounded(payload, MAX_DECODED_CHARS);
  if (!decoded.ok && decoded.reason === 'too-large')
    return { ok: false, message: 'The share link holds more data than a scenario can; it was not opened.' };
  if (!decoded.ok || decoded.text.length === 0)
    return {
      ok: false,
      message: 'The share link is damaged (it does not decompress); it may have been cut short when copied.',
    };
  const parsed = parseScenarioJson(decoded.text);
  if (!parsed.ok) {
    return {
      ok: false,
      message: `The share link's scenario is not valid: ${parsed.errors.slice(0, 3).join('; ')}.`,
    };
  }
  return { ok: true, scenario: parsed.value };
}

/** Read `#s=...` from a location hash; null when the hash carries no scenario at all. */
export function scenarioFromLocationHash(hash: string): DecodeResult | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of body.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq) === HASH_KEY) return decodeScenario(part.slice(eq + 1));
  }
  return null;
}

/**
 * A share link as a person pastes it (the whole URL, or its `#s=...` part): the scenario, or why not.
 * A story link or any other text is named for what it is.
 */
export function scenarioFromLinkText(text: string): DecodeResult {
  const t = text.trim();
  if (!t) return { ok: false, message: 'Paste a share link first (Share copies one; it ends in #s=…).' };
  const at = t.indexOf('#');
  const hash = at >= 0 ? t.slice(at) : t.startsWith(`${HASH_KEY}=`) ? `#${t}` : '';
  if (/[#&]story=/.test(hash))
    return {
      ok: false,
      message: 'This is a story link, not a scenario link: play it from Learn → Guided scenarios.',
    };
  const r = hash ? scenarioFromLocationHash(hash) : null;
  if (!r)
    return {
      ok: false,
      message: 'This is not a share link: it has no #s= part (Share copies a link that ends in #s=…).',
    };
  return r;
}
