import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_PAIRS } from '../model/modes';
import { createScenario } from '../model/scenario';
import { deriveTopology } from '../model/topology';
import { diagramSvg } from './diagram';
import { docsTopology, topologySvg } from './svgDiagram';

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
    // Given to every write edge: shown wherever it clears the other edges' lines.
    const live = topologySvg(t, {
      theme: 'light',
      edgeLabels: new Map(t.edges.filter((e) => e.path === edge.path).map((e) => [e.id, '10.1k/s'])),
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

/** The labels and edge curves of a drawing, read back from its text. */
function geometry(svg: string) {
  const curves = [
    ...svg.matchAll(
      /<path d="M([-\d.]+) ([-\d.]+) C([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+)"[^>]*data-edge="([^"]+)"/g,
    ),
  ].map((m) => ({ edge: m[9]!, p: m.slice(1, 9).map(Number) }));
  const labels = [
    ...svg.matchAll(
      /<g data-edge="([^"]+)"><rect x="([-\d.]+)" y="([-\d.]+)" width="([-\d.]+)" height="([-\d.]+)"[^>]*\/><text[^>]*>([^<]*)<\/text>/g,
    ),
  ].map((m) => ({ edge: m[1]!, x: +m[2]!, y: +m[3]!, w: +m[4]!, h: +m[5]!, text: m[6]! }));
  return { curves, labels };
}

/** Points every half pixel or so along a cubic curve. */
function along(p: number[]) {
  const [x0, y0, x1, y1, x2, y2, x3, y3] = p as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const out: { x: number; y: number }[] = [];
  for (let i = 0; i <= 4000; i++) {
    const k = i / 4000;
    const u = 1 - k;
    out.push({
      x: u * u * u * x0 + 3 * u * u * k * x1 + 3 * u * k * k * x2 + k * k * k * x3,
      y: u * u * u * y0 + 3 * u * u * k * y1 + 3 * u * k * k * y2 + k * k * k * y3,
    });
  }
  return out;
}

describe('edge labels for documents (issue 20, item 12)', () => {
  const cases = SUPPORTED_PAIRS.flatMap(([v, m]) => {
    const s = createScenario(v, m);
    const t = deriveTopology(s);
    // A live label on every edge: the same rate on many of them, as a running cluster shows.
    const edgeLabels = new Map(t.edges.map((e, i) => [e.id, i % 3 === 0 ? '3.3k/s' : `${i}.0k/s`]));
    const docs = docsTopology(deriveTopology(s, { groupAbove: 1 }), v === '3.0');
    const docsLabels = new Map(docs.edges.map((e) => [e.id, '1.0k/s']));
    return [
      { name: `${v} ${m} canvas layout`, svg: topologySvg(t, { theme: 'light', edgeLabels }) },
      { name: `${v} ${m} clean`, svg: topologySvg(t, { theme: 'dark' }) },
      {
        name: `${v} ${m} docs width`,
        svg: topologySvg(docs, { theme: 'light', docs: true, edgeLabels: docsLabels }),
      },
      { name: `${v} ${m} docs width, clean`, svg: topologySvg(docs, { theme: 'light', docs: true }) },
    ];
  });

  it('no edge line runs through another edge’s label; no two labels overlap', () => {
    for (const c of cases) {
      const { curves, labels } = geometry(c.svg);
      expect(curves.length, c.name).toBeGreaterThan(0);
      for (const l of labels) {
        for (const k of curves) {
          if (k.edge === l.edge) continue;
          const through = along(k.p).some(
            (q) => q.x > l.x && q.x < l.x + l.w && q.y > l.y && q.y < l.y + l.h,
          );
          expect(through, `${c.name}: ${k.edge} through the label "${l.text}" of ${l.edge}`).toBe(false);
        }
        for (const o of labels)
          if (o !== l)
            expect(l.x + l.w <= o.x || o.x + o.w <= l.x || l.y + l.h <= o.y || o.y + o.h <= l.y, c.name).toBe(
              true,
            );
      }
    }
  });

  it('no two labels that say the same sit side by side; a component pair’s own label is said once', () => {
    for (const c of cases) {
      const { labels } = geometry(c.svg);
      for (const l of labels)
        for (const o of labels) {
          if (o === l || o.text !== l.text) continue;
          const gapX = Math.max(o.x - (l.x + l.w), l.x - (o.x + o.w));
          const gapY = Math.max(o.y - (l.y + l.h), l.y - (o.y + o.h));
          expect(Math.max(gapX, gapY), `${c.name}: "${l.text}" twice side by side`).toBeGreaterThanOrEqual(
            40,
          );
        }
    }
    // 2.10: `push ×3` says the same of all six distributor -> ingester edges: once.
    const clean = geometry(
      topologySvg(deriveTopology(createScenario('2.10', 'microservices')), { theme: 'light' }),
    );
    expect(clean.labels.filter((l) => l.text === 'push ×3').length).toBeLessThanOrEqual(1);
  });

  it('docs width: 800 px wide with no text under 11 px, every node and the legend inside', () => {
    for (const [v, m] of SUPPORTED_PAIRS) {
      const s = createScenario(v, m);
      for (const clean of [true, false]) {
        const r = diagramSvg(s, { theme: 'light', clean, docs: true });
        expect(r.ok).toBe(true);
        const svg = r.ok ? r.text : '';
        const [, w, , vw] = /width="(\d+)" height="(\d+)" viewBox="0 0 (\d+) (\d+)"/.exec(svg) ?? [];
        expect(Number(w)).toBe(800);
        const scale = Number(w) / Number(vw);
        expect(scale).toBeGreaterThan(0.99);
        const sizes = [...svg.matchAll(/font-size:(\d+)px/g)].map((x) => Number(x[1]) * scale);
        expect(Math.min(...sizes), `${v} ${m}`).toBeGreaterThanOrEqual(11);
        // No font-size set on an element itself (every text takes a class above).
        expect(svg).not.toMatch(/<text[^>]*font-size=/);
      }
    }
  });
});
