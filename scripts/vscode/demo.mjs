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

ensureCodeServer();
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
writeFileSync(join(workspace, 'README.md'), '# Demo workspace\n\nOpen the Kubernetes SA Tokens view in the activity bar, request a token for demo/vault-auth, and insert it here.\n');

const server = await startCodeServer({ env, extensions: [join(root, 'dist', 'kube-sa-tokens.vsix')], port: values.port ? Number(values.port) : undefined });
const cost = installCost();
console.log('');
console.log(cluster ? `Local Kubernetes API server: ${cluster.url} (kubeconfig ${env.KUBECONFIG})` : `Using your kubeconfig: ${process.env.KUBECONFIG || '~/.kube/config'}`);
if (cost) {
  console.log(`code-server ${cost.codeServerVersion} on Node ${cost.nodeVersion} (installed once: ${cost.seconds} s, ${cost.sizeMiB} MiB)`);
}
console.log(`\nOpen VS Code in your browser: ${server.url}/?folder=${encodeURIComponent(workspace)}\n`);
console.log('Press Ctrl-C to stop.');

const stop = async () => {
  server.stop();
  await cluster?.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
