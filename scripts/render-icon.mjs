// Renders resources/icon.svg to the 128×128 resources/icon.png the marketplace shows (it takes no
// SVG icon), with Debian's chromium through playwright-core. Run it after changing the SVG, and commit both.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchBrowser } from './vscode/browser.mjs';

const resources = join(resolve(import.meta.dirname, '..'), 'resources');
const size = 128;
const svg = readFileSync(join(resources, 'icon.svg'), 'utf8');

const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  const png = await page.locator('svg').screenshot({ omitBackground: true });
  writeFileSync(join(resources, 'icon.png'), png);
  console.log(`resources/icon.png: ${size}×${size}, ${png.length} bytes`);
} finally {
  await browser.close();
}
