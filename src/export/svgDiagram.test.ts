import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_PAIRS } from '../model/modes';
import { createScenario } from '../model/scenario';
import { deriveTopology } from '../model/topology';
import { topologySvg } from './svgDiagram';

const svgFor = (theme: 'light' | 'dark', extra = {}) =>
  topologySvg(deriveTopology(createScenario('2.10', 'microservices')), { theme, ...extra });

describe('vector SVG of the architecture', () => {
  it('draws nodes as rects and names as text, with no foreignObject, small', () => {
    const svg = svgFor('light');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).not.toContain('foreignObject');
    expect(svg).toContain('>ingester-0</text>');
    expect(svg).toContain('-target=distributor');
    expect((svg.match(/<path d="M/g) ?? []).length).toBeGreaterThan(10);
    expect(svg.length).toBeLessThan(300_000);
  });

  it('paints a dark background and light text in the dark theme; tier colours in both', () => {
    const dark = svgFor('dark');
    expect(dark).toContain('<rect width="100%" height="100%" fill="#0f172a"/>');
    expect(dark).toContain('fill:#f8fafc');
    expect(dark).toContain('#fb923c'); // ingest tier accent
    expect(svgFor('light')).toContain('#f97316');
  });

  it('is clean without live numbers, and carries them when given', () => {
    const t = deriveTopology(createScenario('2.10', 'microservices'));
    const edge = t.edges.find((e) => e.path === 'write')!;
    const clean = topologySvg(t, { theme: 'light' });
    expect(clean).not.toContain('10.1k/s');
    const live = topologySvg(t, {
      theme: 'light',
      edgeLabels: new Map([[edge.id, '10.1k/s']]),
      nodeStatus: new Map([['ingester-0', 'mem 692 MiB/8 GiB · healthy']]),
    });
    expect(live).toContain('10.1k/s');
    expect(live).toContain('mem 692 MiB/8 GiB · healthy');
  });

  it('escapes text and renders every version x mode pair', () => {
    for (const [v, m] of SUPPORTED_PAIRS) {
      const s = createScenario(v, m);
      const svg = topologySvg(deriveTopology({ ...s, settings: { ...s.settings, bucket: 'a<b&c' } }), {
        theme: 'light',
      });
      expect(svg).not.toMatch(/<b&c/);
      expect(svg).toContain('</svg>');
    }
  });
});

/** Is every character one XML 1.0 allows, and every `&` an entity? (What a parser checks of text.) */
function xmlProblem(svg: string): string | null {
  for (let i = 0; i < svg.length; i++) {
    const c = svg.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = svg.charCodeAt(i + 1);
      if (!(d >= 0xdc00 && d <= 0xdfff)) return `lone high surrogate at ${i}`;
      i++;
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) return `lone low surrogate at ${i}`;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0xfffe || c === 0xffff)
      return `character U+${c.toString(16)} at ${i}`;
    if (svg[i] === '&' && !/^&(amp|lt|gt|quot);/.test(svg.slice(i, i + 6))) return `bare & at ${i}`;
  }
  return null;
}

describe('SVG text from the user (item 11)', () => {
  it('control characters and lone surrogates give a well-formed file with a visible mark', () => {
    const s = createScenario('3.0', 'microservices');
    const bucket = 'a\u0000b\u0007c\u001bd\u007fe\ud800f\udc00g\ufffeh<&>"';
    const t = deriveTopology({ ...s, settings: { ...s.settings, storageBackend: 's3', bucket } });
    const svg = topologySvg(t, {
      theme: 'dark',
      title: 'title \u0001\ud83d',
      edgeLabels: new Map([[t.edges[0]!.id, '\u000b1k/s']]),
      nodeStatus: new Map([[t.nodes[0]!.id, 'ok\u0008\udfff']]),
    });
    expect(xmlProblem(svg)).toBeNull();
    expect(svg).toContain('s3: a\u2400b\u2407c\u241bd\u2421e\ufffdf\ufffdg\ufffdh&lt;&amp;&gt;&quot;');
    // A well-formed pair (an emoji) is kept as it is.
    expect(
      topologySvg(deriveTopology({ ...s, settings: { ...s.settings, bucket: 'b\ud83d\ude00' } }), {
        theme: 'light',
      }),
    ).toContain('b\ud83d\ude00');
  });

  it('any text in bucket, title, edge labels and status (2,000 generated) gives well-formed XML', () => {
    const s = createScenario('2.10', 'scalable-single-binary');
    const text = fc.string({ unit: 'binary', maxLength: 30 });
    fc.assert(
      fc.property(text, text, text, text, (bucket, title, label, status) => {
        const t = deriveTopology({
          ...s,
          settings: { ...s.settings, storageBackend: 'gcs', bucket: bucket || 'b' },
        });
        const svg = topologySvg(t, {
          theme: 'light',
          title,
          edgeLabels: new Map(t.edges.map((e) => [e.id, label])),
          nodeStatus: new Map(t.nodes.map((n) => [n.id, status])),
        });
        expect(xmlProblem(svg)).toBeNull();
        // What the UI does with it: a data: URL (encodeURIComponent throws on a lone surrogate).
        expect(() => encodeURIComponent(svg)).not.toThrow();
      }),
      { numRuns: 2000 },
    );
  }, 60_000);
});
