/**
 * What `npm run check:deploy` proved, per version x mode: written by the check into proven.json,
 * quoted by the Export panel. Nothing here is written by hand: `summarize` turns the check's
 * results into the sentences.
 */

export interface VariantResult {
  id: string;
  pair: string;
  problems: string[];
  tempoKeys: number;
  helm?: {
    chart: string;
    deployable: boolean;
    reason?: string;
    objects?: number;
    workloads?: { target: string; kind: string; replicas: number; image: string }[];
  };
  compose?: { services: number; tempoServices: number; schemaValid: boolean };
}

export interface PairProof {
  passed: boolean;
  helm: string;
  tempo: string;
  compose: string;
}

export interface Proven {
  generatedBy: string;
  helm: string;
  pairs: Record<string, PairProof>;
  variants: VariantResult[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function summarize(results: VariantResult[], helmVersion: string): Proven {
  const pairs: Record<string, PairProof> = {};
  for (const pair of [...new Set(results.map((r) => r.pair))]) {
    const rs = results.filter((r) => r.pair === pair);
    const failed = rs.filter((r) => r.problems.length);
    const rendered = rs.filter((r) => r.helm?.deployable && !r.problems.length);
    const refused = rs.filter((r) => r.helm && !r.helm.deployable);
    const first = rendered[0]?.helm;
    const version = pair.split('-')[0] ?? '';
    let helm: string;
    if (first) {
      const w = first.workloads ?? [];
      const image = [...new Set(w.map((x) => x.image))].join(', ');
      helm =
        `renders with helm ${helmVersion} and ${first.chart}: ${plural(w.length, 'workload')} ` +
        `(${w.map((x) => `${x.target} x${x.replicas}`).join(', ')}), image ${image}; ` +
        `targets, replicas, resources, retention, receivers, storage${version === '3.0' && pair.endsWith('microservices') ? ', Kafka and partitions' : ''} match the scenario in ${plural(rendered.length, 'variant')}, and what makes it run holds (the query-frontend address resolves before any pod is Ready, Tempo's flags reach only Tempo containers, storage is shared, every Service and WAL volume exists)`;
      if (refused.length)
        helm += `; ${plural(refused.length, 'variant')} no chart can deploy (the export says why)`;
    } else if (refused.length && !failed.length) {
      helm = `no chart can deploy it: ${refused[0]?.helm?.reason ?? ''} (checked that the export says so instead of writing values)`;
    } else helm = 'not proven';
    if (failed.length)
      helm = `FAILED in ${plural(failed.length, 'variant')}: ${failed[0]?.problems[0] ?? ''}`;
    const composeOk = rs.filter((r) => r.compose?.schemaValid).length;
    pairs[pair] = {
      passed: failed.length === 0,
      helm,
      tempo: `uses only keys Tempo ${version} knows (its config manifest) in ${plural(rs.length, 'variant')}`,
      compose:
        composeOk === rs.length
          ? `valid against the Compose specification schema, wiring checked (hostnames, join members, frontend, partitions) in ${plural(rs.length, 'variant')}`
          : `FAILED the Compose schema in ${plural(rs.length - composeOk, 'variant')}`,
    };
  }
  return { generatedBy: 'npm run check:deploy', helm: helmVersion, pairs, variants: results };
}
