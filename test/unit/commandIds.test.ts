import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CommandIds } from '../../src/commandIds';
import { packageManifest } from './packageManifest';

interface Manifest {
  contributes: { commands: { command: string }[]; menus: Record<string, { command: string }[]> };
}

const manifest = packageManifest<Manifest>();

test('every command id is contributed in package.json, and nothing else is', () => {
  const contributed = manifest.contributes.commands.map((entry) => entry.command).sort();
  assert.deepEqual(contributed, Object.values(CommandIds).sort());
});

test('menus only name contributed commands', () => {
  const known = new Set<string>(Object.values(CommandIds));
  for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
    for (const entry of entries) {
      assert.ok(known.has(entry.command), `${menu} names unknown command ${entry.command}`);
    }
  }
});
