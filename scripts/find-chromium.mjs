// Where is a Chromium that Playwright can drive? Used by playwright.config.ts and scripts/e2e.mjs.
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

/** Returns { path } for a system browser, { path: undefined } for Playwright's own download, or null. */
export async function findChromium() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? { path: fromEnv } : null;
  for (const p of CANDIDATES) if (existsSync(p)) return { path: p };
  try {
    const { chromium } = await import('@playwright/test');
    const own = chromium.executablePath();
    if (own && existsSync(own)) return { path: undefined };
  } catch {
    // Playwright not installed yet.
  }
  return null;
}

/** Launch flags that work as root, headless, on a closed network (see ../shared/toolchain.md). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const HOW_TO_GET_CHROMIUM = [
  'No Chromium found for the browser tests.',
  'Install one of these, then run `npm test` again:',
  '  Debian/Ubuntu:  sudo apt-get install -y chromium      (gives /usr/bin/chromium)',
  '  Anywhere else:  npx playwright install chromium        (Playwright downloads its own)',
  'Or point CHROMIUM_PATH at an existing Chrome/Chromium binary.',
].join('\n');
