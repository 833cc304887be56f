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
