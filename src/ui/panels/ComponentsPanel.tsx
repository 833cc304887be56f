import { componentSpec, GiB } from '../../model/catalog';
import { deploymentFeatures, LIMITS, minReplicasOf, processKinds } from '../../model/scenario';
import { useScenarioStore } from '../store/scenarioStore';
import { NumberField } from './NumberField';
import { Section } from './ui';

export function ComponentsPanel() {
  const s = useScenarioStore((st) => st.scenario);
  const setComponent = useScenarioStore((st) => st.setComponent);
  const features = deploymentFeatures(s);
  if (!features.supported) return null;
  const kinds = processKinds(s.tempoVersion, s.mode, s.settings);
  return (
    <Section title="Components">
      <div className="space-y-3">
        {kinds.map((kind) => {
          const c = s.components[kind];
          if (!c) return null;
          const spec = componentSpec(s.tempoVersion, kind);
          return (
            <fieldset key={kind} className="space-y-1" data-testid={`component-${kind}`}>
              <legend className="font-medium font-mono text-slate-900 text-sm dark:text-slate-100">
                {kind === 'tempo' ? `tempo (-target=${features.singleBinaryTarget})` : kind}
              </legend>
              <NumberField
                label="Replicas"
                testId={`replicas-${kind}`}
                value={c.replicas}
                min={minReplicasOf(kind)}
                max={spec.singleton ? 3 : LIMITS.replicas.max}
                step={1}
                onCommit={(replicas) => setComponent(kind, { replicas: Math.round(replicas) })}
              />
              <NumberField
                label="CPU limit"
                testId={`cpu-${kind}`}
                value={c.cpu}
                min={LIMITS.cpu.min}
                max={LIMITS.cpu.max}
                step={0.5}
                suffix="cores"
                onCommit={(cpu) => setComponent(kind, { cpu })}
              />
              <NumberField
                label="Memory limit"
                testId={`memory-${kind}`}
                value={Math.round((c.memoryBytes / GiB) * 100) / 100}
                min={LIMITS.memoryBytes.min / GiB}
                max={LIMITS.memoryBytes.max / GiB}
                step={0.5}
                suffix="GiB"
                onCommit={(g) => setComponent(kind, { memoryBytes: Math.round(g * GiB) })}
              />
            </fieldset>
          );
        })}
      </div>
    </Section>
  );
}
