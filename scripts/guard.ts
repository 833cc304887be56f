/**
 * Run a CLI and write its result. The CLIs answer bad input with a message and exit code 2; should
 * one throw anyway, the user gets one line (no stack trace) and exit code 2 as well.
 */
import { escapeControls } from '../src/cli/text';

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

export function runGuarded(name: string, run: () => CliOutcome): void {
  let r: CliOutcome;
  try {
    r = run();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    r = { code: 2, stdout: '', stderr: `${name}: could not finish: ${escapeControls(message)}\n` };
  }
  if (r.stdout) process.stdout.write(r.stdout);
  if (r.stderr) process.stderr.write(r.stderr);
  process.exitCode = r.code;
}
