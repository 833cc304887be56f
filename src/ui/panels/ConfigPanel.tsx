/** The configuration side panel's forms: loaded just after the first paint of the graph. */
import { ComponentsPanel } from './ComponentsPanel';
import { LimitsPanel } from './LimitsPanel';
import { RecoveryPanel } from './RecoveryPanel';
import { SettingsPanel } from './SettingsPanel';

export default function ConfigPanel() {
  return (
    <>
      <ComponentsPanel />
      <SettingsPanel />
      <LimitsPanel />
      <RecoveryPanel />
    </>
  );
}
