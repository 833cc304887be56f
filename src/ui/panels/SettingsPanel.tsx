import { withKafkaPartitions, withLiveStoreZones } from '../../model/limits';
import {
  deploymentFeatures,
  LIMITS,
  liveStoreZones,
  STORAGE_BACKENDS,
  ZONE_NAMES,
} from '../../model/scenario';
import { useScenarioStore } from '../store/scenarioStore';
import { NumberField } from './NumberField';
import { Section, Select, Toggle } from './ui';

export function SettingsPanel() {
  const s = useScenarioStore((st) => st.scenario);
  const setSettings = useScenarioStore((st) => st.setSettings);
  const apply = useScenarioStore((st) => st.apply);
  const { settings } = s;
  const { ingesterRing: hasRing, kafka: hasKafka, compactionChoice } = deploymentFeatures(s);
  return (
    <Section title="Settings">
      <div className="space-y-1.5">
        {hasRing && (
          <NumberField
            label="Replication factor"
            testId="setting-rf"
            value={settings.replicationFactor}
            min={LIMITS.replicationFactor.min}
            max={LIMITS.replicationFactor.max}
            step={1}
            onCommit={(v) => setSettings({ replicationFactor: Math.round(v) })}
          />
        )}
        {hasKafka && (
          <>
            <NumberField
              label="Kafka partitions"
              testId="setting-partitions"
              value={settings.kafkaPartitions}
              min={LIMITS.kafkaPartitions.min}
              max={LIMITS.kafkaPartitions.max}
              step={1}
              onCommit={(v) => apply((sc) => withKafkaPartitions(sc, v))}
            />
            <NumberField
              label="Live-store zones"
              testId="setting-zones"
              value={liveStoreZones(s)}
              min={1}
              max={ZONE_NAMES.length}
              step={1}
              onCommit={(v) => apply((sc) => withLiveStoreZones(sc, v))}
            />
          </>
        )}
        {compactionChoice && (
          <Select
            label="Compaction"
            value={settings.compaction}
            options={[
              { value: 'compactor', label: 'compactor' },
              { value: 'backend-scheduler', label: 'backend scheduler + workers' },
            ]}
            onChange={(compaction) => setSettings({ compaction })}
          />
        )}
        <Select
          label="Start as"
          testId="setting-start"
          value={settings.start ?? 'fresh'}
          options={[
            { value: 'steady', label: 'steady: holds its retention' },
            { value: 'fresh', label: 'fresh: just installed' },
          ]}
          onChange={(start) => setSettings({ start })}
        />
        <Select
          label="Storage backend"
          testId="setting-storage"
          value={settings.storageBackend}
          options={STORAGE_BACKENDS.map((b) => ({ value: b, label: b }))}
          onChange={(storageBackend) => setSettings({ storageBackend })}
        />
        <NumberField
          label="Retention"
          value={settings.retentionHours}
          min={1}
          max={24 * 365 * 10}
          step={24}
          suffix="hours"
          onCommit={(retentionHours) => setSettings({ retentionHours })}
        />
        <Toggle
          label="Metrics generator"
          checked={settings.metricsGenerator}
          onChange={(metricsGenerator) => setSettings({ metricsGenerator })}
        />
      </div>
    </Section>
  );
}
