import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { mermaidLiveUrl } from './mermaidLive';

describe('Open in Mermaid Live', () => {
  it('is a #pako: URL of the zlib-deflated JSON state, base64url, that decodes back to the diagram', async () => {
    const code = 'flowchart LR\n  a["ingester-0"] --> b[(object storage)]';
    const url = await mermaidLiveUrl(code);
    expect(url.startsWith('https://mermaid.live/edit#pako:')).toBe(true);
    const payload = url.split('#pako:')[1]!;
    expect(payload).toMatch(/^[A-Za-z0-9_-]+$/);
    const b64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const state = JSON.parse(inflateSync(Buffer.from(b64, 'base64')).toString('utf8'));
    expect(state.code).toBe(code);
    expect(JSON.parse(state.mermaid).theme).toBe('default');
  });
});
