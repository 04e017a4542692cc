// Each rule for projected tokens and legacy token Secrets, with the exact text it points at and what
// each fix leaves; every fix of every case is also checked the corpus's way (fixChecks).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateManifests, type Finding } from '../../../src/manifests';
import { allFixProblems, applyEdits } from './fixChecks';

const options = { defaultAudiences: ['vault'], now: Date.parse('2026-01-01T00:00:00Z') };

/** A Pod whose one container mounts volume `token`, with `source` as the only source of that volume. */
const pod = (source: string, extra = '') => `apiVersion: v1
kind: Pod
metadata:
  name: app
  namespace: demo
spec:
${extra}  containers:
    - name: app
      image: busybox
      volumeMounts:
        - name: token
          mountPath: /var/run/secrets/tokens
  volumes:
    - name: token
      projected:
        sources:
          - serviceAccountToken:
${source}`;

function findings(text: string): Finding[] {
  assert.deepEqual(allFixProblems(text, options), []);
  return validateManifests(text, options);
}

function only(text: string, code: string): Finding {
  const found = findings(text).filter((finding) => finding.code === code);
  assert.equal(found.length, 1, `${code} in ${JSON.stringify(findings(text).map((finding) => finding.code))}`);
  return found[0];
}

const covered = (text: string, finding: Finding) => text.slice(finding.start, finding.end);
const fixed = (text: string, finding: Finding, index = 0) => applyEdits(text, finding.fixes[index].edits);

test('a valid projected token gets only the rotation hint', () => {
  const text = pod('              audience: vault\n              expirationSeconds: 3600\n              path: token\n');
  assert.deepEqual(findings(text).map((finding) => `${finding.code}/${finding.severity} ${covered(text, finding)}`), ['token-rotation/hint 3600']);
  assert.equal(findings(text)[0].message, 'The kubelet writes a new token once this one is 80 % of its lifetime old: after about 48m of 1h. Read the file each time the token is used, not once at start.');
});

test('past 30 hours the kubelet rotates after 24 hours, not at 80 %', () => {
  const text = pod('              expirationSeconds: 604800\n              path: token\n');
  assert.match(only(text, 'token-rotation').message, /once this one is 24 hours, sooner than 80 % of its lifetime old: after about 1d of 7d\./);
});

test('audiences (plural) is dropped by the server: renamed, keeping one of its audiences', () => {
  const text = pod('              audiences:\n                - vault # the role\n              path: token\n');
  const finding = only(text, 'projected-audiences');
  assert.equal(covered(text, finding), 'audiences');
  assert.equal(finding.severity, 'error');
  assert.match(finding.message, /^unknown field "spec\.volumes\[0\]\.projected\.sources\[0\]\.serviceAccountToken\.audiences": a projected token takes one audience, written "audience"\./);
  assert.equal(finding.fixes[0].title, 'Rename to "audience", keeping "vault"');
  assert.equal(fixed(text, finding), pod('              audience: vault # the role\n              path: token\n'));
});

test('several audiences: one fix per audience, and the advice to project one source each', () => {
  const text = pod('              {audiences: [vault, sts.amazonaws.com], path: token}\n').replace('serviceAccountToken:\n              {', 'serviceAccountToken: {');
  const finding = only(text, 'projected-audiences');
  assert.deepEqual(finding.fixes.map((fix) => fix.title), ['Rename to "audience", keeping "vault"', 'Rename to "audience", keeping "sts.amazonaws.com"']);
  assert.match(text.replace('{audiences: [vault, sts.amazonaws.com]', '{audience: sts.amazonaws.com'), /audience: sts/);
  assert.equal(fixed(text, finding, 1), text.replace('{audiences: [vault, sts.amazonaws.com]', '{audience: sts.amazonaws.com'));
  assert.match(finding.message, /for several, project one source per audience\.$/);
});

test('audiences written as one string is renamed; beside an audience it is removed', () => {
  const scalar = pod('              audiences: vault\n              path: token\n');
  assert.equal(fixed(scalar, only(scalar, 'projected-audiences')), pod('              audience: vault\n              path: token\n'));
  const both = pod('              audience: vault\n              audiences: [vault]\n              path: token\n');
  const finding = only(both, 'projected-audiences');
  assert.equal(finding.fixes[0].title, 'Remove "audiences"');
  assert.equal(fixed(both, finding), pod('              audience: vault\n              path: token\n'));
});

