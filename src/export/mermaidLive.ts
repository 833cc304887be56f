/**
 * "Open in Mermaid Live": the editor's share format is `#pako:` followed by its JSON state
 * ({ code, mermaid, ... }) deflated in zlib format and base64url-encoded. The browser's own
 * CompressionStream('deflate') writes zlib format, so no library is needed.
 */
export const MERMAID_LIVE = 'https://mermaid.live/edit';

export function liveState(code: string, theme: 'default' | 'dark' = 'default') {
  return {
    code,
    mermaid: JSON.stringify({ theme }, null, 2),
    autoSync: true,
    updateDiagram: true,
  };
}

export function base64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]!);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export async function deflate(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function mermaidLiveUrl(code: string, theme: 'default' | 'dark' = 'default'): Promise<string> {
  const bytes = await deflate(JSON.stringify(liveState(code, theme)));
  return `${MERMAID_LIVE}#pako:${base64Url(bytes)}`;
}
