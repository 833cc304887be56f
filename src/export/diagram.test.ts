import { crc32, inflateSync } from 'node:zlib';
import DOMPurify from 'dompurify';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { svgToPng } from '../cli/png';
import { SUPPORTED_PAIRS } from '../model/modes';
import { createScenario } from '../model/scenario';
import { runExportCli } from './cli';

const scenario = { ...createScenario('2.10', 'microservices'), name: 'Docs <b>cluster</b> | *one*' };
const files: Record<string, string> = {
  'docs/arch.json': JSON.stringify(scenario),
  'v3.json': JSON.stringify(createScenario('3.0', 'microservices')),
  'ssb3.json': JSON.stringify({ ...createScenario('3.0', 'monolithic'), mode: 'scalable-single-binary' }),
};
const bytes: Record<string, Uint8Array> = {};
const texts: Record<string, string> = {};
const io = {
  readFile: (p: string) => {
    const f = files[p];
    if (f === undefined) throw new Error('ENOENT: no such file');
    return f;
  },
  writeFile: (p: string, t: string) => {
    texts[p] = t;
  },
  writeBytes: (p: string, b: Uint8Array) => {
    bytes[p] = b;
  },
  renderPng: svgToPng,
};
const run = (...argv: string[]) => runExportCli(argv, io);

/** Every text node of the parsed document, in order. */
function textsOf(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') out.push(node);
  else if (Array.isArray(node)) for (const n of node) textsOf(n, out);
  else if (node && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) if (k !== ':@') textsOf(v, out);
  return out;
}

/** A PNG decoded: chunks checked by CRC, the image data inflated to exactly one filtered row per line. */
function decodePng(b: Uint8Array) {
  const buf = Buffer.from(b);
  expect([...buf.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let off = 8;
  let width = 0;
  let height = 0;
  let colorType = -1;
  const idat: Buffer[] = [];
  for (;;) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    expect(buf.readUInt32BE(off + 8 + len)).toBe(crc32(buf.subarray(off + 4, off + 8 + len)));
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8); // bit depth
      colorType = data[9] ?? -1;
    } else if (type === 'IDAT') idat.push(data);
    off += 12 + len;
    if (type === 'IEND') break;
  }
  const channels = colorType === 6 ? 4 : colorType === 2 ? 3 : 0;
  expect(channels).toBeGreaterThan(0);
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe(height * (1 + width * channels));
  for (let y = 0; y < height; y++) expect(raw[y * (1 + width * channels)]).toBeLessThanOrEqual(4);
  return { width, height };
}

