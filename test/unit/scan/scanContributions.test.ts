import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CommandIds } from '../../../src/commandIds';
import { packageManifest } from '../packageManifest';

interface Entry {
  readonly command?: string;
  readonly id?: string;
  readonly view?: string;
  readonly when?: string;
  readonly title?: string;
  readonly category?: string;
  readonly contents?: string;
}

interface Manifest {
  capabilities: { untrustedWorkspaces: { restrictedConfigurations: string[] } };
  contributes: {
    commands: Entry[];
    views: Record<string, Entry[]>;
    viewsWelcome: Entry[];
    menus: Record<string, Entry[]>;
    configuration: { properties: Record<string, { scope?: string; default?: unknown; minimum?: number }> };
  };
}

const manifest = packageManifest<Manifest>();
const { contributes } = manifest;

test('Find ServiceAccount Tokens in Workspace is contributed under its id, in the palette when a folder is open', () => {
  assert.equal(CommandIds.scanWorkspace, 'kubeSaTokens.scanWorkspace');
  const command = contributes.commands.find((entry) => entry.command === CommandIds.scanWorkspace);
  assert.deepEqual([command?.title, command?.category], ['Find ServiceAccount Tokens in Workspace', 'Kubernetes SA Tokens']);
  assert.equal(contributes.menus.commandPalette.find((entry) => entry.command === CommandIds.scanWorkspace)?.when, 'workspaceFolderCount != 0');
});

test('Check with Cluster is on the view title (once there are findings) and on file and finding rows', () => {
  assert.ok(contributes.commands.some((entry) => entry.command === CommandIds.checkTokensWithCluster && entry.title === 'Check with Cluster'));
  const title = contributes.menus['view/title'].find((entry) => entry.command === CommandIds.checkTokensWithCluster);
  assert.equal(title?.when, 'view == kubeSaTokens.tokensInWorkspace && kubeSaTokens.scanHasFindings');
  const rows = contributes.menus['view/item/context'].filter((entry) => entry.command === CommandIds.checkTokensWithCluster);
  assert.ok(rows.length > 0 && rows.every((entry) => entry.when === 'view == kubeSaTokens.tokensInWorkspace && viewItem =~ /^scan(File|Finding)$/'));
});

test('Tokens in Workspace sits below ServiceAccounts, and its welcome view runs the scan', () => {
  assert.deepEqual(contributes.views.kubeSaTokens.map((view) => view.id).slice(0, 2), ['kubeSaTokens.serviceAccounts', 'kubeSaTokens.tokensInWorkspace']);
  const welcome = contributes.viewsWelcome.find((entry) => entry.view === 'kubeSaTokens.tokensInWorkspace' && entry.when === 'workspaceFolderCount != 0');
  assert.match(welcome?.contents ?? '', /\(command:kubeSaTokens\.scanWorkspace\)/);
});

test('the size cap is machine-overridable, and a workspace cannot set it in Restricted Mode', () => {
  const setting = contributes.configuration.properties['kubeSaTokens.scan.maxFileSizeKB'];
  assert.deepEqual([setting.scope, setting.default, setting.minimum], ['machine-overridable', 5120, 1]);
  assert.ok(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('kubeSaTokens.scan.maxFileSizeKB'));
});
