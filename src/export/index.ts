/** Every export of a scenario, with file names. Pure: the UI, the CLI and the tests share it. */
import type { Scenario } from '../model/scenario';
import { helmValues } from './helm';
import { mermaidDiagram } from './mermaid';
import { tempoConfig } from './tempoConfig';

export interface ExportArtifact {
  id: 'tempo' | 'helm' | 'mermaid';
  label: string;
  fileName: string;
  text: string;
  language: 'yaml' | 'mermaid';
  mime: string;
  note?: string;
}

export function exportAll(s: Scenario): ExportArtifact[] {
  const slug = `${s.tempoVersion}-${s.mode}`;
  const out: ExportArtifact[] = [];
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
    });
    const h = helmValues(s);
    out.push({
      id: 'helm',
      label: 'Helm values',
      fileName: h.fileName,
      text: h.yaml,
      language: 'yaml',
      mime: 'application/yaml',
      note: `${h.chart.repo}/${h.chart.name} ${h.chart.version}`,
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

export { helmValues } from './helm';
export { unknownKeys } from './keyCheck';
export { mermaidDiagram, mermaidText } from './mermaid';
export { tempoConfig } from './tempoConfig';
