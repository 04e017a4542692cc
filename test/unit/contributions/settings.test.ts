import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { packageManifest } from '../packageManifest';

interface Setting {
  type: string;
  default: unknown;
  scope?: string;
  order?: number;
  markdownDescription?: string;
  description?: string;
  enum?: string[];
  enumDescriptions?: string[];
}

interface Manifest {
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
  contributes: { configuration: { properties: Record<string, Setting> } };
}

const manifest = packageManifest<Manifest>();
const settings = manifest.contributes.configuration.properties;
const restricted = manifest.capabilities.untrustedWorkspaces.restrictedConfigurations;
const settingsSource = readFileSync(new URL('../../../src/features/common/settings.ts', import.meta.url), 'utf8');

/**
 * Who may set each setting, and why. `application` and `machine` settings are read from the user's
 * settings only (a workspace value is ignored by VS Code, and by Settings, which reads
 * `globalValue`); `resource` settings may differ per folder, and are in restrictedConfigurations so
 * that Restricted Mode ignores a workspace's value. A new setting fails here until its scope is chosen.
 */
const scopes: Record<string, { scope: string; why: string }> = {
  'kubeSaTokens.kubeconfigPath': {
    scope: 'machine',
    why: 'Where credentials come from and go: a kubeconfig names servers to send them to and exec plugins that run commands. Never a workspace; per machine, since the path is a path on that machine (a remote one included).',
  },
  'kubeSaTokens.switchContext.scope': { scope: 'application', why: 'Whether the user\'s kubeconfig is rewritten: the user\'s choice, never a workspace\'s.' },
  'kubeSaTokens.requestTimeoutSeconds': { scope: 'machine', why: 'Depends on the network between this machine and the cluster, not on the folder.' },
  'kubeSaTokens.defaultAudiences': {
    scope: 'resource',
    why: 'A project may say which audiences its tokens are for; in Restricted Mode its value is ignored (restrictedConfigurations, and Settings in code).',
  },
  'kubeSaTokens.rememberIssuedTokens': { scope: 'application', why: 'Where tokens live (memory or the keychain): the user\'s choice, never a workspace\'s.' },
  'kubeSaTokens.expiryReminderMinutes': { scope: 'application', why: 'Reminders are about tokens of the user, in any window.' },
  'kubeSaTokens.plaintextTokens.severity': {
    scope: 'resource',
    why: 'A project may report plaintext tokens more strictly; in Restricted Mode it cannot hide them (restrictedConfigurations).',
  },
  'kubeSaTokens.verification.fetchFromTokenIssuer': { scope: 'application', why: 'Lets a token\'s own `iss` choose a URL to fetch: only the user may allow it.' },
  'kubeSaTokens.scan.maxFileSizeKB': {
    scope: 'machine-overridable',
    why: 'Protects the machine the workspace scan runs on; a trusted workspace of large generated files may raise it, an untrusted one cannot lower it to hide a file (restrictedConfigurations).',
  },
};

test('every setting has the scope chosen for it, and settings that decide where credentials go cannot be set by a workspace', () => {
  assert.deepEqual(Object.keys(settings).sort(), Object.keys(scopes).sort());
  for (const [key, setting] of Object.entries(settings)) {
    assert.equal(setting.scope, scopes[key].scope, `${key}: ${scopes[key].why}`);
  }
  assert.ok(['machine', 'application'].includes(settings['kubeSaTokens.kubeconfigPath'].scope ?? ''));
});

test('settings read from the user only are scoped so VS Code never offers them to a workspace', () => {
  const userOnly = [...settingsSource.matchAll(/userValue<[^>]+>\('([\w.]+)'/g)].map(([, key]) => `kubeSaTokens.${key}`);
  assert.ok(userOnly.length >= 5);
  for (const key of userOnly) {
    assert.ok(['machine', 'application'].includes(settings[key]?.scope ?? ''), `${key} is read from user settings only, so its scope is machine or application`);
  }
});

test('settings a trusted workspace may set are ignored from the workspace in Restricted Mode', () => {
  const forTrust = [...settingsSource.matchAll(/valueForTrust<[^>]+>\('([\w.]+)'/g)].map(([, key]) => `kubeSaTokens.${key}`);
  assert.ok(forTrust.length >= 2);
  for (const [key, setting] of Object.entries(settings)) {
    if (!['machine', 'application'].includes(setting.scope ?? '')) {
      assert.ok(forTrust.includes(key), `${key} may come from a workspace, so Settings reads it through valueForTrust`);
      assert.ok(restricted.includes(key), `${key} may come from a workspace, so it is in restrictedConfigurations`);
    }
  }
  for (const key of restricted) {
    assert.ok(key in settings, `restrictedConfigurations names unknown setting ${key}`);
  }
});

test('each setting has a Markdown description, an order, and a default that Settings falls back to as well', () => {
  const orders = Object.values(settings).map((setting) => setting.order);
  assert.equal(new Set(orders).size, orders.length, 'two settings share an order');
  for (const [key, setting] of Object.entries(settings)) {
    assert.ok(setting.markdownDescription && !setting.description, `${key} has a markdownDescription (and no plain description)`);
    assert.equal(typeof setting.order, 'number', `${key} has an order`);
    assert.ok(setting.default !== undefined, `${key} has a default`);
    if (setting.enum) {
      assert.ok(setting.enum.includes(setting.default as string), `${key}: its default is one of its values`);
      assert.equal(setting.enumDescriptions?.length, setting.enum.length, `${key} describes each value`);
    }
  }
  for (const [, key, fallback] of settingsSource.matchAll(/(?:userValue|valueForTrust)<[^>]+>\('([\w.]+)', ([^,)]+)/g)) {
    assert.deepEqual(JSON.parse(fallback.replaceAll("'", '"')), settings[`kubeSaTokens.${key}`].default, `kubeSaTokens.${key}: the code's fallback is the default package.json shows`);
  }
});

test('descriptions link related settings, and every link names a real setting', () => {
  const links = (key: string) => [...(settings[key].markdownDescription ?? '').matchAll(/`#([\w.]+)#`/g)].map(([, target]) => target);
  for (const key of Object.keys(settings)) {
    for (const target of links(key)) {
      assert.ok(target in settings, `${key} links to unknown setting ${target}`);
    }
  }
  const related = [
    ['kubeSaTokens.kubeconfigPath', 'kubeSaTokens.switchContext.scope'],
    ['kubeSaTokens.rememberIssuedTokens', 'kubeSaTokens.expiryReminderMinutes'],
  ];
  for (const [one, other] of related) {
    assert.ok(links(one).includes(other) && links(other).includes(one), `${one} and ${other} link to each other`);
  }
});