test('expirationSeconds below 10 minutes or above 2^32 seconds, in the server words of validateProjectionSources', () => {
  const short = pod('              expirationSeconds: 300\n              path: token\n');
  const finding = only(short, 'expiration-too-short');
  assert.equal(covered(short, finding), '300');
  assert.equal(finding.message, 'spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes');
  assert.equal(fixed(short, finding), pod('              expirationSeconds: 600\n              path: token\n'));
  const long = pod('              expirationSeconds: 4294967297\n              path: token\n');
  assert.equal(only(long, 'expiration-too-long').message, 'spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: 4294967297: may not specify a duration larger than 2^32 seconds');
  assert.equal(fixed(long, only(long, 'expiration-too-long')), pod('              expirationSeconds: 4294967296\n              path: token\n'));
  assert.ok(!findings(pod('              expirationSeconds: 600\n              path: token\n')).some((each) => each.severity === 'error'));
});

test('wrong types are answered as the server decodes a Pod: the Go struct is ServiceAccountTokenProjection', () => {
  const text = pod('              expirationSeconds: 2h\n              audience: 443\n              path: token\n');
  const [expiration, audience] = findings(text).filter((finding) => finding.code === 'wrong-type');
  assert.equal(covered(text, expiration), '2h');
  assert.match(expiration.message, /"json: cannot unmarshal string into Go struct field ServiceAccountTokenProjection\.spec\.volumes\.projected\.sources\.serviceAccountToken\.expirationSeconds of type int64"/);
  assert.equal(expiration.fixes[0].title, 'Change to 7200 (2h)');
  assert.equal(covered(text, audience), '443');
  assert.equal(fixed(text, audience), pod('              expirationSeconds: 2h\n              audience: "443"\n              path: token\n'));
  const notMapping = pod('').replace('serviceAccountToken:\n', 'serviceAccountToken: vault\n');
  assert.match(only(notMapping, 'wrong-type').message, /Go struct field VolumeProjection\.spec\.volumes\.projected\.sources\.serviceAccountToken of type v1\.ServiceAccountTokenProjection/);
});

test('a missing path, in the server words that name the volume: added, filled in, or renamed from a misspelling', () => {
  const none = pod('              audience: vault\n');
  const finding = only(none, 'projected-path-missing');
  assert.equal(covered(none, finding), 'serviceAccountToken');
  assert.equal(finding.message, 'spec.volumes[0].projected.sources[0].serviceAccountToken.path is required, the file the token is written to: the server answers "spec.volumes[0].projected.path: Required value".');
  assert.equal(fixed(none, finding), pod('              audience: vault\n              path: token\n'));
  const empty = pod('              path: ""\n');
  assert.equal(covered(empty, only(empty, 'projected-path-missing')), '""');
  assert.equal(fixed(empty, only(empty, 'projected-path-missing')), pod('              path: token\n'));
  const bare = pod('');
  assert.equal(fixed(bare, only(bare, 'projected-path-missing')), pod('              path: token\n'));
  const misspelt = pod('              paht: token\n');
  assert.equal(only(misspelt, 'projected-path-missing').fixes[0].title, 'Rename "paht" to "path"');
});

test('a path that leaves the volume: refused from 1.30, and by the kubelet before; the fix keeps the file name', () => {
  const cases: [string, string, string][] = [
    ['/var/run/secrets/tokens/vault', 'must be a relative path', 'invalid path: must be relative path: /var/run/secrets/tokens/vault'],
    ['../aws/token', "must not contain '..'", "invalid path: must not contain '..': ../aws/token"],
    ['..data', "must not start with '..'", "invalid path: must not start with '..': ..data"],
  ];
  for (const [path, server, kubelet] of cases) {
    const text = pod(`              path: ${path}\n`);
    const finding = only(text, 'projected-path-not-local');
    assert.equal(covered(text, finding), path);
    assert.equal(
      finding.message,
      `The token's path "${path}" leaves the volume: from Kubernetes 1.30 the server answers "spec.volumes[0].projected.path: Invalid value: "${path}": ${server}"; older servers store it, and the kubelet then refuses to set the volume up ("${kubelet}"), so the Pod never starts.`,
    );
  }
  const text = pod('              path: ../aws/token\n');
  assert.equal(fixed(text, only(text, 'projected-path-not-local')), pod('              path: token\n'));
  assert.deepEqual(only(pod('              path: ..data\n'), 'projected-path-not-local').fixes, []);
  assert.ok(!findings(pod('              path: a..b/token\n')).some((finding) => finding.code === 'projected-path-not-local'));
});

