/** `npm run export -- scenario.json --format tempo|helm|compose|mermaid|bundle [--out FILE]`: the exporters from a shell. */
import { escapeControls, shownArg } from '../cli/text';
import { parseScenarioJson } from '../model/scenario';
import { bundleZip } from './bundle';
import { composeExport } from './compose';
import { helmValues } from './helm';
import { mermaidDiagram } from './mermaid';
import { tempoConfig } from './tempoConfig';

export interface CliIo {
  readFile: (path: string) => string;
  writeFile: (path: string, text: string) => void;
  writeBytes?: (path: string, bytes: Uint8Array) => void;
  /** Are two paths one file (after symlinks)? --out must never overwrite the input. */
  sameFile?: (a: string, b: string) => boolean;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const USAGE =
  'usage: npm run export -- scenario.json --format tempo|helm|compose|mermaid|bundle [--out FILE]\n' +
  '  compose prints docker-compose.yaml (the bundle adds the files it mounts); bundle writes a .zip to --out';
const FORMATS = ['tempo', 'helm', 'compose', 'mermaid', 'bundle'];
const fail = (message: string): CliResult => ({
  code: 2,
  stdout: '',
  stderr: `export: ${message}\n${USAGE}\n`,
});

export function runExportCli(argv: string[], io: CliIo): CliResult {
  let file: string | undefined;
  let format: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--format') format = argv[++i];
    else if (a === '--out') out = argv[++i];
    else if (a?.startsWith('--')) return fail(`unknown option ${shownArg(a)}`);
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
  if (format === 'bundle') {
    if (!out || !io.writeBytes) return fail('bundle needs --out FILE.zip');
    const b = bundleZip(s);
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
