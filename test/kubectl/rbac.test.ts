// The real kubectl against the local server's RBAC: `kubectl auth can-i` (a SelfSubjectAccessReview,
// and with --list a SelfSubjectRulesReview) as ServiceAccounts the admin impersonates, the RBAC objects
// kubectl lists and creates, and a rights change kubectl sees at once.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startLocalCluster, type LocalCluster } from '../cluster/server';
import type { KubernetesVersion } from '../cluster/version';
import { kubectlMissing, runKubectl } from './runKubectl';


const as = (name: string, namespace = 'demo') => `--as=system:serviceaccount:${namespace}:${name}`;

/** The rows of `kubectl auth can-i --list`, each cell trimmed. */
const rowsOf = (table: string) =>
  table
    .trim()
    .split('\n')
    .map((line) => line.split(/\s{2,}/).map((cell) => cell.trim()));

for (const version of ['1.24', '1.33'] as const satisfies readonly KubernetesVersion[]) {
  describe(`kubectl and RBAC, the local server acting as v${version}`, { skip: kubectlMissing }, () => {
    let cluster: LocalCluster;
    let folder: string;
    let admin: string;
    let restricted: string;

    const kubectl = (kubeconfig: string, ...args: string[]) => runKubectl(kubeconfig, args, join(folder, 'cache'));
    const ok = async (kubeconfig: string, ...args: string[]) => {
      const result = await kubectl(kubeconfig, ...args);
      assert.equal(result.status, 0, `kubectl ${args.join(' ')} failed: ${result.stderr}`);
      return result.stdout;
    };
    /** `kubectl auth can-i`: "yes" with status 0, "no" (and any reason) with status 1. */
    const canI = async (kubeconfig: string, ...args: string[]) => {
      const result = await kubectl(kubeconfig, 'auth', 'can-i', ...args);
      assert.equal(result.status, result.stdout.startsWith('yes') ? 0 : 1, result.stderr);
      return result.stdout.trim();
    };

    before(async () => {
      cluster = await startLocalCluster({ version });
      folder = mkdtempSync(join(tmpdir(), `kubectl-rbac-${version}-`));
      admin = join(folder, 'admin');
      restricted = join(folder, 'restricted');
      await cluster.writeKubeconfig(admin, 'admin');
      await cluster.writeKubeconfig(restricted, 'restricted');
    });

    after(async () => {
      await cluster?.close();
      rmSync(folder, { recursive: true, force: true });
    });

    test('auth can-i as ServiceAccounts: a Role, a resourceNames grant, a group binding, cluster-admin, and a binding to a missing Role', async () => {
      assert.equal(await canI(admin, 'get', 'secrets', '-n', 'demo', as('vault-auth')), 'yes');
      assert.equal(await canI(admin, 'list', 'secrets', '-n', 'demo', as('vault-auth')), 'yes');
      assert.equal(await canI(admin, 'delete', 'secrets', '-n', 'demo', as('vault-auth')), 'no');
      assert.equal(await canI(admin, 'get', 'secrets', '-n', 'payments', as('vault-auth')), 'no');
      assert.equal(await canI(admin, 'get', 'secrets', '-n', 'demo', as('default')), 'no');
      assert.equal(await canI(admin, 'get', 'pods', '-n', 'demo', as('default')), 'yes', 'view, through system:serviceaccounts:demo');
      assert.equal(await canI(admin, 'get', 'pods', '--subresource=log', '-n', 'demo', as('default')), 'yes');
      assert.equal(await canI(admin, 'get', 'pods', '-n', 'payments', as('default', 'payments')), 'no');
      assert.equal(await canI(admin, 'get', 'secrets/app-config', '-n', 'demo', as('web')), 'yes');
      assert.equal(await canI(admin, 'get', 'secrets/other', '-n', 'demo', as('web')), 'no - RBAC: role.rbac.authorization.k8s.io "deployer" not found');
      assert.equal(await canI(admin, '*', '*', '--all-namespaces', as('ci-deployer')), 'yes');
      assert.equal(await canI(admin, 'get', '/openid/v1/jwks', as('default', 'payments')), 'yes', 'a non-resource URL, through system:serviceaccounts');
    });

    test('auth can-i --list as a ServiceAccount prints the rules the server returned', async () => {
      const rows = rowsOf(await ok(admin, 'auth', 'can-i', '--list', '-n', 'demo', as('vault-auth')));
      assert.deepEqual(rows[0], ['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs']);
      const has = (row: string[]) => rows.some((candidate) => JSON.stringify(candidate) === JSON.stringify(row));
      assert.ok(has(['secrets', '[]', '[]', '[get list]']), 'the Role secret-reader');
      assert.ok(has(['selfsubjectaccessreviews.authorization.k8s.io', '[]', '[]', '[create]']), 'system:basic-user');
      assert.equal(has(['selfsubjectreviews.authentication.k8s.io', '[]', '[]', '[create]']), version !== '1.24', 'basic-user grants selfsubjectreviews from 1.27');
      assert.ok(has(['pods/log', '[]', '[]', '[get list watch]']), 'view, aggregated');
      assert.equal(rows.filter((row) => JSON.stringify(row) === JSON.stringify(['', '[/openid/v1/jwks]', '[]', '[get]'])).length, 2, 'granted by two bindings, listed twice');
      const web = rowsOf(await ok(admin, 'auth', 'can-i', '--list', '-n', 'demo', as('web')));
      assert.ok(web.some((row) => JSON.stringify(row) === JSON.stringify(['secrets', '[]', '[app-config]', '[get]'])));
    });

    test('the restricted user: its seeded grants, and no impersonation', async () => {
      assert.equal(await canI(restricted, 'list', 'pods', '-n', 'payments'), 'yes');
      assert.equal(await canI(restricted, 'create', 'serviceaccounts', '--subresource=token', '-n', 'demo'), 'yes');
      assert.equal(await canI(restricted, 'create', 'serviceaccounts', '--subresource=token', '-n', 'payments'), 'no');
      assert.equal(await canI(restricted, 'list', 'namespaces'), 'no');
      const rows = rowsOf(await ok(restricted, 'auth', 'can-i', '--list', '-n', 'demo'));
      assert.ok(rows.some((row) => JSON.stringify(row) === JSON.stringify(['serviceaccounts/token', '[]', '[]', '[create]'])));
      assert.ok(rows.some((row) => JSON.stringify(row) === JSON.stringify(['tokenreviews.authentication.k8s.io', '[]', '[]', '[create]'])));
      const impersonating = await kubectl(restricted, 'auth', 'can-i', 'get', 'pods', '-n', 'demo', as('vault-auth'));
      assert.notEqual(impersonating.status, 0);
      assert.match(impersonating.stderr, /Error from server \(Forbidden\): serviceaccounts "vault-auth" is forbidden: User "restricted" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "demo"/);
    });

    test('kubectl get clusterroles, and roles and rolebindings across namespaces', async () => {
      const clusterRoles = (await ok(admin, 'get', 'clusterroles')).trim().split('\n');
      assert.match(clusterRoles[0], /^NAME\s+CREATED AT$/);
      const names = clusterRoles.slice(1).map((line) => line.split(/\s+/)[0]);
      for (const name of ['admin', 'cluster-admin', 'edit', 'system:basic-user', 'system:discovery', 'system:service-account-issuer-discovery', 'view']) {
        assert.ok(names.includes(name), name);
      }
      assert.match(clusterRoles[1], /^\S+\s+\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      const listed = await ok(admin, 'get', 'roles,rolebindings', '-A');
      assert.match(listed, /^NAMESPACE\s+NAME\s+CREATED AT\ndemo\s+role\.rbac\.authorization\.k8s\.io\/app-config-reader\s+\S+Z\n/);
      assert.match(listed, /\nNAMESPACE\s+NAME\s+ROLE\s+AGE\n/);
      assert.match(listed, /\ndemo\s+rolebinding\.rbac\.authorization\.k8s\.io\/vault-auth-secret-reader\s+Role\/secret-reader\s+\d+s\n/);
      assert.match(listed, /\npayments\s+rolebinding\.rbac\.authorization\.k8s\.io\/restricted-serviceaccount-reader\s+ClusterRole\/serviceaccount-reader\s/);
      const wide = await ok(admin, 'get', 'clusterrolebindings', 'ci-deployer-cluster-admin', '-o', 'wide');
      assert.match(wide, /ci-deployer-cluster-admin\s+ClusterRole\/cluster-admin\s+\S+\s+demo\/ci-deployer/);
    });

    test('kubectl create rolebinding, and auth can-i sees it at once; delete takes it back', async () => {
      assert.equal(await canI(admin, 'list', 'secrets', '-n', 'demo', as('default')), 'no');
      assert.equal((await ok(admin, 'create', 'rolebinding', 'default-secrets', '--role=secret-reader', '--serviceaccount=demo:default', '-n', 'demo')).trim(), 'rolebinding.rbac.authorization.k8s.io/default-secrets created');
      assert.equal(await canI(admin, 'list', 'secrets', '-n', 'demo', as('default')), 'yes');
      const created = JSON.parse(await ok(admin, 'get', 'rolebinding', 'default-secrets', '-n', 'demo', '-o', 'json')) as { subjects: unknown; roleRef: unknown };
      assert.deepEqual(created.subjects, [{ kind: 'ServiceAccount', name: 'default', namespace: 'demo' }]);
      assert.deepEqual(created.roleRef, { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'secret-reader' });
      const again = await kubectl(admin, 'create', 'rolebinding', 'default-secrets', '--role=secret-reader', '--serviceaccount=demo:default', '-n', 'demo');
      assert.match(again.stderr, /rolebindings\.rbac\.authorization\.k8s\.io "default-secrets" already exists/);
      assert.equal((await ok(admin, 'delete', 'rolebinding', 'default-secrets', '-n', 'demo')).trim(), 'rolebinding.rbac.authorization.k8s.io "default-secrets" deleted');
      assert.equal(await canI(admin, 'list', 'secrets', '-n', 'demo', as('default')), 'no');
      const clusterWide = await ok(admin, 'create', 'clusterrolebinding', 'payments-api-view', '--clusterrole=view', '--serviceaccount=payments:payments-api');
      assert.equal(clusterWide.trim(), 'clusterrolebinding.rbac.authorization.k8s.io/payments-api-view created');
      assert.equal(await canI(admin, 'get', 'configmaps', '-n', 'monitoring', as('payments-api', 'payments')), 'yes');
      await ok(admin, 'delete', 'clusterrolebinding', 'payments-api-view');
    });

    test('kubectl create -f a SubjectAccessReview: allowed with the binding named, and only the groups sent', async () => {
      const manifest = join(folder, 'sar.yaml');
      const review = (groups: string) =>
        `apiVersion: authorization.k8s.io/v1\nkind: SubjectAccessReview\nspec:\n  user: system:serviceaccount:demo:default\n${groups}  resourceAttributes: {namespace: demo, verb: get, resource: pods}\n`;
      writeFileSync(manifest, review('  groups: [system:serviceaccounts, system:serviceaccounts:demo, system:authenticated]\n'));
      const allowed = JSON.parse(await ok(admin, 'create', '-f', manifest, '-o', 'json')) as { status: unknown };
      assert.deepEqual(allowed.status, { allowed: true, reason: 'RBAC: allowed by RoleBinding "demo-serviceaccounts-view/demo" of ClusterRole "view" to Group "system:serviceaccounts:demo"' });
      writeFileSync(manifest, review(''));
      assert.deepEqual((JSON.parse(await ok(admin, 'create', '-f', manifest, '-o', 'json')) as { status: unknown }).status, { allowed: false });
    });
  });
}
