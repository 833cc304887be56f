/**
 * lz-string's `compressToEncodedURIComponent` format (the share links' `#s=` payload), without the
 * CommonJS package in the app. Encoding is lz-string 1.5's, output for output. Decoding is its
 * `_decompress` with two differences:
 * - it stops as soon as the output would pass `maxChars`, so a 64 KB payload crafted to expand
 *   to hundreds of millions of characters costs at most `maxChars` of work and memory
 *   (`heldChars` says how much it held when it stopped);
 * - a character outside the URI-safe alphabet is damage, not a silent zero.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
const VALUE = new Map<string, number>(Array.from(ALPHABET, (ch, i) => [ch, i]));

export type LzDecodeResult =
  | { ok: true; text: string }
  | { ok: false; reason: 'damaged' }
  | { ok: false; reason: 'too-large'; heldChars: number };

/** Decode a `compressToEncodedURIComponent` payload; never more than `maxChars` characters out. */
export function decodeUriComponentBounded(payload: string, maxChars: number): LzDecodeResult {
  // Links pasted through some mail clients turn `+` into a space, as lz-string also accepts.
  const input = payload.replace(/ /g, '+');
  const length = input.length;
  if (length === 0) return { ok: false, reason: 'damaged' };
  const values = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const v = VALUE.get(input.charAt(i));
    if (v === undefined) return { ok: false, reason: 'damaged' };
    values[i] = v;
  }
  const RESET = 32;
  let val = values[0] ?? 0;
  let position = RESET;
  let index = 1;
  const readBits = (n: number): number => {
    let bits = 0;
    for (let power = 1, k = 0; k < n; k++, power <<= 1) {
      const bit = val & position;
      position >>= 1;
      if (position === 0) {
        position = RESET;
        val = values[index++] ?? 0;
      }
      if (bit > 0) bits |= power;
    }
    return bits;
  };

  // Codes 0, 1 and 2 are markers (8-bit char, 16-bit char, end); the dictionary starts at 3.
  const dictionary: string[] = ['', '', ''];
  let enlargeIn = 4;
  let numBits = 3;
  const parts: string[] = [];
  let total = 0;

  const first = readBits(2);
  if (first > 1) return { ok: false, reason: 'damaged' };
  let w = String.fromCharCode(readBits(first === 0 ? 8 : 16));
  dictionary.push(w);
  parts.push(w);
  total = 1;

  for (;;) {
    if (index > length) return { ok: false, reason: 'damaged' };
    let c = readBits(numBits);
    if (c === 2) return { ok: true, text: parts.join('') };
    if (c === 0 || c === 1) {
      dictionary.push(String.fromCharCode(readBits(c === 0 ? 8 : 16)));
      c = dictionary.length - 1;
      enlargeIn--;
      if (enlargeIn === 0) {
        enlargeIn = 2 ** numBits;
        numBits++;
      }
    }
    let entry: string;
    if (c < dictionary.length) entry = dictionary[c] ?? '';
    else if (c === dictionary.length) entry = w + w.charAt(0);
    else return { ok: false, reason: 'damaged' };
    if (total + entry.length > maxChars) return { ok: false, reason: 'too-large', heldChars: total };
    total += entry.length;
    parts.push(entry);
    dictionary.push(w + entry.charAt(0));
    enlargeIn--;
    w = entry;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  }
}

/**
 * lz-string 1.5's `compressToEncodedURIComponent`, output for output (the tests compare the two),
 * so links made before and after this module read the same.
 */
export function encodeUriComponent(text: string): string {
  const out: string[] = [];
  let dataVal = 0;
  let dataPosition = 0;
  const writeBits = (n: number, value: number) => {
    let v = value;
    for (let i = 0; i < n; i++) {
      dataVal = (dataVal << 1) | (v & 1);
      if (dataPosition === 5) {
        dataPosition = 0;
        out.push(ALPHABET.charAt(dataVal));
        dataVal = 0;
      } else dataPosition++;
      v >>= 1;
    }
  };
  const dictionary = new Map<string, number>();
  const toCreate = new Set<string>();
  let enlargeIn = 2;
  let dictSize = 3;
  let numBits = 2;
  let w = '';
  const grow = () => {
    enlargeIn--;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** numBits;
      numBits++;
    }
  };
  const emitW = () => {
    if (toCreate.has(w)) {
      const code = w.charCodeAt(0);
      if (code < 256) {
        writeBits(numBits, 0);
        writeBits(8, code);
      } else {
        writeBits(numBits, 1);
        writeBits(16, code);
      }
      grow();
      toCreate.delete(w);
    } else writeBits(numBits, dictionary.get(w) ?? 0);
    grow();
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charAt(i);
    if (!dictionary.has(c)) {
      dictionary.set(c, dictSize++);
      toCreate.add(c);
    }
    const wc = w + c;
    if (dictionary.has(wc)) w = wc;
    else {
      emitW();
      dictionary.set(wc, dictSize++);
      w = c;
    }
  }
  if (w !== '') emitW();
  writeBits(numBits, 2);
  // Flush the last character.
  for (;;) {
    dataVal <<= 1;
    if (dataPosition === 5) {
      out.push(ALPHABET.charAt(dataVal));
      break;
    }
    dataPosition++;
  }
  return out.join('');
}
