// Completion and hover where tokens are written: audiences offered with what they are for, the
// fields of a projected token source, and the ServiceAccount a workload's Pods run as.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { completionsAt, hoverAt, validateManifests } from '../../../src/manifests';
import { assertInertMarkdown } from '../jwt/inertMarkdown';

function at(marked: string): { text: string; offset: number } {
  return { text: marked.replace('|', ''), offset: marked.indexOf('|') };
}

const complete = (marked: string) => {
  const { text, offset } = at(marked);
  return completionsAt(text, offset);
};

const sources = `apiVersion: v1
kind: Pod
metadata:
  name: app
  namespace: payments
spec:
  serviceAccountName: api
  containers: [{name: app, image: busybox}]
  volumes:
    - name: token
      projected:
        sources:
`;

const wellKnown = ['sts.amazonaws.com', 'pods.eks.amazonaws.com', 'api://AzureADTokenExchange', '//iam.googleapis.com/projects/PROJECT_NUMBER/locations/global/workloadIdentityPools/POOL_ID/providers/PROVIDER_ID', 'vault'];

test("a projected token's audience is offered the well-known audiences, each with its meaning and source", () => {
  const items = complete(`${sources}          - serviceAccountToken:\n              audience: |\n`);
  assert.deepEqual(items.map((item) => item.label), wellKnown);
  const aws = items[0];
  assert.equal(aws.detail, 'AWS IAM Roles for Service Accounts (IRSA)');
  assert.match(aws.documentation, /^AWS STS \(AssumeRoleWithWebIdentity\) exchanges it .*\n\nSource: aws\/amazon-eks-pod-identity-webhook, main\.go --token-audience default\.$/);
  assert.equal(items[3].detail, 'Google Cloud Workload Identity Federation: replace the capitals');
  const typed = complete(`${sources}          - serviceAccountToken:\n              audience: st|s\n`);
  const { text, offset } = at(`${sources}          - serviceAccountToken:\n              audience: st|s\n`);
  assert.equal(text.slice(typed[0].start, typed[0].end), 'sts');
  assert.ok(offset > typed[0].start);
});

test('TokenRequest and TokenReview audiences are offered the same values, in a list item', () => {
  assert.deepEqual(complete('apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nspec:\n  audiences:\n    - |\n').map((item) => item.label), wellKnown);
  assert.deepEqual(complete('apiVersion: authentication.k8s.io/v1\nkind: TokenReview\nspec:\n  audiences:\n    - |\n').map((item) => item.label), wellKnown);
});

test('the keys of a token source, and the token source itself in a projected volume', () => {
  assert.deepEqual(complete(`${sources}          - serviceAccountToken:\n              path: token\n              |\n`).map((item) => item.label), ['audience', 'expirationSeconds']);
  const source = complete(`${sources}          - ser|\n`);
  assert.deepEqual(source.map((item) => item.label), ['serviceAccountToken']);
  assert.equal(source[0].insertText, 'serviceAccountToken:\n    ');
  const deployment = 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      volumes:\n        - name: t\n          projected:\n            sources:\n              - serviceAccountToken:\n                  |\n';
  assert.deepEqual(complete(deployment).map((item) => item.label), ['audience', 'expirationSeconds', 'path']);
  assert.deepEqual(complete('apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      |\n'), []);
  assert.deepEqual(complete('apiVersion: v1\nkind: Secret\nmetadata:\n  |\n'), []);
});

