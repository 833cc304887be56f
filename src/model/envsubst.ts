/**
 * Text in a file Tempo reads with -config.expand-env=true. Tempo runs the whole file through
 * drone/envsubst before parsing it (cmd/tempo/main.go, loadConfig, at v2.10.8 and v3.0.3; the
 * module is github.com/drone/envsubst v1.0.3). That scanner (parse/scan.go, scanEscaped) reads
 * `${...}` as a variable and takes `$$` as `$`, `\\` as `\` and `\/` as `/`. Pure.
 */

/** Text that comes out of the expansion exactly as given: `$` doubled, backslashes doubled. */
export function envsubstLiteral(text: string): string {
  return text.replaceAll('\\', () => '\\\\').replaceAll('$', () => '$$');
}

/** What the expansion leaves of escaped text (variables, `${...}`, are kept as written). */
export function envsubstUnescape(text: string): string {
  return text.replace(/\$\$|\\\\|\\\//g, (m) => m.slice(1));
}
