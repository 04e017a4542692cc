import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CommandIds } from '../../../src/commandIds';
import { packageManifest } from '../packageManifest';

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}

interface Manifest {
  contributes: {
    commands: { command: string; title: string; category?: string; icon?: string }[];
    menus: Record<string, MenuEntry[]>;
    keybindings: { command: string; key: string; mac?: string; when?: string }[];
  };
}

const manifest = packageManifest<Manifest>();
const { commands, menus, keybindings } = manifest.contributes;
const byId = new Map(commands.map((command) => [command.command, command]));
const hiddenFromPalette = new Set((menus.commandPalette ?? []).filter((entry) => entry.when === 'false').map((entry) => entry.command));

/** Words VS Code's own titles keep in lower case inside a Title Case title ("Go to the Next Problem"). */
const minorWords = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'to', 'in', 'on', 'at', 'as', 'by', 'for', 'from', 'with']);

/**
 * Commands offered on tree items that also work from the palette, because they ask for what the
 * tree item would give (a ServiceAccount, a context, a token) or then act on all of them (every
 * finding of the workspace scan). Any other command on a tree item needs its node and must be
 * hidden from the palette, where it could only fail.
 */
const workWithoutTreeItem = new Set<string>([CommandIds.switchContext, CommandIds.requestToken, CommandIds.canI, CommandIds.revokeToken, CommandIds.checkTokensWithCluster]);

/** Commands hidden from the palette and offered in no menu: where a person reaches them instead. */
const reachedOutsideMenus: Record<string, string> = {
  [CommandIds.sendManifest]: 'the Request token / Review token CodeLens of a manifest',
};

test('command titles are in Title Case, with … (never ...) only at the end, and every command has a category', () => {
  for (const { command, title, category } of commands) {
    assert.ok(category, `${command} has a category`);
    assert.doesNotMatch(title, /\.\.\./, `${command}: use … rather than three dots`);
    assert.doesNotMatch(title.slice(0, -2), /…/, `${command}: … only ends a title`);
    const words = title.replace(/[…?]/g, '').split(' ');
    words.forEach((word, index) => {
      const minor = index > 0 && minorWords.has(word.toLowerCase());
      assert.ok(minor ? word === word.toLowerCase() : /^[A-Z0-9]/.test(word), `${command}: "${word}" in "${title}"`);
    });
  }
});

test('a command offered on tree items needs its node, so it is hidden from the palette, unless it asks for what the node gives', () => {
  const onTreeItems = new Set((menus['view/item/context'] ?? []).map((entry) => entry.command));
  for (const command of onTreeItems) {
    assert.ok(hiddenFromPalette.has(command) || workWithoutTreeItem.has(command), `${command} is offered on tree items: hide it from the palette (when: false) or make it ask`);
  }
  for (const command of workWithoutTreeItem) {
    assert.ok(!hiddenFromPalette.has(command), `${command} asks for its input, so the palette keeps it`);
  }
});

test('a command hidden from the palette is offered somewhere else', () => {
  const inMenus = new Set(
    Object.entries(menus)
      .filter(([menu]) => menu !== 'commandPalette')
      .flatMap(([, entries]) => entries.map((entry) => entry.command)),
  );
  for (const command of hiddenFromPalette) {
    assert.ok(inMenus.has(command) || command in reachedOutsideMenus, `${command} is hidden from the palette and in no menu`);
  }
});

test('menus show only where they apply: views by view id, tree items by viewItem, editors by a condition', () => {
  for (const [menu, entries] of Object.entries(menus)) {
    for (const { command, when } of entries) {
      if (menu.startsWith('view/')) {
        assert.match(when ?? '', /\bview (==|=~) /, `${menu} ${command} names its view`);
      }
      if (menu === 'view/item/context') {
        assert.match(when ?? '', /\bviewItem (==|=~) /, `${menu} ${command} names its tree item kind`);
      }
      if (menu.startsWith('editor/')) {
        assert.ok(when, `${menu} ${command} shows only where it applies (a context key, editorLangId, resourceScheme…)`);
      }
    }
  }
});

test('actions shown as icons have an icon', () => {
  const iconEntries = [
    ...(menus['view/title'] ?? []).filter((entry) => entry.group?.startsWith('navigation')),
    ...(menus['view/item/context'] ?? []).filter((entry) => entry.group === 'inline'),
    ...(menus['editor/title'] ?? []).filter((entry) => entry.group?.startsWith('navigation')),
  ];
  for (const { command } of iconEntries) {
    assert.ok(byId.get(command)?.icon, `${command} is shown as an icon and has none`);
  }
});

test('every inline action on a tree item is also in its context menu, which the keyboard reaches (Shift+F10)', () => {
  const items = menus['view/item/context'] ?? [];
  for (const inline of items.filter((entry) => entry.group === 'inline')) {
    assert.ok(
      items.some((entry) => entry.command === inline.command && entry.when === inline.when && entry.group !== 'inline'),
      `${inline.command} (${inline.when}) is only an inline icon, which the keyboard cannot reach`,
    );
  }
});

test('Decode JWT has a suggested keybinding on a selection, which VS Code does not bind by default', () => {
  const decode = keybindings.find((binding) => binding.command === CommandIds.decodeJwt);
  assert.ok(decode);
  assert.match(decode.when ?? '', /\beditorHasSelection\b/);
  assert.match(decode.when ?? '', /\beditorTextFocus\b/);
  // Checked against the default keybindings of the code-server the tests run (VS Code 1.117): none
  // uses Ctrl+Alt+J (Cmd+Alt+J on macOS), and no built-in extension contributes one.
  assert.equal(decode.key, 'ctrl+alt+j');
  assert.equal(decode.mac, 'cmd+alt+j');
  for (const binding of keybindings) {
    assert.ok(byId.has(binding.command), `keybinding for unknown command ${binding.command}`);
    assert.ok(binding.when, `${binding.command}'s keybinding applies only where it makes sense`);
  }
  const keys = keybindings.map((binding) => `${binding.key} ${binding.when}`);
  assert.equal(new Set(keys).size, keys.length, 'two of our keybindings share a key and a condition');
});
