import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { JsonObject } from '../../../src/jwt/decode';
import { describeJwt } from '../../../src/jwt/describe';
import { hoverMarkdown, maxHoverLines } from '../../../src/jwt/markdown';
import { assertInertMarkdown } from './inertMarkdown';

const now = 1_800_000_000;

function bound(aud: unknown, iss: unknown, extra: JsonObject = {}): JsonObject {
  return { aud, exp: now + 3600, iat: now, nbf: now, iss, sub: 'system:serviceaccount:payments:api', 'kubernetes.io': { namespace: 'payments', serviceaccount: { name: 'api', uid: 'u-1' }, pod: { name: 'api-0', uid: 'p-1' } }, ...extra };
}

const describe = (payload: JsonObject) => describeJwt({ form: 'jws', header: { alg: 'RS256', kid: 'k' }, payload, signatureLength: 256, repeated: [] }, now * 1000);
const links = [{ title: 'Verify signature', target: 'command:verify' }];
const showAll = { title: 'Show all claims', target: 'command:all' };

test('a token for IRSA says which issuer, subject and audience AWS must trust, and that an in-cluster issuer cannot be federated', () => {
  const exchange = describe(bound(['sts.amazonaws.com'], 'https://kubernetes.default.svc.cluster.local')).exchange!.plain();
  assert.equal(
    exchange,
    "AWS IAM Roles for Service Accounts (IRSA): issuer https://kubernetes.default.svc.cluster.local, subject system:serviceaccount:payments:api (ServiceAccount api in namespace payments) and audience sts.amazonaws.com must match an IAM OIDC identity provider (its URL and audience) and the IAM role's trust policy (its `sub` condition). The issuer is not publicly discoverable (its host is a name only the cluster or a private network resolves), so AWS cannot read its keys: this exchange fails.",
  );
});

test('a public issuer must serve its discovery document; Google Cloud can take an uploaded key set instead', () => {
  const eks = describe(bound('sts.amazonaws.com', 'https://oidc.eks.eu-west-1.amazonaws.com/id/ABC')).exchange!.plain();
  assert.match(eks, /AWS reads the issuer's keys from its \/\.well-known\/openid-configuration, which must be served on the internet\.$/);
  const azure = describe(bound(['api://AzureADTokenExchange'], 'https://10.0.0.1:6443')).exchange!.plain();
  assert.match(azure, /^Azure Workload Identity: .* must match a federated identity credential of the app or managed identity, exactly\. The issuer is not publicly discoverable \(its host is a private IP address\), so Microsoft Entra ID cannot read its keys: this exchange fails\.$/);
  const gcp = describe(bound(['other', '//iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/p/providers/k'], 'https://kubernetes.default.svc')).exchange!.plain();
  assert.match(gcp, /^Google Cloud Workload Identity Federation: .*audience \/\/iam\.googleapis\.com\/projects\/1\/.* give the provider the cluster's key set \(JWKS\), as Google Cloud cannot fetch it\.$/);
});

test('no exchange line for audiences no cloud exchanges, for Vault, EKS Pod Identity, legacy tokens and other JWTs', () => {
  for (const aud of [['vault'], ['pods.eks.amazonaws.com'], ['https://kubernetes.default.svc'], [], 'api']) {
    assert.equal(describe(bound(aud, 'https://kubernetes.default.svc')).exchange, undefined, JSON.stringify(aud));
  }
  assert.equal(describe({ iss: 'kubernetes/serviceaccount', sub: 'system:serviceaccount:a:b', aud: 'sts.amazonaws.com', 'kubernetes.io/serviceaccount/namespace': 'a' }).exchange, undefined);
  assert.equal(describe({ iss: 'https://accounts.google.com', sub: 'x', aud: 'sts.amazonaws.com', exp: now + 60 }).exchange, undefined);
  assert.equal(describe(bound(['sts.amazonaws.com'], 42)).exchange, undefined);
});

test('the hover shows the exchange after the summary and links, and still fits 15 lines', () => {
  const claims: JsonObject = {};
  for (let i = 0; i < 30; i++) {
    claims[`extra${i}`] = i;
  }
  const markdown = hoverMarkdown(describe(bound(['sts.amazonaws.com'], 'https://kubernetes.default.svc', claims)), links, showAll);
  const lines = markdown.split('\n').filter((line) => line.trim() !== '');
  assert.ok(lines.length <= maxHoverLines, `${lines.length} lines`);
  assert.equal(lines[1], '[Verify signature](command:verify)');
  assert.match(lines[2], /^☁️ AWS IAM Roles for Service Accounts \(IRSA\): issuer `https:\/\/kubernetes\.default\.svc`, /);
  assert.equal(lines[lines.length - 1], '[Show all claims](command:all)');
});

test("values from the token reach the exchange line only as code: a hostile issuer or subject is inert", () => {
  const marker = 'HOSTILE';
  const issuer = `https://x.example/](command:evil) ${marker} <img src=x> \u202E \`\`\` **`;
  const subject = `system:serviceaccount:a:b\n# ${marker} [link](https://evil.example) \``;
  const markdown = hoverMarkdown(describe(bound(['sts.amazonaws.com'], issuer, { sub: subject })), links, showAll);
  assertInertMarkdown(markdown, 'exchange', { title: 'Kubernetes ServiceAccount token', linkTitles: ['Verify signature', 'Show all claims'], marker });
});