test("hovering serviceAccountName says which ServiceAccount in which namespace the Pods' tokens are for", () => {
  const { text, offset } = at(sources.replace('serviceAccountName: api', 'serviceAccountName: a|pi'));
  const hover = hoverAt(text, offset)!;
  assert.equal(text.slice(hover.start, hover.end), 'serviceAccountName');
  assert.deepEqual(hover.serviceAccount, { name: 'api', namespace: 'payments' });
  assert.equal(hover.markdown, '**serviceAccountName** `string`\n\nThe Pods of this Pod run as ServiceAccount `api` in namespace `payments`: the kubelet requests their projected tokens for it. Its tokens carry the subject `system:serviceaccount:payments:api`.');
  const elsewhere = at('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    spec:\n      service|AccountName: web\n');
  const unnamed = hoverAt(elsewhere.text, elsewhere.offset)!;
  assert.deepEqual(unnamed.serviceAccount, { name: 'web' });
  assert.match(unnamed.markdown, /in the namespace the Deployment is created in \(kubectl: the context's namespace, else `default`\)/);
});

test("hovering a token source's field shows its reference text, and what a well-known audience is for", () => {
  const { text, offset } = at(`${sources}          - serviceAccountToken:\n              aud|ience: sts.amazonaws.com\n              path: token\n`);
  const hover = hoverAt(text, offset)!;
  assert.equal(text.slice(hover.start, hover.end), 'audience');
  assert.match(hover.markdown, /^\*\*serviceAccountToken\.audience\*\* `string`\n\naudience is the intended audience of the token\./);
  assert.match(hover.markdown, /\n\n`sts\.amazonaws\.com`: AWS IAM Roles for Service Accounts \(IRSA\)\. AWS STS/);
  const expiration = at(`${sources}          - serviceAccountToken:\n              expiration|Seconds: 3600\n              path: token\n`);
  assert.match(hoverAt(expiration.text, expiration.offset)!.markdown, /older than 80 percent of its time to live or if the token is older than 24 hours/);
});

test('hover markdown takes names from the file only as code', () => {
  const marker = 'HOSTILE';
  const name = `x\` [${marker}](command:evil) <b>\u202E`;
  const text = sources.replace('serviceAccountName: api', `serviceAccountName: ${JSON.stringify(name)}`).replace('namespace: payments', `namespace: "${marker}**\`"`);
  const hover = hoverAt(text, text.indexOf('serviceAccountName') + 2)!;
  const [title, ...rest] = hover.markdown.split('\n');
  assert.equal(title, '**serviceAccountName** `string`');
  assertInertMarkdown(rest.join('\n'), 'serviceAccountName hover', { marker });
});

/** A snippet's body as it is first inserted: each placeholder's default, each choice's first option. */
function expand(body: readonly string[]): string {
  const defaults = new Map<string, string>();
  return body
    .join('\n')
    .replace(/\$\{(\d+)(?::([^}]*)|\|([^,|}]*)[^}]*\|)?\}|\$0/g, (_match, index: string | undefined, value: string | undefined, choice: string | undefined) => {
      if (index === undefined) {
        return '';
      }
      const text = value ?? choice ?? defaults.get(index) ?? '';
      defaults.set(index, text);
      return text;
    });
}

test('the projected-token snippets validate with no error or warning, each with the audience its integration expects', () => {
  const snippets = JSON.parse(readFileSync('snippets/kubernetes-tokens.code-snippets', 'utf8')) as Record<string, { prefix: string; body: string[] }>;
  const audiences: Record<string, RegExp> = {
    'pod-token-vault': /audience: vault\n/,
    'pod-token-aws': /audience: sts\.amazonaws\.com\n[^]*path: token\n/,
    'pod-token-azure': /audience: api:\/\/AzureADTokenExchange\n[^]*path: azure-identity-token\n/,
    'pod-token-gcp': /audience: \/\/iam\.googleapis\.com\/projects\/PROJECT_NUMBER\/locations\/global\/workloadIdentityPools\/POOL_ID\/providers\/PROVIDER_ID\n/,
  };
  for (const [prefix, audience] of Object.entries(audiences)) {
    const snippet = Object.values(snippets).find((candidate) => candidate.prefix === prefix)!;
    const text = expand(snippet.body);
    assert.match(text, audience, prefix);
    const findings = validateManifests(text, { defaultAudiences: [], now: 0 });
    assert.deepEqual(findings.filter((finding) => finding.severity === 'error' || finding.severity === 'warning'), [], prefix);
    assert.ok(findings.some((finding) => finding.code === 'automount-off-with-projected-token'), prefix);
  }
  assert.match(expand(Object.values(snippets).find((candidate) => candidate.prefix === 'pod-token-aws')!.body), /mountPath: \/var\/run\/secrets\/eks\.amazonaws\.com\/serviceaccount\n/);
  assert.match(expand(Object.values(snippets).find((candidate) => candidate.prefix === 'pod-token-azure')!.body), /value: \/var\/run\/secrets\/azure\/tokens\/azure-identity-token\n/);
});
