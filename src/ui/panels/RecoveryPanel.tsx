/**
 * Disks, Kafka and blocks: the volume of each stateful process, Kafka's retention and the block
 * timings, each with the key an operator sets in Tempo, the chart or Kafka.
 */
import type { ReactNode } from 'react';
import { GiB, type ProcessKind } from '../../model/catalog';
import { blockTimings, isStateful, kafkaRetentionHours, volumeBytes } from '../../model/recovery';
import { deploymentFeatures, LIMITS, processKinds } from '../../model/scenario';
import { useScenarioStore } from '../store/scenarioStore';
import { NumberField } from './NumberField';
import { Section } from './ui';

function Key({ children }: { children: ReactNode }) {
  return <p className="mb-1 font-mono text-[11px] text-slate-500 dark:text-slate-400">{children}</p>;
}

export function RecoveryPanel() {
  const s = useScenarioStore((st) => st.scenario);
  const setSettings = useScenarioStore((st) => st.setSettings);
  const setComponent = useScenarioStore((st) => st.setComponent);
  const { kafka, supported } = deploymentFeatures(s);
  if (!supported) return null;
  const kinds = processKinds(s.tempoVersion, s.mode, s.settings).filter(isStateful);
  const timings = blockTimings(s);
  const store = s.tempoVersion === '2.10' ? 'ingester' : 'live_store';
  const volumeKey = (kind: ProcessKind) =>
    kind === 'tempo'
      ? 'persistence.size'
      : kind === 'ingester'
        ? 'ingester.persistence.size'
        : 'volume (PVC) size';
  return (
    <Section title="Disks, Kafka and blocks">
      <div className="space-y-1.5">
        {kinds.map((kind) => (
          <div key={kind}>
            <NumberField
              label={`${kind} volume`}
              testId={`setting-volume-${kind}`}
              value={Math.round((volumeBytes(s, kind) / GiB) * 10) / 10}
              min={1}
              max={LIMITS.volumeBytes.max / GiB}
              step={10}
              suffix="GiB"
              onCommit={(gib) => setComponent(kind, { volumeBytes: gib * GiB })}
            />
            <Key>{volumeKey(kind)}</Key>
          </div>
        ))}
        {kafka && (
          <div>
            <NumberField
              label="Kafka retention"
              testId="setting-kafka-retention"
              value={Math.round(kafkaRetentionHours(s.settings) * 60)}
              min={1}
              max={LIMITS.kafkaRetentionHours.max * 60}
              step={60}
              integer
              suffix="min"
              onCommit={(min) => setSettings({ kafkaRetentionHours: min / 60 })}
            />
            <Key>topic retention.ms (Kafka)</Key>
          </div>
        )}
        <div>
          <NumberField
            label="Max block duration"
            testId="setting-max-block-duration"
            value={timings.maxBlockDurationSeconds}
            min={LIMITS.maxBlockDurationSeconds.min}
            max={LIMITS.maxBlockDurationSeconds.max}
            step={30}
            integer
            suffix="s"
            onCommit={(v) => setSettings({ maxBlockDurationSeconds: v })}
          />
          <Key>{store}.max_block_duration</Key>
        </div>
        <div>
          <NumberField
            label="Complete block timeout"
            testId="setting-complete-block-timeout"
            value={timings.completeBlockTimeoutSeconds}
            min={LIMITS.completeBlockTimeoutSeconds.min}
            max={LIMITS.completeBlockTimeoutSeconds.max}
            step={60}
            integer
            suffix="s"
            onCommit={(v) => setSettings({ completeBlockTimeoutSeconds: v })}
          />
          <Key>{store}.complete_block_timeout</Key>
        </div>
      </div>
    </Section>
  );
}
