// The main job: the local Kubernetes API server plus VS Code (code-server) in the browser, with the
// packaged extension installed and the cluster's kubeconfig active. Ctrl-C stops everything.
//   npm run demo [-- --port 8080] [-- --use-my-kubeconfig]
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalCluster } from '../../test/cluster/server.ts';
import { startCodeServer } from './codeServer.mjs';
import { ensureCodeServer, installCost, testFolder } from './install.mjs';

const { values } = parseArgs({ options: { port: { type: 'string' }, 'use-my-kubeconfig': { type: 'boolean' } } });
const root = resolve(import.meta.dirname, '..', '..');

await ensureCodeServer();
execFileSync('node', ['scripts/package.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });

let cluster;
const env = {};
if (!values['use-my-kubeconfig']) {
  cluster = await startLocalCluster();
  const kubeconfig = join(root, '.local-cluster', 'kubeconfig');
  mkdirSync(join(root, '.local-cluster'), { recursive: true });
  await cluster.writeKubeconfig(kubeconfig);
  env.KUBECONFIG = kubeconfig;
}

const workspace = join(testFolder, 'demo-workspace');
mkdirSync(workspace, { recursive: true });
writeFileSync(
  join(workspace, 'tokenrequest.yaml'),
  'apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nmetadata:\n  name: vault-auth\n  namespace: demo\nspec:\n  audiences: [vault]\n  expirationSeconds: 900\n',
);
// code-server keeps the folders you trust in the browser's storage for its address, so the demo
// cannot trust this one for you (turning trust off for the whole server would hide the extension's
// Restricted Mode): this README, opened on start, says why and how.
writeFileSync(
  join(workspace, 'README.md'),
  [
    '# Demo workspace',
    '',
    '**Restricted Mode?** VS Code opens a folder it has not been told to trust in Restricted Mode (the',
    'banner at the top, the shield in the status bar). code-server remembers trusted folders in your',
    'browser, for this address only, so the demo cannot trust this one for you. To trust it, click',
    '**Manage** in the banner (or run **Workspaces: Manage Workspace Trust**) and choose **Trust**. Start',
    'the demo with the same `--port` next time and your browser still trusts it.',
    '',
    'The extension works in Restricted Mode too: it asks before sending anything from these files to',
    'the cluster, and ignores workspace values of its kubeconfig, audiences and plaintext-token settings.',
    '',
    'Open the Kubernetes SA Tokens view in the activity bar, request a token for demo/vault-auth, and',
    'insert it here.',
    '',
  ].join('\n'),
);

const server = await startCodeServer({
  env,
  extensions: [join(root, 'dist', 'kube-sa-tokens.vsix')],
  port: values.port ? Number(values.port) : undefined,
  settings: { 'workbench.startupEditor': 'readme' },
  gallery: true,
});
const cost = installCost();
console.log('');
console.log(cluster ? `Local Kubernetes API server: ${cluster.url} (kubeconfig ${env.KUBECONFIG})` : `Using your kubeconfig: ${process.env.KUBECONFIG || '~/.kube/config'}`);
if (cost) {
  console.log(`code-server ${cost.codeServerVersion} on Node ${cost.nodeVersion} (installed once: ${cost.seconds} s, ${cost.sizeMiB} MiB)`);
}
console.log(`\nOpen VS Code in your browser: ${server.url}/?folder=${encodeURIComponent(workspace)}`);
console.log('The folder opens in Restricted Mode until you trust it; its README.md, shown first, says how.\n');
console.log('Press Ctrl-C to stop.');

const stop = async () => {
  server.stop();
  await cluster?.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
