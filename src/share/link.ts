/**
 * Share links: the whole scenario, compressed into the URL hash (`#s=...`). Decoding never throws:
 * a tampered, truncated or oversized link gives a message and the caller keeps its defaults.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { parseScenarioJson, type Scenario } from '../model/scenario';

export const HASH_KEY = 's';
/** A decoded scenario larger than this is refused (a real one is a few KB). */
export const MAX_DECODED_CHARS = 256 * 1024;
const MAX_PAYLOAD_CHARS = 64 * 1024;

export type DecodeResult = { ok: true; scenario: Scenario } | { ok: false; message: string };

export function encodeScenario(s: Scenario): string {
  return compressToEncodedURIComponent(JSON.stringify(s));
}

export function hashForScenario(s: Scenario): string {
  return `#${HASH_KEY}=${encodeScenario(s)}`;
}

export function decodeScenario(payload: string): DecodeResult {
  if (payload.length === 0) return { ok: false, message: 'The share link carries no scenario.' };
  if (payload.length > MAX_PAYLOAD_CHARS) {
    return {
      ok: false,
      message: `The share link is too long (${payload.length} characters); it was not opened.`,
    };
  }
  let json: string | null;
  try {
    json = decompressFromEncodedURIComponent(payload);
  } catch {
    json = null;
  }
  if (!json)
    return {
      ok: false,
      message: 'The share link is damaged (it does not decompress); it may have been cut short when copied.',
    };
  if (json.length > MAX_DECODED_CHARS)
    return { ok: false, message: 'The share link holds more data than a scenario can; it was not opened.' };
  const parsed = parseScenarioJson(json);
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