test('two sources writing one path: the later token source is told, with a free name', () => {
  const text = pod('              path: token\n          - serviceAccountToken:\n              audience: sts.amazonaws.com\n              path: token\n');
  const finding = only(text, 'projected-path-duplicate');
  assert.equal(finding.start, text.lastIndexOf('token'));
  assert.equal(finding.message, 'sources[0] of this volume writes "token" too: the API server accepts both, but the kubelet writes one file per path, the last source\'s, so one of them is lost. Give each source its own path.');
  assert.equal(fixed(text, finding), text.replace(/path: token\n$/, 'path: token-2\n'));
  const withSecret = pod('              path: ca.crt\n          - secret:\n              name: app-config\n              items:\n                - key: ca.crt\n                  path: ca.crt\n');
  assert.match(only(withSecret, 'projected-path-duplicate').message, /^sources\[1\]\.secret\.items\[0\] of this volume writes "ca\.crt" too/);
});

test('a source key misspelt for serviceAccountToken projects nothing', () => {
  const text = pod('              path: token\n').replace('- serviceAccountToken:', '- serviceaccounttoken:');
  const finding = only(text, 'unknown-field');
  assert.equal(covered(text, finding), 'serviceaccounttoken');
  assert.match(finding.message, /^unknown field "spec\.volumes\[0\]\.projected\.sources\[0\]\.serviceaccounttoken": Did you mean "serviceAccountToken"\? .* so this source projects no token\.$/);
  assert.equal(fixed(text, finding), pod('              path: token\n'));
});

test('a mount that names no volume, in the server words; the fixes name the volumes, the closest first', () => {
  const text = pod('              path: token\n').replace('        - name: token\n', '        - name: tokn\n');
  const finding = only(text, 'volume-mount-unknown');
  assert.equal(covered(text, finding), 'tokn');
  assert.equal(finding.message, 'spec.containers[0].volumeMounts[0].name: Not found: "tokn". No volume of this Pod spec has that name, so the server refuses the Pod.');
  assert.equal(fixed(text, finding), pod('              path: token\n'));
});

test('a token volume no container mounts: the fix mounts it in the first container, whatever its mounts look like', () => {
  const withoutMounts = pod('              path: token\n').replace('      volumeMounts:\n        - name: token\n          mountPath: /var/run/secrets/tokens\n', '');
  const finding = only(withoutMounts, 'projected-token-unmounted');
  assert.equal(covered(withoutMounts, finding), 'token');
  assert.equal(finding.fixes[0].title, 'Mount it in container "app" at /var/run/secrets/tokens');
  assert.equal(fixed(withoutMounts, finding), pod('              path: token\n').replace('mountPath: /var/run/secrets/tokens\n', 'mountPath: /var/run/secrets/tokens\n          readOnly: true\n'));
  const otherMount = pod('              path: token\n').replace('- name: token\n          mountPath: /var/run/secrets/tokens', '- name: config\n          mountPath: /etc/config');
  const added = fixed(otherMount, findings(otherMount).find((each) => each.code === 'projected-token-unmounted')!);
  assert.match(added, /- name: config\n {10}mountPath: \/etc\/config\n {8}- name: token\n {10}mountPath: \/var\/run\/secrets\/tokens\n {10}readOnly: true\n/);
});

test('automountServiceAccountToken: false beside a projected token is explained, not flagged', () => {
  const text = pod('              path: token\n', '  automountServiceAccountToken: false\n');
  const finding = only(text, 'automount-off-with-projected-token');
  assert.equal(finding.severity, 'information');
  assert.equal(covered(text, finding), 'false');
  assert.match(finding.message, /drops only the default token volume \(kube-api-access-…\).* the projected serviceAccountToken volume is still written\. That is the recommended pattern/);
  assert.ok(!findings(pod('              path: token\n', '  automountServiceAccountToken: true\n')).some((each) => each.code.startsWith('automount')));
});

