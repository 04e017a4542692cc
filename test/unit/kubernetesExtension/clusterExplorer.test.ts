import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import type { ClusterExplorerV1_1 } from 'vscode-kubernetes-tools-api';
import { kubeconfigToFollow, serviceAccountOfNode } from '../../../src/kubernetesExtension/clusterExplorer';

const serviceAccountKind = { manifestKind: 'ServiceAccount', abbreviation: 'serviceaccount', apiName: 'serviceaccounts' };

test('only a ServiceAccount resource node with a namespace and a name names a ServiceAccount', () => {
  assert.deepEqual(serviceAccountOfNode({ nodeType: 'resource', namespace: 'demo', name: 'web', resourceKind: serviceAccountKind }), { namespace: 'demo', name: 'web' });
  const others: (ClusterExplorerV1_1.ClusterExplorerNode | undefined)[] = [
    undefined,
    { nodeType: 'resource', namespace: 'demo', name: 'web-0', resourceKind: { manifestKind: 'Pod', abbreviation: 'pod' } },
    { nodeType: 'resource', namespace: '', name: 'web', resourceKind: serviceAccountKind },
    { nodeType: 'resource', namespace: 'demo', name: '', resourceKind: serviceAccountKind },
    { nodeType: 'folder.resource', resourceKind: serviceAccountKind },
    { nodeType: 'context', name: 'demo' },
    { nodeType: 'extension' },
  ];
  for (const node of others) {
    assert.equal(serviceAccountOfNode(node), undefined, JSON.stringify(node));
  }
  // What a forged argument could carry where the API's types promise strings.
  assert.equal(serviceAccountOfNode({ nodeType: 'resource', namespace: { toString: () => 'demo' }, name: 'web', resourceKind: serviceAccountKind } as never), undefined);
});

test("its kubeconfig is followed only when its setting chose one: its KUBECONFIG and default answers are what we read anyway", () => {
  const home = '/home/person';
  const host = (hostPath: string) => ({ pathType: 'host', hostPath }) as const;
  assert.equal(kubeconfigToFollow(host('/chosen/config'), {}, home), '/chosen/config');
  assert.equal(kubeconfigToFollow(host('/chosen/config'), { KUBECONFIG: '/a:/b' }, home), '/chosen/config');
  assert.equal(kubeconfigToFollow(host('/a:/b'), { KUBECONFIG: '/a:/b' }, home), undefined, 'KUBECONFIG stays the list kubectl merges');
  assert.equal(kubeconfigToFollow(host(join(home, '.kube', 'config')), {}, home), undefined);
  assert.equal(kubeconfigToFollow(host('  '), {}, home), undefined);
  assert.equal(kubeconfigToFollow({ pathType: 'wsl', wslPath: '/home/person/.kube/config' }, {}, home), undefined, 'a WSL path is not a file here');
});
