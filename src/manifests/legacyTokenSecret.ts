// A Secret of type kubernetes.io/service-account-token: the token controller writes into it a token
// for the ServiceAccount its annotation names, which never expires (pkg/serviceaccount/legacy.go
// issues it without `exp`). The server requires the annotation (kubernetes/kubernetes
// pkg/apis/core/validation/validation.go ValidateSecret). The fixes replace it by a short-lived token.
import type { ObjectChecks } from './checks';
import { entryOf, mapOf, type DecodedMap } from './decode';
import { column, contentEnd, scalarText } from './edits';
import { apiVersion } from './fields';
import type { Fix } from './findings';
import { nearMiss } from './nearMiss';
import { quoted } from './quote';
import { tokenMountPath } from './volumeMounts';
import { stringEntry, type HolderObject } from './workloads';
import * as l10n from '../text/l10n';

type Checks = ObjectChecks<HolderObject>;

export const accountAnnotation = 'kubernetes.io/service-account.name';

/** Lines at `indent` after the first, which goes where the Secret's first key was. */
function indented(lines: readonly string[], indent: number): string {
  return lines.map((line, index) => (index === 0 || line === '' ? line : `${' '.repeat(indent)}${line}`)).join('\n');
}

/** The Secret's text, `[start, end)`: a block mapping no alias shares, or undefined. */
function replaceable(checks: Checks): { start: number; end: number; indent: number } | undefined {
  const node = checks.object.map.node;
  if (node.flow || checks.shared(node) || checks.object.map.written !== node) {
    return undefined;
  }
  const start = node.range![0];
  return { start, end: contentEnd(node), indent: column(checks.text, start) };
}

function tokenRequestFix(checks: Checks, account: string, namespace: string | undefined): Fix[] {
  const place = replaceable(checks);
  if (!place) {
    return [];
  }
  const pad = ' '.repeat(checks.step);
  const audiences = checks.options.defaultAudiences;
  const lines = [
    `apiVersion: ${apiVersion}`,
    'kind: TokenRequest',
    'metadata:',
    `${pad}name: ${scalarText(account)}`,
    ...(namespace === undefined ? [] : [`${pad}namespace: ${scalarText(namespace)}`]),
    'spec:',
    ...(audiences.length > 0 ? [`${pad}audiences:`, ...audiences.map((audience) => `${pad}${pad}- ${scalarText(audience)}`)] : []),
    `${pad}expirationSeconds: 3600`,
  ];
  const where = namespace === undefined ? account : `${namespace}/${account}`;
  return [{ title: l10n.t('Replace with a TokenRequest for ServiceAccount {0}', quoted(where)), edits: [{ start: place.start, end: place.end, newText: indented(lines, place.indent) }] }];
}

/** The Secret replaced by comment lines showing the projected volume a Pod of the ServiceAccount mounts instead; only for a whole document. */
function projectedVolumeNoteFix(checks: Checks, account: string | undefined, secretName: string | undefined): Fix[] {
  const place = replaceable(checks);
  if (!place || checks.object.map.node !== checks.document.contents) {
    return [];
  }
  const audience = checks.options.defaultAudiences[0];
  // The Secret's name, quoted, after "Secret" where the Secret has one.
  const secret = secretName === undefined ? '' : ` ${JSON.stringify(secretName)}`;
  const note =
    account === undefined
      ? l10n.t('In place of the legacy token Secret{0}: a projected token that\nexpires and that the kubelet rotates. Add the volume to the Pod spec of a workload that runs\nas its ServiceAccount, and mount it in the container that reads the token:', secret)
      : l10n.t('In place of the legacy token Secret{0}: a projected token that\nexpires and that the kubelet rotates. Add the volume to the Pod spec of a workload that runs\nas ServiceAccount {1}, and mount it in the container that reads the token:', secret, JSON.stringify(account));
  const lines = [
    ...note.split('\n').map((line) => `# ${line}`),
    '#   volumes:',
    '#     - name: sa-token',
    '#       projected:',
    '#         sources:',
    '#           - serviceAccountToken:',
    audience === undefined ? `#               # audience: ${l10n.t('the service that receives the token (none: the API server)')}` : `#               audience: ${scalarText(audience)}`,
    '#               expirationSeconds: 3600',
    '#               path: token',
    '#   containers:',
    '#     - volumeMounts:',
    '#         - name: sa-token',
    `#           mountPath: ${tokenMountPath}`,
    '#           readOnly: true',
  ];
  return [{ title: l10n.t('Replace with a note: the projected token volume to mount instead'), edits: [{ start: place.start, end: place.end, newText: indented(lines, place.indent) }] }];
}

/** A missing or empty ServiceAccount annotation, in the server's words; the fix renames a misspelt annotation. */
function missingAccount(checks: Checks, metadata: DecodedMap | undefined, secretName: string | undefined): void {
  const annotations = mapOf(entryOf(metadata, 'annotations')?.value);
  const empty = stringEntry(annotations, accountAnnotation);
  const misspelt = empty ? undefined : annotations?.entries.find((entry) => nearMiss(entry.key, [accountAnnotation]) === accountAnnotation);
  const fixes = misspelt && !checks.shared(misspelt.owner) ? [{ title: l10n.t('Rename {0} to "{1}"', quoted(misspelt.key), accountAnnotation), edits: [{ start: misspelt.keyNode.range![0], end: misspelt.keyNode.range![1], newText: accountAnnotation }] }] : [];
  const type = stringEntry(checks.object.map, 'type')!;
  const at = misspelt?.keyAt ?? (empty && empty.value.at[1] > empty.value.at[0] ? empty.value.at : type.value.at);
  const name = secretName === undefined ? '' : `${quoted(secretName)} `;
  checks.report(
    'legacy-token-secret-account',
    'error',
    l10n.t('A Secret of type kubernetes.io/service-account-token names the ServiceAccount whose token it holds in the annotation {0}: the server answers "Secret {1}is invalid: metadata.annotations[{2}]: Required value".', accountAnnotation, name, accountAnnotation),
    at,
    fixes,
  );
}

export function checkLegacyTokenSecret(checks: Checks): void {
  const metadata = mapOf(entryOf(checks.object.map, 'metadata')?.value);
  const account = stringEntry(mapOf(entryOf(metadata, 'annotations')?.value), accountAnnotation)?.text || undefined;
  const namespace = stringEntry(metadata, 'namespace')?.text || undefined;
  const secretName = stringEntry(metadata, 'name')?.text || undefined;
  const type = stringEntry(checks.object.map, 'type')!;
  checks.report(
    'legacy-token-secret',
    'warning',
    account === undefined
      ? l10n.t('This Secret makes the token controller write a token for the ServiceAccount its annotation names that never expires: it stays valid until the Secret is deleted, for anyone who can read the Secret. Use a short-lived token instead: a TokenRequest, or a projected serviceAccountToken volume in the Pod that needs it.')
      : l10n.t('This Secret makes the token controller write a token for ServiceAccount {0} that never expires: it stays valid until the Secret is deleted, for anyone who can read the Secret. Use a short-lived token instead: a TokenRequest, or a projected serviceAccountToken volume in the Pod that needs it.', quoted(account)),
    type.value.at,
    [...(account === undefined ? [] : tokenRequestFix(checks, account, namespace)), ...projectedVolumeNoteFix(checks, account, secretName)],
  );
  if (account === undefined) {
    missingAccount(checks, metadata, secretName);
  }
}
