/**
 * A Mermaid flowchart of the topology: a subgraph per tier, labels with the target and replicas,
 * write paths solid, read paths dotted, ring membership thick-dashed. Syntax that Mermaid 11 and
 * GitHub's renderer accept: quoted labels, safe ids, entity codes for user text.
 */
import type { Tier } from '../model/catalog';
import type { Scenario } from '../model/scenario';
import { deriveTopology, type TopologyNode } from '../model/topology';

const TIER_TITLE: Record<Tier, string> = {
  source: 'Clients',
  ingest: 'Write path',
  buffer: 'Buffer',
  storage: 'Storage',
  query: 'Read path',
  backend: 'Compaction',
  coordination: 'Coordination',
};
const TIER_ORDER: Tier[] = ['source', 'ingest', 'buffer', 'coordination', 'query', 'storage', 'backend'];

/** Text safe inside a quoted Mermaid label: no quotes, brackets, pipes or newlines, no HTML. */
export function mermaidText(text: string): string {
  return text
    .replace(/[\r\n\u2028\u2029]+/g, ' ')
    .replace(/&/g, '#amp;')
    .replace(/"/g, '#quot;')
    .replace(/</g, '#lt;')
    .replace(/>/g, '#gt;')
    .replace(/[[\]{}()|`]/g, ' ')
    .replace(/#(?!amp;|quot;|lt;|gt;)/g, '#35;')
    .slice(0, 120);
}

/** Mermaid ids: letters, digits and underscores; prefixed so a keyword (end, graph) never appears alone. */
const mid = (id: string) => `n_${id.replace(/[^A-Za-z0-9]/g, '_')}`;

function label(n: TopologyNode, s: Scenario): string {
  const lines = [n.label];
  if (n.target) lines.push(`-target=${n.target}`);
  if (n.modules.length) lines.push(n.modules.join(', '));
  if (n.detail && !n.detail.startsWith('-target')) lines.push(n.detail);
  if (n.kind === 'object-storage' && s.settings.storageBackend !== 'local')
    lines[lines.length - 1] = `${s.settings.storageBackend}: ${s.settings.bucket}`;
  return lines.map(mermaidText).join('<br/>');
}

function shape(n: TopologyNode, text: string): string {
  const q = `"${text}"`;
  switch (n.kind) {
    case 'object-storage':
      return `[(${q})]`;
    case 'kafka':
      return `[[${q}]]`;
    case 'ring':
      return `((${q}))`;
    case 'client':
    case 'grafana':
      return `([${q}])`;
    default:
      return `[${q}]`;
  }
}

/** The file's title line: the scenario's name, after the version and mode unless the name says them already. */
export function mermaidTitle(s: Scenario): string {
  const pair = `Tempo ${s.tempoVersion} ${s.mode}`;
  const name = mermaidText(s.name).trim();
  return !name || name.toLowerCase().includes(pair.toLowerCase()) ? name || pair : `${pair}: ${name}`;
}

export function mermaidDiagram(s: Scenario): string {
  const t = deriveTopology(s);
  const lines = ['flowchart LR', `  %% ${mermaidTitle(s)}`];
  if (t.unsupported) {
    lines.push(`  note["${mermaidText(t.unsupported.reason)}"]`);
    return `${lines.join('\n')}\n`;
  }
  for (const tier of TIER_ORDER) {
    const members = t.nodes.filter((n) => n.tier === tier);
    if (!members.length) continue;
    lines.push(`  subgraph ${tier}["${TIER_TITLE[tier]}"]`);
    for (const n of members) lines.push(`    ${mid(n.id)}${shape(n, label(n, s))}`);
    lines.push('  end');
  }
  const arrow: Record<string, string> = {
    write: '-->',
    read: '-.->',
    compaction: '-.->',
    metrics: '-->',
    ring: '===',
  };
  for (const e of t.edges) {
    const text = e.label ? `|"${mermaidText(e.label)}"|` : '';
    lines.push(`  ${mid(e.source)} ${arrow[e.path]}${text} ${mid(e.target)}`);
  }
  return `${lines.join('\n')}\n`;
}
