/**
 * Per-tenant limits and search windows, each with the key an operator sets in Tempo (settings.limits
 * and the rate limits in the scenario), in two groups as the Disks, Kafka and blocks section is.
 */
import type { ReactNode } from 'react';
import { defaultRateLimit, tenantLimits } from '../../model/limits';
import type { TenantLimits } from '../../model/scenario';
import { useScenarioStore } from '../store/scenarioStore';
import { NumberField } from './NumberField';
import { Section } from './ui';

function Key({ children }: { children: ReactNode }) {
  // Tempo's keys are long: they wrap anywhere rather than run past the panel.
  return (
    <p className="mb-1 break-all font-mono text-[11px] text-slate-500 dark:text-slate-400">{children}</p>
  );
}

export function LimitsPanel() {
  const s = useScenarioStore((st) => st.scenario);
  const setSettings = useScenarioStore((st) => st.setSettings);
  const { settings } = s;
  const limits = tenantLimits(s);
  const rate = defaultRateLimit(s.tempoVersion);
  const setLimit = (patch: Partial<TenantLimits>) =>
    setSettings({ limits: { ...settings.limits, ...patch } });
  const store = s.tempoVersion === '2.10' ? 'ingester' : 'live-store';
  return (
    <>
      <Section title="Per-tenant limits">
        <div className="space-y-1.5">
          <div>
            <NumberField
              label="Ingestion rate limit (per distributor)"
              testId="setting-rate-limit"
              value={Math.round((settings.rateLimitBytes ?? rate.rateLimitBytes) / 1e6)}
              min={1}
              max={100_000}
              step={5}
              suffix="MB/s"
              onCommit={(mb) =>
                setSettings({
                  rateLimitBytes: mb * 1e6,
                  burstSizeBytes: Math.max(mb * 1e6, settings.burstSizeBytes ?? 0),
                })
              }
            />
            <Key>overrides.defaults.ingestion.rate_limit_bytes</Key>
          </div>
          <div>
            <NumberField
              label="Ingestion burst"
              testId="setting-burst"
              value={Math.round((settings.burstSizeBytes ?? rate.burstSizeBytes) / 1e6)}
              min={1}
              max={100_000}
              step={5}
              suffix="MB"
              onCommit={(mb) => setSettings({ burstSizeBytes: mb * 1e6 })}
            />
            <Key>overrides.defaults.ingestion.burst_size_bytes</Key>
          </div>
          <div>
            <NumberField
              label={`Live traces per ${store} (0 off)`}
              testId="setting-max-traces"
              value={limits.maxTracesPerUser}
              min={0}
              max={100_000_000}
              step={1000}
              integer
              onCommit={(n) => setLimit({ maxTracesPerUser: Math.round(n) })}
            />
            <Key>overrides.defaults.ingestion.max_traces_per_user</Key>
          </div>
          <div>
            <NumberField
              label="Largest trace (0 off)"
              testId="setting-max-trace-bytes"
              value={limits.maxBytesPerTrace / 1e6}
              min={0}
              max={1000}
              step={1}
              suffix="MB"
              onCommit={(mb) => setLimit({ maxBytesPerTrace: Math.round(mb * 1e6) })}
            />
            <Key>overrides.defaults.global.max_bytes_per_trace</Key>
          </div>
        </div>
      </Section>
      <Section title="Search windows">
        <div className="space-y-1.5">
          <div>
            <NumberField
              label={`Search the backend after (newer: ${s.tempoVersion === '2.10' ? 'ingesters' : 'live-stores'})`}
              testId="setting-backend-after"
              value={limits.queryBackendAfterSeconds / 60}
              min={0}
              max={7 * 24 * 60}
              step={5}
              suffix="min"
              onCommit={(m) => setLimit({ queryBackendAfterSeconds: Math.round(m * 60) })}
            />
            <Key>query_frontend.search.query_backend_after</Key>
          </div>
          {s.tempoVersion === '2.10' && (
            <div>
              <NumberField
                label="Search ingesters until"
                testId="setting-ingesters-until"
                value={limits.queryIngestersUntilSeconds / 60}
                min={0}
                max={7 * 24 * 60}
                step={5}
                suffix="min"
                onCommit={(m) => setLimit({ queryIngestersUntilSeconds: Math.round(m * 60) })}
              />
              <Key>query_frontend.search.query_ingesters_until</Key>
            </div>
          )}
        </div>
      </Section>
    </>
  );
}
