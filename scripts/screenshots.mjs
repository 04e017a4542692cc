// `npm run screenshots`: runs the end-to-end suite, which drives the workbench and saves its
// screenshots in test-results/screenshots/, then copies the ones the README shows to
// docs/screenshots/, scaled to 1080 px wide (with Debian's chromium) to keep the repository small.
//   node scripts/screenshots.mjs [--from-last-run]   (--from-last-run: copy without running the suite)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchBrowser } from './vscode/browser.mjs';

const root = resolve(import.meta.dirname, '..');
const taken = join(root, 'test-results', 'screenshots');
const shown = join(root, 'docs', 'screenshots');
const width = 1080;

/** README name ← the end-to-end suite's screenshot (test/e2e/workbench.test.ts). */
export const chosen = {
  'serviceaccounts-tree': '07-issued-token-in-tree',
  'request-token': '04-request-audiences',
  'token-hover': '09-token-hover',
  'manifest-validation': '10-manifest-squiggle-and-fix',
  permissions: '24-permissions-node',
};

if (!process.argv.includes('--from-last-run')) {
  const run = spawnSync('node', ['scripts/run-node-tests.mjs', 'test/e2e'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error('The end-to-end suite failed: docs/screenshots/ was left as it was.');
    process.exit(1);
  }
}

const missing = Object.values(chosen).filter((name) => !existsSync(join(taken, `${name}.png`)));
if (missing.length > 0) {
  console.error(`Not in test-results/screenshots/: ${missing.join(', ')}. Run without --from-last-run.`);
  process.exit(1);
}

mkdirSync(shown, { recursive: true });
const browser = await launchBrowser();
try {
  const page = await browser.newPage();
  for (const [name, source] of Object.entries(chosen)) {
    const png = readFileSync(join(taken, `${source}.png`));
    const original = { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
    const height = Math.round((original.height * width) / original.width);
    await page.setViewportSize({ width, height });
    await page.setContent(`<html><body style="margin:0"><img style="display:block;width:${width}px;height:${height}px" src="data:image/png;base64,${png.toString('base64')}"></body></html>`);
    const scaled = await page.locator('img').screenshot();
    writeFileSync(join(shown, `${name}.png`), scaled);
    console.log(`docs/screenshots/${name}.png ← ${source}.png (${width}×${height}, ${(scaled.length / 1024).toFixed(0)} KiB)`);
  }
} finally {
  await browser.close();
}
