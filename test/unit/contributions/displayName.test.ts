import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { displayName } from '../../../src/displayName';
import { packageManifest } from '../packageManifest';

interface Manifest {
  displayName: string;
  contributes: {
    commands: { command: string; category?: string }[];
    viewsContainers: { activitybar: { title: string }[] };
    views: Record<string, { contextualTitle?: string }[]>;
    configuration: { title: string };
  };
}

const manifest = packageManifest<Manifest>();

test('the extension goes by one name: display name, every command category, the activity bar, the views and the settings', () => {
  assert.equal(manifest.displayName, displayName);
  for (const { command, category } of manifest.contributes.commands) {
    assert.equal(category, displayName, `the category of ${command}`);
  }
  assert.deepEqual(manifest.contributes.viewsContainers.activitybar.map(({ title }) => title), [displayName]);
  for (const view of Object.values(manifest.contributes.views).flat()) {
    assert.equal(view.contextualTitle, displayName);
  }
  assert.equal(manifest.contributes.configuration.title, displayName);
});

test('no other spelling of the name is left in what a person reads', () => {
  const readable = [readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'), readFileSync(new URL('../../../package.nls.json', import.meta.url), 'utf8'), readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')].join('\n');
  assert.doesNotMatch(readable, /Kubernetes ServiceAccount Tokens|K8s SA Tokens|SA Token Tools/);
});
