/**
 * `npm run export -- scenario.json --format tempo|helm|compose|mermaid|bundle|svg|png|md [--out FILE]`:
 * the exporters from a shell, and the diagram for docs (`--theme light|dark`, `--clean`, `--width N`,
 * `--image PATH` for md) without a browser.
 */
import { escapeControls, parseWholeArg, shownArg } from '../cli/text';
import type { Scenario } from '../model/scenario';
import { parseScenarioJson } from '../model/scenarioJson';
import { bundleDocsSvg, bundleZip } from './bundle';
import { composeExport } from './compose';
import { diagramMarkdown, diagramSvg } from './diagram';
import { helmValues } from './helm';
import { mermaidDiagram } from './mermaid';
import { DOCS_WIDTH } from './svgDiagram';
import { tempoConfig } from './tempoConfig';

export interface CliIo {
  readFile: (path: string) => string;
  writeFile: (path: string, text: string) => void;
  writeBytes?: (path: string, bytes: Uint8Array) => void;
  /** Are two paths one file (after symlinks)? --out must never overwrite the input. */
  sameFile?: (a: string, b: string) => boolean;
  /** SVG to PNG bytes at a width in pixels (Node only: src/cli/png.ts). */
  renderPng?: (svg: string, width?: number) => Uint8Array;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const USAGE =
  'usage: npm run export -- scenario.json --format tempo|helm|compose|mermaid|bundle|svg|png|md [--out FILE]\n' +
  '         [--theme light|dark] [--clean] [--docs] [--width N] [--image PATH]\n' +
  '  compose prints docker-compose.yaml (the bundle adds the files it mounts); bundle writes a .zip to --out\n' +
  '  svg, png: the architecture drawing (--clean: without the live figures of a 60 s run; --docs: 800 px\n' +
  '      wide, one node per component, no text under 11 px); png needs --out\n' +
  '  md: a Markdown page with the image (--image, default the scenario file name with .svg), the\n' +
  '      components and the Mermaid source';
const FORMATS = ['tempo', 'helm', 'compose', 'mermaid', 'bundle', 'svg', 'png', 'md'];
const MAX_WIDTH = 10_000;
const fail = (message: string): CliResult => ({
  code: 2,
  stdout: '',
  stderr: `export: ${message}\n${USAGE}\n`,
});

export function runExportCli(argv: string[], io: CliIo): CliResult {
  let file: string | undefined;
  let format: string | undefined;
  let out: string | undefined;
  let theme: 'light' | 'dark' = 'light';
  let clean = false;
  let docs = false;
  let width: number | undefined;
  let image: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--format') format = argv[++i];
    else if (a === '--out') out = argv[++i];
    else if (a === '--clean') clean = true;
    else if (a === '--docs') docs = true;
    else if (a === '--image') {
      image = argv[++i];
      if (image === undefined || image === '') return fail('--image needs a path');
    } else if (a === '--theme') {
      const v = argv[++i];
      if (v !== 'light' && v !== 'dark')
        return fail(`--theme must be light or dark (got ${v === undefined ? 'nothing' : shownArg(v)})`);
      theme = v;
    } else if (a === '--width') {
      const v = argv[++i];
      const n = parseWholeArg(v, 16, MAX_WIDTH);
      if (n === null)
        return fail(
          `--width must be a whole number of pixels from 16 to ${MAX_WIDTH}, in digits (got ${v === undefined ? 'nothing' : shownArg(v)})`,
        );
      width = n;
    } else if (a?.startsWith('--')) return fail(`unknown option ${shownArg(a)}`);
    else if (file === undefined) file = a;
    else return fail(`unexpected argument ${shownArg(a ?? '')}`);
  }
  if (!file) return fail('no scenario file given');
  if (!format || !FORMATS.includes(format))
    return fail(
      `--format must be one of ${FORMATS.join(', ')} (got ${format === undefined ? 'nothing' : shownArg(format)})`,
    );
  if (out === undefined && argv.includes('--out')) return fail('--out needs a file name');
  if (out !== undefined && (out === file || io.sameFile?.(file, out)))
    return fail(`--out ${shownArg(out)} is the input file; write the export to another file`);
  let text: string;
  try {
    text = io.readFile(file);
  } catch (e) {
    return fail(`cannot read ${shownArg(file)}: ${escapeControls((e as Error).message)}`);
  }
  const parsed = parseScenarioJson(text);
  if (!parsed.ok)
    return fail(
      `${shownArg(file)} is not a valid scenario:\n  ${parsed.errors.map(escapeControls).join('\n  ')}`,
    );
  const s = parsed.value;
  if (format !== 'mermaid' && s.tempoVersion === '3.0' && s.mode === 'scalable-single-binary') {
    return fail('Tempo 3.0 has no scalable-single-binary target; use mode monolithic (target: all)');
  }
  if (format === 'helm') {
    const h = helmValues(s);
    if (!h.support.ok) return fail(h.yaml.trim());
  }
  if (format === 'svg' || format === 'png' || format === 'md')
    return diagram(format, s, file, io, {
      out,
      theme,
      clean,
      docs,
      width,
      image,
    });
  if (format === 'bundle') {
    if (!out || !io.writeBytes) return fail('bundle needs --out FILE.zip');
    // The bundle's docs-width PNG, where a renderer is at hand (the CLI's resvg).
    const docsSvg = io.renderPng ? bundleDocsSvg(s) : null;
    let docsPng: Uint8Array | undefined;
    try {
      docsPng = docsSvg && io.renderPng ? io.renderPng(docsSvg, DOCS_WIDTH) : undefined;
    } catch (e) {
      return fail(`cannot render the diagram: ${escapeControls((e as Error).message)}`);
    }
    const b = bundleZip(s, { docsPng });
    try {
      io.writeBytes(out, b.bytes);
    } catch (e) {
      return fail(`cannot write ${escapeControls(out)}: ${escapeControls((e as Error).message)}`);
    }
    return {
      code: 0,
      stdout: '',
      stderr: `wrote ${escapeControls(out)} (folder ${escapeControls(b.fileName.replace(/\.zip$/, ''))}/)\n`,
    };
  }
  const result =
    format === 'tempo'
      ? tempoConfig(s).yaml
      : format === 'helm'
        ? helmValues(s).yaml
        : format === 'compose'
          ? (composeExport(s).files[0]?.text ?? '')
          : mermaidDiagram(s);
  if (out) {
    try {
      io.writeFile(out, result);
    } catch (e) {
      return fail(`cannot write ${escapeControls(out)}: ${escapeControls((e as Error).message)}`);
    }
    return { code: 0, stdout: '', stderr: `wrote ${escapeControls(out)}\n` };
  }
  return { code: 0, stdout: result, stderr: '' };
}

