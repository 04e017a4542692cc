import assert from 'node:assert/strict';
import { test } from 'node:test';
import { issuerReach } from '../../../src/audiences/issuerReach';
import { audienceMeaning, offeredAudiences, wellKnownAudiences } from '../../../src/audiences/wellKnownAudiences';

test('each well-known audience is the value its provider uses, with what it is for and a source', () => {
  const byProvider = (provider: string) => wellKnownAudiences.filter((known) => known.provider === provider).map((known) => known.audience);
  assert.deepEqual(byProvider('aws'), ['sts.amazonaws.com', 'pods.eks.amazonaws.com']);
  assert.deepEqual(byProvider('azure'), ['api://AzureADTokenExchange']);
  assert.deepEqual(byProvider('gcp'), ['//iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL_ID/providers/PROVIDER_ID']);
  assert.deepEqual(byProvider('vault'), ['vault']);
  for (const known of wellKnownAudiences) {
    assert.ok(known.purpose.length > 40 && known.source.length > 10, known.audience);
  }
});

test('an audience is looked up exactly; a Google Cloud provider by its form, with or without https:', () => {
  assert.equal(audienceMeaning('sts.amazonaws.com')?.name, 'AWS IAM Roles for Service Accounts (IRSA)');
  assert.equal(audienceMeaning('STS.amazonaws.com'), undefined);
  assert.equal(audienceMeaning(' sts.amazonaws.com'), undefined);
  assert.equal(audienceMeaning('api://AzureADTokenExchange')?.provider, 'azure');
  const provider = 'iam.googleapis.com/projects/123456789012/locations/global/workloadIdentityPools/pool/providers/cluster';
  assert.equal(audienceMeaning(`//${provider}`)?.provider, 'gcp');
  assert.equal(audienceMeaning(`https://${provider}`)?.provider, 'gcp');
  assert.equal(audienceMeaning(`http://${provider}`), undefined);
  assert.equal(audienceMeaning(`//${provider}/extra`), undefined);
  assert.equal(audienceMeaning('//iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL_ID/providers/PROVIDER_ID')?.provider, 'gcp');
  assert.equal(audienceMeaning('https://kubernetes.default.svc'), undefined);
});

test("the API server's own audience is the one the caller knows: the cluster's issuer, or a token's iss", () => {
  const own = audienceMeaning('https://kubernetes.default.svc', ['https://kubernetes.default.svc']);
  assert.equal(own?.provider, 'kubernetes');
  assert.equal(own?.audience, 'https://kubernetes.default.svc');
  assert.match(own!.purpose, /API server accepts it/);
});

test('Request Token offers the audiences written as they are, once, after the ones already offered', () => {
  assert.deepEqual(
    offeredAudiences([]).map((known) => known.audience),
    ['sts.amazonaws.com', 'pods.eks.amazonaws.com', 'api://AzureADTokenExchange', 'vault'],
  );
  assert.deepEqual(
    offeredAudiences([['vault'], ['sts.amazonaws.com', 'other']]).map((known) => known.audience),
    ['sts.amazonaws.com', 'pods.eks.amazonaws.com', 'api://AzureADTokenExchange'],
  );
});

test('an issuer a cloud could fetch is an https URL on a public name; in-cluster, private and plain-http ones are not', () => {
  assert.deepEqual(issuerReach('https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF'), { publicName: true });
  assert.deepEqual(issuerReach('https://container.googleapis.com/v1/projects/p/locations/l/clusters/c'), { publicName: true });
  const privateCases: [string, RegExp][] = [
    ['https://kubernetes.default.svc', /only the cluster/],
    ['https://kubernetes.default.svc.cluster.local', /only the cluster/],
    ['https://api.corp.internal:6443', /only the cluster/],
    ['https://apiserver', /only the cluster/],
    ['https://localhost:6443', /only the cluster/],
    ['https://10.0.0.1:6443', /private IP/],
    ['https://172.20.1.1', /private IP/],
    ['https://192.168.49.2:8443', /private IP/],
    ['https://127.0.0.1:6443', /private IP/],
    ['https://169.254.169.254', /private IP/],
    ['https://100.64.0.1', /private IP/],
    ['https://[::1]:6443', /private IP/],
    ['https://[fd00::1]', /private IP/],
    ['http://oidc.example.com', /not an https URL/],
    ['kubernetes/serviceaccount', /not a URL/],
    ['', /not a URL/],
  ];
  for (const [issuer, why] of privateCases) {
    const reach = issuerReach(issuer);
    assert.ok(!reach.publicName && why.test(reach.why), `${issuer}: ${JSON.stringify(reach)}`);
  }
  assert.deepEqual(issuerReach('https://172.32.0.1'), { publicName: true });
  assert.deepEqual(issuerReach('https://[2001:db8::1]'), { publicName: true });
});
