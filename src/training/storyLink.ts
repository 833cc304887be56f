/**
 * Story links: a whole story file (its JSON) compressed into the URL hash (`#story=...`), with the same
 * limits as scenario links. A story too long for a link is saved as a file instead. Decoding never
 * throws and reads the text with the story-file parser.
 */
import { MAX_DECODED_CHARS, MAX_PAYLOAD_CHARS } from '../share/link';
import { decodeUriComponentBounded, encodeUriComponent } from '../share/lz';
import type { GuidedScenario } from './guided';
import { parseStoryFile, type StoryParse, storyToData } from './storyFile';

export const STORY_HASH_KEY = 'story';
export const STORY_TOO_LONG = 'This story is too long for a link: save it as a file and share the file.';

export type StoryLinkResult = { ok: true; hash: string } | { ok: false; message: string };

export function encodeStoryLink(g: GuidedScenario): StoryLinkResult {
  const json = JSON.stringify(storyToData(g));
  // A link that would not open is never made.
  const back = parseStoryFile(json);
  if (!back.ok) return { ok: false, message: `This story cannot be shared: ${back.errors[0]?.message}.` };
  if (json.length > MAX_DECODED_CHARS) return { ok: false, message: STORY_TOO_LONG };
  const payload = encodeUriComponent(json);
  if (payload.length > MAX_PAYLOAD_CHARS) return { ok: false, message: STORY_TOO_LONG };
  return { ok: true, hash: `#${STORY_HASH_KEY}=${payload}` };
}

/** The story a location hash carries; null when it carries none. */
export function storyFromLocationHash(hash: string): StoryParse | null {
  const body = hash.startsWith('#') ? hash.slice(1) : hash;
  for (const part of body.split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0 || part.slice(0, eq) !== STORY_HASH_KEY) continue;
    const payload = part.slice(eq + 1);
    if (payload.length === 0 || payload.length > MAX_PAYLOAD_CHARS)
      return { ok: false, errors: [{ message: 'The story link is empty or too long; it was not opened.' }] };
    const decoded = decodeUriComponentBounded(payload, MAX_DECODED_CHARS);
    if (!decoded.ok || decoded.text.length === 0)
      return {
        ok: false,
        errors: [
          {
            message:
              'The story link is damaged (it does not decompress); it may have been cut short when copied.',
          },
        ],
      };
    return parseStoryFile(decoded.text);
  }
  return null;
}
