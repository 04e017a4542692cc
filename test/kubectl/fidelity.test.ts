// The real kubectl creates TokenReview and TokenRequest manifests against the local server acting as
// 1.24, 1.25 and 1.33, and gets the outcome a real server gives it. kubectl decides part of it itself:
// with no PATCH taking fieldValidation in the server's OpenAPI v3 for these kinds, it validates them
// against the server's /openapi/v2 (refusing unknown fields in its own words) and still sends
// fieldValidation=Strict. A TokenRequest has no resource of its own (only serviceaccounts/token), so
// `kubectl create -f` cannot map it and `kubectl create --raw` posts the file as it is.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { decodeJwt } from 'jose';
import { startLocalCluster, type LocalCluster } from '../cluster/server';
import { behaviourOf, type KubernetesVersion } from '../cluster/version';
import { kubectlMissing, runKubectl } from './runKubectl';


const tokenPath = '/api/v1/namespaces/demo/serviceaccounts/vault-auth/token';

const files: Record<string, string> = {
  'review.yaml': 'apiVersion: authentication.k8s.io/v1\nkind: TokenReview\nspec:\n  token: TOKEN\n  audiences: [vault]\n',
  'review-typo.yaml': 'apiVersion: authentication.k8s.io/v1\nkind: TokenReview\nspec:\n  token: TOKEN\n  audience: [vault]\n',
  'request.yaml': 'apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nmetadata:\n  name: vault-auth\n  namespace: demo\nspec:\n  audiences: [vault]\n',
  'request-typo.yaml': 'apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nmetadata:\n  name: vault-auth\nspec:\n  audience: [vault]\n',
  'request.json': JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { audiences: ['vault'] } }),
  'request-typo.json': JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { audience: ['vault'] } }),
};