describe('diagrams for docs from the CLI, without a browser', () => {
  it('svg: well-formed XML, no foreignObject, every component name as text', () => {
    const r = run('docs/arch.json', '--format', 'svg', '--clean');
    expect(r.code).toBe(0);
    const svg = r.stdout;
    expect(XMLValidator.validate(svg)).toBe(true);
    expect(svg).not.toMatch(/foreignObject/i);
    const doc = new XMLParser({ preserveOrder: true, ignoreAttributes: false }).parse(svg);
    const words = textsOf(doc);
    for (const name of [
      'distributor-0',
      'distributor-1',
      'ingester-0',
      'ingester-2',
      'querier-1',
      'compactor-0',
    ])
      expect(words).toContain(name);
    expect(words).toContain('-target=query-frontend');
    // Clean: no live figures.
    expect(svg).not.toMatch(/healthy|\/s</);
  });

  it('svg with live figures shows the run after 60 s; dark and light differ only in colour', () => {
    const live = run('docs/arch.json', '--format', 'svg', '--theme', 'dark').stdout;
    expect(XMLValidator.validate(live)).toBe(true);
    expect(live).toContain('healthy');
    expect(live).toMatch(/>\d+(\.\d)?k\/s</);
    expect(live).toContain('fill="#0f172a"');
    const light = run('docs/arch.json', '--format', 'svg').stdout;
    expect(light.replace(/#[0-9a-f]{6}/g, '#')).toBe(live.replace(/#[0-9a-f]{6}/g, '#'));
  });

  it('the same scenario gives byte-identical svg (and png) twice', () => {
    for (const extra of [['--clean'], [], ['--theme', 'dark', '--width', '900']]) {
      const a = run('v3.json', '--format', 'svg', ...extra).stdout;
      const b = run('v3.json', '--format', 'svg', ...extra).stdout;
      expect(a.length).toBeGreaterThan(1000);
      expect(a === b).toBe(true);
    }
    run('v3.json', '--format', 'png', '--out', 'a.png', '--width', '400', '--clean');
    run('v3.json', '--format', 'png', '--out', 'b.png', '--width', '400', '--clean');
    expect(Buffer.from(bytes['a.png']!).equals(Buffer.from(bytes['b.png']!))).toBe(true);
  });

  it('--width sets the svg display size and keeps its proportions', () => {
    const own = run('v3.json', '--format', 'svg', '--clean').stdout;
    const [, w, h] = /width="(\d+)" height="(\d+)"/.exec(own)!.map(Number);
    const wide = run('v3.json', '--format', 'svg', '--clean', '--width', '3000').stdout;
    expect(wide).toContain(`width="3000" height="${Math.round((h! * 3000) / w!)}"`);
    expect(wide).toContain(`viewBox="0 0 ${w} ${h}"`);
  });

  it('png: decodes, at the asked width, in proportion', () => {
    for (const width of [320, 1280]) {
      const r = run('docs/arch.json', '--format', 'png', '--out', `d${width}.png`, '--width', String(width));
      expect(r.code).toBe(0);
      const png = decodePng(bytes[`d${width}.png`]!);
      expect(png.width).toBe(width);
      const own = /width="(\d+)" height="(\d+)"/.exec(run('docs/arch.json', '--format', 'svg').stdout)!;
      expect(Math.abs(png.height - (width * Number(own[2])) / Number(own[1]))).toBeLessThanOrEqual(1);
    }
    // Without --width: the drawing's own size.
    run('v3.json', '--format', 'png', '--out', 'own.png', '--clean');
    const own = /width="(\d+)"/.exec(run('v3.json', '--format', 'svg', '--clean').stdout)!;
    expect(decodePng(bytes['own.png']!).width).toBe(Number(own[1]));
  });

  it('md: image reference, a components table and a Mermaid block that Mermaid parses', async () => {
    const r = run('docs/arch.json', '--format', 'md');
    expect(r.code).toBe(0);
    const md = r.stdout;
    expect(md).toContain('![Tempo 2.10 microservices](arch.svg)');
    // The name is text, never markup or a broken table.
    expect(md.split('\n')[0]).toBe('# Docs &#60;b&#62;cluster&#60;/b&#62; &#124; &#42;one&#42;');
    expect(md).toContain('| ingester | `-target=ingester` | 3 | 2.5 | 8 GiB |');
    expect(md).toContain('| distributor | `-target=distributor` | 2 | 2 | 2 GiB |');
    expect(md).toContain('| compactor | `-target=compactor` | 1 | 1 | 4 GiB |');
    const block = /```mermaid\n([\s\S]*?)\n```/.exec(md)?.[1];
    expect(block).toBeDefined();
    await expect(mermaidParse(block!)).resolves.toMatchObject({ diagramType: 'flowchart-v2' });
    await expect(mermaidParse(`${block!}\n  n_x["broken`)).rejects.toThrow(/Parse error/);
    expect(run('docs/arch.json', '--format', 'md', '--image', 'img/a b.png').stdout).toContain(
      '(img/a%20b.png)',
    );
  }, 60_000);

  it('every version x mode pair gives valid svg and an md whose Mermaid parses', async () => {
    for (const [v, m] of SUPPORTED_PAIRS) {
      files['pair.json'] = JSON.stringify(createScenario(v, m));
      const svg = run('pair.json', '--format', 'svg', '--clean').stdout;
      expect(XMLValidator.validate(svg), `${v} ${m}`).toBe(true);
      const block = /```mermaid\n([\s\S]*?)\n```/.exec(run('pair.json', '--format', 'md').stdout)![1]!;
      await expect(mermaidParse(block)).resolves.toBeTruthy();
    }
  }, 60_000);

  it('refuses bad options and the pair Tempo does not have, with exit code 2', () => {
    expect(run('v3.json', '--format', 'png').stderr).toContain('png needs --out');
    expect(run('v3.json', '--format', 'svg', '--theme', 'blue').stderr).toContain(
      '--theme must be light or dark',
    );
    expect(run('v3.json', '--format', 'svg', '--width', '1e3').stderr).toContain(
      '--width must be a whole number',
    );
    expect(run('v3.json', '--format', 'svg', '--width', '0').code).toBe(2);
    const r = run('ssb3.json', '--format', 'svg');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('scalable-single-binary');
  });
});

/**
 * Mermaid's own parser (mermaid.parse, the one `mermaid.render` runs first) in Node. Mermaid cleans
 * label text with DOMPurify, which needs a DOM; without one it has no hooks, so it is given pass-through
 * ones here. The grammar that accepts or refuses the text is Mermaid's.
 */
async function mermaidParse(text: string) {
  const p = DOMPurify as unknown as Record<string, unknown>;
  if (typeof p.addHook !== 'function') {
    p.addHook = () => {};
    p.removeHook = () => {};
    p.removeHooks = () => {};
    p.sanitize = (s: unknown) => String(s);
  }
  const mermaid = (await import('mermaid')).default;
  return mermaid.parse(text);
}
