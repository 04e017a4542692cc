// `npm run cluster`: the local Kubernetes API server on its own, for the demo and for trying kubectl.
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalCluster, type LocalUser } from './server';
import { isKubernetesVersion, kubernetesVersions, newestVersion } from './version';

const usage = `Usage: npm run cluster -- [--port N] [--kubeconfig PATH] [--user admin|restricted|cert-admin]
       [--namespaces N --service-accounts N] [--latency MS] [--issuer URL] [--max-expiration S] [--alg RS256|ES256]
       [--version ${kubernetesVersions[0]}…${newestVersion}] [--no-aggregation (no controller fills admin, edit, view)]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      kubeconfig: { type: 'string', default: '.local-cluster/kubeconfig' },
      user: { type: 'string', default: 'admin' },
      namespaces: { type: 'string' },
      'service-accounts': { type: 'string' },
      latency: { type: 'string' },
      issuer: { type: 'string' },
      'max-expiration': { type: 'string' },
      alg: { type: 'string', default: 'RS256' },
      version: { type: 'string', default: newestVersion },
      'no-aggregation': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(usage);
    return;
  }
  if (!isKubernetesVersion(values.version)) {
    throw new Error(`--version ${values.version}: the local server acts as ${kubernetesVersions.join(', ')}`);
  }
  const number = (text: string | undefined) => (text === undefined ? undefined : Number(text));
  const cluster = await startLocalCluster({
    version: values.version,
    port: number(values.port),
    namespaces: number(values.namespaces),
    serviceAccountsPerNamespace: number(values['service-accounts']),
    latencyMs: number(values.latency),
    issuer: values.issuer,
    maxExpirationSeconds: number(values['max-expiration']),
    signingAlgorithm: values.alg === 'ES256' ? 'ES256' : 'RS256',
    clusterRoleAggregation: !values['no-aggregation'],
  });
  const kubeconfig = resolve(values.kubeconfig);
  await mkdir(dirname(kubeconfig), { recursive: true });
  await cluster.writeKubeconfig(kubeconfig, values.user as LocalUser);
  const restricted = kubeconfig.replace(/(\.yaml)?$/, '-restricted$1');
  await cluster.writeKubeconfig(restricted, 'restricted', 'local-cluster-restricted');
  console.log(`Local Kubernetes API server v${cluster.version}: ${cluster.url}`);
  console.log(`Kubeconfig (${values.user}): ${kubeconfig}`);
  console.log(`Kubeconfig (restricted): ${restricted}`);
  console.log(`export KUBECONFIG=${kubeconfig}`);
  const stop = () => void cluster.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