interface DiagramArgs {
  out: string | undefined;
  theme: 'light' | 'dark';
  clean: boolean;
  docs: boolean;
  width: number | undefined;
  image: string | undefined;
}

/** The scenario file's name with another extension: `docs/arch.json` -> `arch.svg`. */
function sibling(file: string, ext: string): string {
  const base = file.split(/[\\/]/).pop() ?? file;
  return `${base.replace(/\.[^.]*$/, '') || 'diagram'}.${ext}`;
}

function diagram(
  format: 'svg' | 'png' | 'md',
  s: Scenario,
  file: string,
  io: CliIo,
  a: DiagramArgs,
): CliResult {
  const write = (text: string | Uint8Array): CliResult => {
    if (!a.out) {
      if (typeof text !== 'string') return fail('png needs --out FILE.png');
      return { code: 0, stdout: text, stderr: '' };
    }
    try {
      if (typeof text === 'string') io.writeFile(a.out, text);
      else if (io.writeBytes) io.writeBytes(a.out, text);
      else return fail('png needs --out FILE.png');
    } catch (e) {
      return fail(`cannot write ${escapeControls(a.out)}: ${escapeControls((e as Error).message)}`);
    }
    return { code: 0, stdout: '', stderr: `wrote ${escapeControls(a.out)}\n` };
  };
  if (format === 'md') {
    const md = diagramMarkdown(s, { image: a.image ?? sibling(file, 'svg') });
    return md.ok ? write(md.text) : fail(md.message);
  }
  if (format === 'png') {
    if (!a.out || !io.writeBytes) return fail('png needs --out FILE.png');
    if (!io.renderPng) return fail('png rendering is not available here');
  }
  // A PNG is rendered from the drawing at its own size and scaled by the renderer to --width.
  const svg = diagramSvg(s, {
    theme: a.theme,
    clean: a.clean,
    docs: a.docs,
    width: format === 'svg' ? a.width : undefined,
  });
  if (!svg.ok) return fail(svg.message);
  if (format === 'svg') return write(svg.text);
  let png: Uint8Array;
  try {
    // At docs width the PNG is as wide as the drawing is shown (800 px) unless --width says otherwise.
    png = io.renderPng!(svg.text, a.width ?? (a.docs ? DOCS_WIDTH : undefined));
  } catch (e) {
    return fail(`could not render the PNG: ${escapeControls((e as Error).message)}`);
  }
  return write(png);
}
