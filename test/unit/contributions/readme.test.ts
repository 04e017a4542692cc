import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { clusterErrorKinds } from '../../../src/errors';
import { treeProblems } from '../../../src/explorer/treeProblems';
import { withSettingsTable, type ManifestWithSettings } from '../../../scripts/readme-settings';
import { packageManifest } from '../packageManifest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const manifest = packageManifest<ManifestWithSettings & { version: string; scripts: Record<string, string> }>();

/** The text of a `## ` section, up to the next one. */
function section(title: string): string {
  const start = readme.indexOf(`\n## ${title}\n`);
  assert.ok(start >= 0, `README has a "${title}" section`);
  const end = readme.indexOf('\n## ', start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

test('the README starts with the two set-up commands, and both scripts exist', () => {
  assert.equal(readme.match(/^## .*/m)?.[0], '## Set up on a fresh machine');
  const commands = [...readme.matchAll(/```sh\n([^`]*)```/g)].map(([, body]) => body.trim());
  assert.deepEqual(commands.slice(0, 2), ['npm ci && npm run demo', 'npm ci && npm test']);
  assert.ok(manifest.scripts.demo && manifest.scripts.test);
});

test('the settings table is the one package.json makes (npm run readme:settings writes it)', () => {
  assert.equal(withSettingsTable(readme, manifest), readme);
});

test('every screenshot the README shows is a small PNG in docs/screenshots/', () => {
  const images = [...readme.matchAll(/!\[([^\]]*)\]\(([^)]+)\)/g)];
  assert.ok(images.length >= 5);
  for (const [, alt, path] of images) {
    assert.ok(alt.length > 10, `${path} has alt text`);
    assert.match(path, /^docs\/screenshots\/[\w-]+\.png$/);
    assert.ok(existsSync(join(root, path)), `${path} exists`);
    assert.equal(readFileSync(join(root, path)).subarray(1, 4).toString('latin1'), 'PNG');
    assert.ok(statSync(join(root, path)).size < 300 * 1024, `${path} is under 300 KiB`);
  }
});

test('troubleshooting covers every reason the view shows no tree and every kind of cluster error', () => {
  const troubleshooting = section('Troubleshooting');
  for (const problem of treeProblems) {
    assert.ok(troubleshooting.includes(`\`${problem}\``), `troubleshooting explains ${problem}`);
  }
  for (const kind of clusterErrorKinds) {
    assert.ok(troubleshooting.includes(`| \`${kind}\` |`), `troubleshooting explains the ${kind} errors`);
  }
});

test('the security notes say where tokens live, what is sent where, and what Restricted Mode changes', () => {
  const security = section('Security and Restricted Mode');
  for (const words of ['Where tokens live', 'What is sent, and where', 'Restricted Mode', 'SecretStorage', 'no telemetry']) {
    assert.ok(security.toLowerCase().includes(words.toLowerCase()), `the security notes say "${words}"`);
  }
});

test('the changelog has a section for this version', () => {
  const changelog = readFileSync(join(root, 'CHANGELOG.md'), 'utf8');
  assert.match(changelog, new RegExp(`^## ${manifest.version.replaceAll('.', '\\.')}\\b`, 'm'));
});
