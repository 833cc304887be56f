/** The comparison as text a person reads: a Markdown table (bundle, CLI) and figures with units. */
import type { Measured } from '../model/measured';
import { formatBytes, formatCount } from '../sim/format';
import type { Comparison, ProcessComparison } from './compare';
import { NOTABLE_DIFF } from './compare';
import type { Stat } from './series';

export function formatCores(c: number): string {
  if (c === 0) return '0';
  if (c < 0.01) return '<0.01';
  return c < 10 ? String(Math.round(c * 100) / 100) : String(Math.round(c * 10) / 10);
}

export function formatDiff(d: number | undefined): string {
  if (d === undefined) return '–';
  const p = Math.round(d * 100);
  return `${p > 0 ? '+' : ''}${p}%`;
}

export function isNotable(d: number | undefined): boolean {
  return d !== undefined && Math.abs(d) > NOTABLE_DIFF;
}

const cpuStat = (s: Stat | undefined) => (s ? `${formatCores(s.median)} / ${formatCores(s.peak)}` : '–');
const memStat = (s: Stat | undefined) => (s ? `${formatBytes(s.median)} / ${formatBytes(s.peak)}` : '–');

/** A Markdown table cell: pipes and line breaks would break the table; angle brackets are shown as text. */
export function mdCell(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([`*_[\]])/g, '\\$1');
}

function isoUtc(epochSeconds: number): string {
  if (!(epochSeconds > 0)) return 'unknown';
  return new Date(Math.round(epochSeconds) * 1000).toISOString().replace('.000Z', 'Z');
}

export function measuredWhen(m: Measured): string {
  return `${isoUtc(m.from)} to ${isoUtc(m.to)}`;
}

function row(p: Pick<ProcessComparison, 'measured' | 'simulated' | 'diff'>, name: string): string[] {
  return [
    name,
    cpuStat(p.measured.cpu),
    formatCores(p.simulated.cpu.median),
    formatDiff(p.diff.cpu),
    memStat(p.measured.mem),
    formatBytes(p.simulated.mem.median),
    formatDiff(p.diff.mem),
  ];
}

const HEADER = [
  'process',
  'CPU measured (median / peak, cores)',
  'CPU simulated',
  'CPU diff',
  'memory measured (median / peak)',
  'memory simulated',
  'memory diff',
];

function table(rows: string[][]): string {
  const lines = [HEADER, HEADER.map(() => '---'), ...rows];
  return lines.map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** The whole comparison as Markdown: load, per-component and per-process tables, findings, unmatched. */
export function comparisonMarkdown(m: Measured, c: Comparison): string {
  const out: string[] = ['# Measured beside simulated', ''];
  out.push(`Measurements: ${mdCell(m.source)}, ${measuredWhen(m)}.`, '');
  const l = m.load;
  const load = [
    l.spansPerSecond !== undefined ? `${formatCount(l.spansPerSecond)} spans/s` : null,
    l.spanSizeBytes !== undefined ? `${formatCount(l.spanSizeBytes)} B per span` : null,
    l.spansPerTrace !== undefined ? `${Math.round(l.spansPerTrace * 10) / 10} spans per trace` : null,
    l.queriesPerSecond !== undefined ? `${Math.round(l.queriesPerSecond * 100) / 100} queries/s` : null,
  ].filter(Boolean);
  out.push(`Measured load (median): ${load.length ? load.join(', ') : 'none measured'}.`, '');
  if (m.latency)
    out.push(
      `Query latency measured: p50 ${Math.round(m.latency.p50Seconds * 1000)} ms, p99 ${Math.round(m.latency.p99Seconds * 1000)} ms.`,
      '',
    );
  out.push(`Differences past ±${NOTABLE_DIFF * 100}% are marked **bold**.`, '', '## Per component', '');
  out.push(
    table(
      c.components.map((k) => {
        const r = row(k, `${k.kind} (${k.measuredReplicas}/${k.replicas} measured)`);
        if (isNotable(k.diff.cpu)) r[3] = `**${r[3]}**`;
        if (isNotable(k.diff.mem)) r[6] = `**${r[6]}**`;
        return r;
      }),
    ),
    '',
    '## Per process',
    '',
  );
  out.push(
    table(
      c.processes.map((p) => {
        const r = row(p, p.name);
        if (isNotable(p.diff.cpu)) r[3] = `**${r[3]}**`;
        if (isNotable(p.diff.mem)) r[6] = `**${r[6]}**`;
        return r;
      }),
    ),
    '',
  );
  if (c.findings.length)
    out.push('## What the differences may mean', '', ...c.findings.map((f) => `- ${mdCell(f)}`), '');
  if (m.unmatched.length)
    out.push('## Series that matched no process', '', ...m.unmatched.map((u) => `- ${mdCell(u)}`), '');
  return out.join('\n');
}
