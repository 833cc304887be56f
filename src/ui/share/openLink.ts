/**
 * Open what the address's hash carries: a scenario (`#s=...`) or a story (`#story=...`). A broken link
 * says so and keeps what is open. Lazy-loaded.
 */
import { scenarioFromLocationHash } from '../../share/link';
import { useScenarioStore } from '../store/scenarioStore';

export async function openLink(): Promise<void> {
  const hash = window.location.hash;
  history.replaceState(null, '', window.location.pathname + window.location.search);
  if (/[#&]story=/.test(hash)) {
    const { openStoryFromHash } = await import('../training/storyOpen');
    openStoryFromHash(hash);
    return;
  }
  const result = scenarioFromLocationHash(hash);
  if (!result) return;
  const store = useScenarioStore.getState();
  if (result.ok) store.load(result.scenario, 'Opened the scenario from the share link.');
  else store.notify('error', `${result.message} Showing the default scenario instead.`);
}