const deployment = (source: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      containers:
        - name: api
          image: busybox
          volumeMounts:
            - name: token
              mountPath: /tokens
      volumes:
        - name: token
          projected:
            sources:
              - serviceAccountToken:
${source}`;

test("controllers' Pod templates: the template's field paths; a CronJob's two levels down", () => {
  const text = deployment('                  expirationSeconds: 60\n                  path: token\n');
  assert.equal(only(text, 'expiration-too-short').message, 'spec.template.spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes');
  const cron = `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers: [{name: c, image: busybox, volumeMounts: [{name: t, mountPath: /t}]}]\n          volumes: [{name: t, projected: {sources: [{serviceAccountToken: {path: /t}}]}}]\n`;
  assert.match(only(cron, 'projected-path-not-local').message, /"spec\.jobTemplate\.spec\.template\.spec\.volumes\[0\]\.projected\.path: Invalid value: "\/t": must be a relative path"/);
  for (const kind of ['DaemonSet', 'ReplicaSet', 'StatefulSet']) {
    assert.equal(findings(text.replace('kind: Deployment', `kind: ${kind}`)).filter((finding) => finding.code === 'expiration-too-short').length, 1, kind);
  }
  const job = text.replace('apiVersion: apps/v1\nkind: Deployment', 'apiVersion: batch/v1\nkind: Job');
  assert.equal(findings(job).filter((finding) => finding.code === 'expiration-too-short').length, 1);
});

test("a StatefulSet's template is validated only when its Pods are created: said so, with the Pod's paths; its claims count as volumes", () => {
  const text = deployment('                  expirationSeconds: 60\n                  path: token\n').replace('kind: Deployment', 'kind: StatefulSet');
  const finding = only(text, 'expiration-too-short');
  assert.equal(
    finding.message,
    "spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: 60: may not specify a duration less than 10 minutes. The API server accepts the StatefulSet without checking its Pod template (pkg/apis/apps/validation ValidatePodTemplateSpecForStatefulSet); its controller then fails to create each Pod, with this error in the StatefulSet's events.",
  );
  const claims = text.replace('expirationSeconds: 60', 'expirationSeconds: 600').replace('            - name: token\n              mountPath: /tokens\n', '            - name: token\n              mountPath: /tokens\n            - name: data\n              mountPath: /data\n') + '  volumeClaimTemplates:\n    - metadata:\n        name: data\n';
  assert.ok(!findings(claims).some((each) => each.code === 'volume-mount-unknown'));
  assert.equal(findings(claims.replace('kind: StatefulSet', 'kind: Deployment')).filter((each) => each.code === 'volume-mount-unknown').length, 1);
});

test('only workloads of the core groups with a projected token are read; other objects are left alone', () => {
  const noToken = pod('              path: token\n').replace(/ {4}- name: token\n {6}projected:[^]*$/, '    - name: token\n      emptyDir: {}\n').replace('- name: token\n          mountPath', '- name: missing\n          mountPath');
  assert.deepEqual(findings(noToken), []);
  assert.deepEqual(findings(pod('              expirationSeconds: 5\n').replace('apiVersion: v1', 'apiVersion: example.com/v1')), []);
  assert.deepEqual(findings(pod('              expirationSeconds: 5\n').replace('kind: Pod', 'kind: pod')), []);
  assert.deepEqual(findings('apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ntype: Opaque\n'), []);
});

test('workloads inside a kind: List are checked like documents', () => {
  const list = `apiVersion: v1\nkind: List\nitems:\n${pod('              expirationSeconds: 60\n              path: token\n').replace(/^/gm, '  ').replace(/^ {2}apiVersion/, '- apiVersion').trimEnd()}\n`;
  assert.equal(covered(list, only(list, 'expiration-too-short')), '60');
});

const secret = (annotations: string, extra = '') => `apiVersion: v1
kind: Secret
metadata:
  name: ci-token
  namespace: demo
${annotations}type: kubernetes.io/service-account-token
${extra}`;

test('a legacy token Secret: a warning that it never expires, replaced by a TokenRequest or by a projected volume', () => {
  const text = secret('  annotations:\n    kubernetes.io/service-account.name: ci\n');
  const finding = only(text, 'legacy-token-secret');
  assert.equal(finding.severity, 'warning');
  assert.equal(covered(text, finding), 'kubernetes.io/service-account-token');
  assert.equal(finding.message, 'This Secret makes the token controller write a token for ServiceAccount "ci" that never expires: it stays valid until the Secret is deleted, for anyone who can read the Secret. Use a short-lived token instead: a TokenRequest, or a projected serviceAccountToken volume in the Pod that needs it.');
  assert.deepEqual(finding.fixes.map((fix) => fix.title), ['Replace with a TokenRequest for ServiceAccount "demo/ci"', 'Replace with a note: the projected token volume to mount instead']);
  assert.equal(fixed(text, finding), 'apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nmetadata:\n  name: ci\n  namespace: demo\nspec:\n  audiences:\n    - vault\n  expirationSeconds: 3600\n');
  assert.deepEqual(validateManifests(fixed(text, finding), options).filter((each) => each.severity !== 'hint'), []);
  const note = fixed(text, finding, 1);
  assert.match(note, /^# In place of the legacy token Secret "ci-token": a projected token that\n/);
  assert.match(note, /\n#               audience: vault\n/);
  assert.ok(note.split('\n').every((line) => line === '' || line.startsWith('#')));
});

test('without configured audiences the TokenRequest asks for none and the note leaves the audience to the person', () => {
  const text = secret('  annotations:\n    kubernetes.io/service-account.name: ci\n');
  const bare = validateManifests(text, { ...options, defaultAudiences: [] }).find((finding) => finding.code === 'legacy-token-secret')!;
  assert.doesNotMatch(applyEdits(text, bare.fixes[0].edits), /audiences/);
  assert.match(applyEdits(text, bare.fixes[1].edits), /# audience: the service that receives the token \(none: the API server\)/);
});

test("the ServiceAccount annotation is required, in the server's words; a misspelt one is renamed", () => {
  const missing = secret('');
  const finding = only(missing, 'legacy-token-secret-account');
  assert.equal(finding.severity, 'error');
  assert.equal(covered(missing, finding), 'kubernetes.io/service-account-token');
  assert.equal(finding.message, 'A Secret of type kubernetes.io/service-account-token names the ServiceAccount whose token it holds in the annotation kubernetes.io/service-account.name: the server answers "Secret "ci-token" is invalid: metadata.annotations[kubernetes.io/service-account.name]: Required value".');
  assert.deepEqual(only(missing, 'legacy-token-secret').fixes.map((fix) => fix.title), ['Replace with a note: the projected token volume to mount instead']);
  const misspelt = secret('  annotations:\n    kubernetes.io/serviceaccount.name: ci\n');
  const renamed = only(misspelt, 'legacy-token-secret-account');
  assert.equal(covered(misspelt, renamed), 'kubernetes.io/serviceaccount.name');
  assert.equal(fixed(misspelt, renamed), secret('  annotations:\n    kubernetes.io/service-account.name: ci\n'));
  const empty = secret('  annotations:\n    kubernetes.io/service-account.name: ""\n');
  assert.equal(covered(empty, only(empty, 'legacy-token-secret-account')), '""');
});

test('a legacy Secret in a List is replaced in place; the note is offered for a whole document only', () => {
  const list = `apiVersion: v1\nkind: List\nitems:\n${secret('  annotations:\n    kubernetes.io/service-account.name: ci\n').replace(/^/gm, '    ').replace(/^ {4}apiVersion/, '  - apiVersion').trimEnd()}\n`;
  const finding = only(list, 'legacy-token-secret');
  assert.deepEqual(finding.fixes.map((fix) => fix.title), ['Replace with a TokenRequest for ServiceAccount "demo/ci"']);
  assert.equal(fixed(list, finding), 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: authentication.k8s.io/v1\n    kind: TokenRequest\n    metadata:\n      name: ci\n      namespace: demo\n    spec:\n      audiences:\n        - vault\n      expirationSeconds: 3600\n');
});
