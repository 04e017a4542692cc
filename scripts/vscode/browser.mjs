// Debian's chromium driven by playwright-core: no browser download, headless, no background traffic.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ensureDebianPackages } from './install.mjs';
import { removeFolder } from './removeFolder.mjs';

/** A headless chromium with a profile of its own, removed when the browser is closed. */
export async function launchBrowser() {
  ensureDebianPackages(['chromium']);
  const profile = mkdtempSync(join(tmpdir(), 'chromium-profile-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // Removed once the browser has exited (the context's close event comes while chromium still writes there).
  const close = browser.close.bind(browser);
  browser.close = async (...args) => {
    await close(...args);
    removeFolder(profile);
  };
  return browser;
}
