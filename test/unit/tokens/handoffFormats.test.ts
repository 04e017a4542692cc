import assert from 'node:assert/strict';
import { test } from 'node:test';
import { authorizationHeader, curlCommand, describeIssued, exportCommand, parseAudiences, shellQuote } from '../../../src/tokens/handoffFormats';

test('authorization header', () => {
  assert.equal(authorizationHeader('abc.def.ghi'), 'Authorization: Bearer abc.def.ghi');
});

test('shell quoting survives single quotes', () => {
  assert.equal(shellQuote(`it's`), `'it'\\''s'`);
});

test('the export line starts with a space, so shells that ignore such lines keep it out of their history, and quotes the token', () => {
  assert.equal(exportCommand('abc.def.ghi'), " export KUBE_SA_TOKEN='abc.def.ghi'");
  assert.equal(exportCommand(`it's`), ` export KUBE_SA_TOKEN='it'\\''s'`);
});

test('curl command reads the token from $KUBE_SA_TOKEN on standard input, never its command line, and trusts the CA file', () => {
  const command = curlCommand('https://127.0.0.1:6443/', '/home/me/ca.crt');
  assert.equal(
    command,
    [
      `printf 'Authorization: Bearer %s\\n' "$KUBE_SA_TOKEN" | \\`,
      `  curl -sS --cacert '/home/me/ca.crt' -X POST 'https://127.0.0.1:6443/apis/authentication.k8s.io/v1/selfsubjectreviews' \\`,
      `  -H @- -H 'Content-Type: application/json' \\`,
      `  -d '{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}'`,
    ].join('\n'),
  );
  assert.ok(!curlCommand('https://h').includes('--cacert'));
  assert.equal(curlCommand("https://h/it's", "/tmp/it's.crt").includes(`'/tmp/it'\\''s.crt'`), true);
});

test('audiences split on commas and spaces, without empties or duplicates', () => {
  assert.deepEqual(parseAudiences(' vault, https://api.example ,vault  sts.amazonaws.com,,'), ['vault', 'https://api.example', 'sts.amazonaws.com']);
  assert.deepEqual(parseAudiences('   '), []);
});

test('an issued token is described by its own claims: audiences, binding, time left', () => {
  const issued = {
    token: 'x',
    namespace: 'demo',
    serviceAccount: 'vault-auth',
    audiences: ['vault'],
    boundObject: { kind: 'Pod' as const, name: 'web-0' },
    issuedAt: new Date(0),
    expiresAt: new Date(3_600_000),
    warnings: [],
  };
  assert.equal(describeIssued(issued, 600_000), 'demo/vault-auth for vault, bound to Pod web-0, expires in 50 min');
  assert.equal(describeIssued({ ...issued, audiences: [], boundObject: undefined }, 4_200_000), 'demo/vault-auth for API server, expired 10 min ago');
});
