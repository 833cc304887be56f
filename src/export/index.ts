/** Every export of a scenario, with file names and what `npm run check:deploy` proved of it. Pure. */
import type { Scenario } from '../model/scenario';
import { composeExport } from './compose';
import { helmValues } from './helm';
import { mermaidDiagram } from './mermaid';
import { provenFor } from './provenText';
import { tempoConfig } from './tempoConfig';

export interface ExportArtifact {
  id: 'tempo' | 'helm' | 'compose' | 'mermaid';
  label: string;
  fileName: string;
  text: string;
  language: 'yaml' | 'mermaid' | 'text';
  mime: string;
  note?: string;
  /** The check this artifact's version x mode passed, in the check's own words. */
  proven?: string;
}

export function exportAll(s: Scenario): ExportArtifact[] {
  const slug = `${s.tempoVersion}-${s.mode}`;
  const out: ExportArtifact[] = [];
  const proven = provenFor(s);
  const checked = (line: string | undefined) =>
    line ? `${proven?.passed ? 'Checked' : 'Check'}: ${line}` : undefined;
  if (!(s.tempoVersion === '3.0' && s.mode === 'scalable-single-binary')) {
    const t = tempoConfig(s);
    out.push({
      id: 'tempo',
      label: 'tempo.yaml',
      fileName: `tempo-${slug}.yaml`,
      text: t.yaml,
      language: 'yaml',
      mime: 'application/yaml',
      note: t.processes.map((p) => `${p.component} ×${p.replicas}`).join(', '),
      proven: checked(proven?.tempo),
    });
    const h = helmValues(s);
    out.push({
      id: 'helm',
      label: h.support.ok ? 'Helm values' : 'Helm (no chart)',
      fileName: h.fileName,
      text: h.yaml,
      language: h.support.ok ? 'yaml' : 'text',
      mime: h.support.ok ? 'application/yaml' : 'text/plain',
      note: h.support.ok
        ? `${h.chart.repo}/${h.chart.name} ${h.chart.version}`
        : `no chart deploys Tempo ${s.tempoVersion} ${s.mode} as configured`,
      proven: checked(proven?.helm),
    });
    const c = composeExport(s);
    out.push({
      id: 'compose',
      label: 'docker-compose',
      fileName: 'docker-compose.yaml',
      text: c.files[0]?.text ?? '',
      language: 'yaml',
      mime: 'application/yaml',
      note: `${c.tempoServices.length} Tempo services; the bundle adds its tempo.yaml and Grafana data source`,
      proven: checked(proven?.compose),
    });
  }
  out.push({
    id: 'mermaid',
    label: 'Mermaid',
    fileName: `tempo-${slug}.mmd`,
    text: mermaidDiagram(s),
    language: 'mermaid',
    mime: 'text/plain',
  });
  return out;
}

export { composeExport } from './compose';
export { helmValues } from './helm';
export { unknownKeys } from './keyCheck';
export { mermaidDiagram, mermaidText } from './mermaid';
export { tempoConfig } from './tempoConfig';
