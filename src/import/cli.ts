/** `npm run import -- FILE`: a tempo.yaml, Helm values, docker-compose or scenario file in, the scenario JSON out. */
import { mountSource } from '../cli/files';
import { escapeControls } from '../cli/text';
import type { MountRead } from './compose';
import { importAny } from './index';
import { excerpt, type ImportMessage } from './messages';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const where = (m: ImportMessage) =>
  [m.line ? `line ${m.line}` : '', m.key ? escapeControls(excerpt(m.key, 120)) : '']
    .filter(Boolean)
    .join(', ');
/**
 * One message; keys and messages quote the input, so their control characters are escaped, and
 * none is longer than a few lines (the importers quote excerpts; this is the last guard).
 */
const line = (m: ImportMessage) => {
  const text = escapeControls(excerpt(m.message, 400));
  return where(m) ? `${where(m)}: ${text}` : text;
};

/** JSON with C1 controls and U+2028/U+2029 written as \u escapes too (JSON.stringify leaves them raw). */
const terminalSafeJson = (value: unknown) =>
  JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/**
 * `readFile` reads the input (scripts/import.ts: a regular file of at most 1 MB); `readMounted`
 * reads a file the compose file mounts, confined to the compose file's folder. Without it, the
 * mount is resolved here with the same folder rule and read with `readFile`.
 */
export function runImportCli(
  argv: string[],
  readFile: (path: string) => string,
  readMounted?: (composeFile: string, source: string) => MountRead,
): CliResult {
  const usage =
    'usage: npm run import -- FILE (tempo.yaml, Helm values, docker-compose.yaml or a scenario .json)';
  const [file, ...rest] = argv;
  if (!file || rest.length)
    return {
      code: 2,
      stdout: '',
      stderr: `import: ${file ? 'one file at a time' : 'no file given'}\n${usage}\n`,
    };
  let text: string;
  try {
    text = readFile(file);
  } catch (e) {
    return {
      code: 2,
      stdout: '',
      stderr: `import: cannot read ${escapeControls(file)}: ${escapeControls((e as Error).message)}\n`,
    };
  }
  // A docker-compose file's mounted tempo.yaml is read relative to the compose file, never outside its folder.
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '.';
  const mounted = (source: string): MountRead => {
    if (readMounted) return readMounted(file, source);
    const where = mountSource(dir, source);
    if ('refused' in where) return where;
    try {
      return readFile(where.path);
    } catch {
      return undefined;
    }
  };
  const r = importAny(text, undefined, mounted);
  if (!r.ok)
    return {
      code: 2,
      stdout: '',
      stderr: `import: ${escapeControls(file)} was not imported:\n${r.errors.map((e) => `  ${line(e)}`).join('\n')}\n`,
    };
  const warnings = r.warnings.map((w) => `warning: ${line(w)}\n`).join('');
  return {
    code: 0,
    stdout: `${terminalSafeJson(r.scenario)}\n`,
    stderr: `read as ${r.kind}\n${warnings}`,
  };
}