for (const version of ['1.24', '1.25', '1.33'] as const satisfies readonly KubernetesVersion[]) {
  describe(`kubectl against the local server acting as v${version}`, { skip: kubectlMissing }, () => {
    const behaviour = behaviourOf(version);
    let cluster: LocalCluster;
    let folder: string;
    let kubeconfig: string;

    const kubectl = (...args: string[]) => runKubectl(kubeconfig, args, join(folder, 'cache'));
    const file = (name: string) => join(folder, name);

    before(async () => {
      cluster = await startLocalCluster({ version });
      folder = mkdtempSync(join(tmpdir(), `kubectl-fidelity-${version}-`));
      kubeconfig = join(folder, 'kubeconfig');
      await cluster.writeKubeconfig(kubeconfig, 'admin');
      const token = (await kubectl('create', 'token', 'vault-auth', '-n', 'demo', '--audience', 'vault')).stdout.trim();
      for (const [name, text] of Object.entries(files)) {
        writeFileSync(file(name), text.replace('TOKEN', token));
      }
    });

    after(async () => {
      await cluster.close();
      rmSync(folder, { recursive: true, force: true });
    });

    test('create -f of a TokenReview: validated against /openapi/v2, sent with fieldValidation=Strict, reviewed', async () => {
      cluster.clearRequests();
      const result = await kubectl('create', '-f', file('review.yaml'), '-o', 'jsonpath={.status.authenticated} {.status.user.username}');
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stdout, 'true system:serviceaccount:demo:vault-auth');
      assert.ok(cluster.requests.some((request) => request.path === '/openapi/v2'), 'kubectl fetched the OpenAPI v2 document');
      assert.ok(cluster.requests.some((request) => request.path.endsWith('/tokenreviews') && request.query.includes('fieldValidation=Strict')));
    });

    test('create -f of a TokenReview with an unknown field: refused by kubectl itself, in every release', async () => {
      const result = await kubectl('create', '-f', file('review-typo.yaml'));
      assert.notEqual(result.status, 0);
      assert.match(result.stderr, /error validating data: ValidationError\(TokenReview\.spec\): unknown field "audience" in io\.k8s\.api\.authentication\.v1\.TokenReviewSpec/);
    });

    test('create -f --validate=false of that TokenReview: sent with fieldValidation=Ignore, and the field dropped', async () => {
      cluster.clearRequests();
      const result = await kubectl('create', '-f', file('review-typo.yaml'), '--validate=false', '-o', 'jsonpath={.status.authenticated}');
      assert.equal(result.status, 0, result.stderr);
      assert.ok(cluster.requests.some((request) => request.path.endsWith('/tokenreviews') && request.query.includes('fieldValidation=Ignore')));
      // Without audiences the review is for the API server's audience, which a token for vault does not have.
      assert.equal(result.stdout, '');
    });

    test('create -f of a TokenRequest: kubectl finds no resource for the kind', async () => {
      const result = await kubectl('create', '-f', file('request.yaml'));
      assert.notEqual(result.status, 0);
      assert.match(result.stderr, /no matches for kind "TokenRequest" in version "authentication\.k8s\.io\/v1"/);
      const typo = await kubectl('create', '-f', file('request-typo.yaml'));
      assert.match(typo.stderr, /ValidationError\(TokenRequest\.spec\): unknown field "audience" in io\.k8s\.api\.authentication\.v1\.TokenRequestSpec/);
    });

    test('create --raw of a TokenRequest: the token for the audience asked', async () => {
      const result = await kubectl('create', '--raw', tokenPath, '-f', file('request.json'));
      assert.equal(result.status, 0, result.stderr);
      assert.deepEqual(decodeJwt((JSON.parse(result.stdout) as { status: { token: string } }).status.token).aud, ['vault']);
    });

    test(`create --raw ?fieldValidation=Strict with an unknown field: ${behaviour.serverSideFieldValidation ? 'refused by the server' : 'dropped, as the real v1.24 does'}`, async () => {
      const result = await kubectl('create', '--raw', `${tokenPath}?fieldValidation=Strict`, '-f', file('request-typo.json'));
      if (behaviour.serverSideFieldValidation) {
        assert.notEqual(result.status, 0);
        assert.equal(result.stderr.trim(), 'Error from server (BadRequest): TokenRequest in version "v1" cannot be handled as a TokenRequest: strict decoding error: unknown field "spec.audience"');
      } else {
        // The reference: 201 with a token for the API server's audience, not vault.
        assert.equal(result.status, 0, result.stderr);
        assert.deepEqual(decodeJwt((JSON.parse(result.stdout) as { status: { token: string } }).status.token).aud, [cluster.url]);
      }
    });

    test(`create --raw without fieldValidation: ${behaviour.serverSideFieldValidation ? 'a warning kubectl prints' : 'nothing said'}`, async () => {
      const result = await kubectl('create', '--raw', tokenPath, '-f', file('request-typo.json'));
      assert.equal(result.status, 0, result.stderr);
      assert.equal(result.stderr.trim(), behaviour.serverSideFieldValidation ? 'Warning: unknown field "spec.audience"' : '');
    });

    test('create --raw of a YAML file: kubectl sends no Content-Type, so the server reads JSON and refuses it', async () => {
      const result = await kubectl('create', '--raw', tokenPath, '-f', file('request.yaml'));
      assert.notEqual(result.status, 0);
      assert.match(result.stderr, /^Error from server \(BadRequest\): the object provided is unrecognized \(must be of type TokenRequest\): couldn't get version\/kind; json parse error: invalid character 'a' looking for beginning of value \(61706956/);
    });

    test('get --raw of the token subresource: 405', async () => {
      const result = await kubectl('get', '--raw', tokenPath);
      assert.equal(result.stderr.trim(), 'Error from server (MethodNotAllowed): the server does not allow this method on the requested resource');
    });

    test(`auth whoami: ${behaviour.selfSubjectReviewV1 ? 'the user' : 'no SelfSubjectReview API before 1.28'}`, async () => {
      const result = await kubectl('auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}');
      if (behaviour.selfSubjectReviewV1) {
        assert.equal(result.stdout, 'admin', result.stderr);
      } else {
        assert.notEqual(result.status, 0);
        assert.match(result.stderr, /the selfsubjectreviews API is not enabled in the cluster/);
      }
    });
  });
}
