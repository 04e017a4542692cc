// apiVersion and kind: what makes kubectl and the server take the object as a TokenRequest or TokenReview.
import type { ObjectChecks } from './checks';
import { entryOf, stringOf, type DecodedScalar } from './decode';
import { column, keyLineStart } from './edits';
import { apiGroup, apiVersion, kindFields } from './fields';
import { quoted } from './quote';
import * as l10n from '../text/l10n';

/** kubectl's answer for a kind it cannot map, from the RESTMapper: its own words inside ours. */
const noMatches = (kind: string, version: string) => l10n.t('kubectl answers "{0}"', `no matches for kind ${quoted(kind)} in version ${quoted(version)}`);

function missingApiVersion(checks: ObjectChecks): void {
  const { map, kind, kindEntry } = checks.object;
  const existing = entryOf(map, 'apiVersion');
  const renamed = existing ? [] : checks.renameFor(map, 'apiVersion', Object.keys(kindFields[kind].fields!));
  // A new line goes above the kind, or above the object's first key when the kind is merged in.
  const first = kindEntry.owner === map.node ? kindEntry.keyNode : (map.node.items[0].key as typeof kindEntry.keyNode);
  const at = map.node.flow ? first.range![0] : keyLineStart(checks.text, first);
  const add = { title: l10n.t('Add apiVersion: {0}', apiVersion), edits: [{ start: at, end: at, newText: map.node.flow ? `apiVersion: ${apiVersion}, ` : `apiVersion: ${apiVersion}\n${' '.repeat(column(checks.text, at))}` }] };
  // A written `apiVersion:` gets its value; a key without a value node (`? apiVersion`) is left to the person.
  const fill = existing?.value?.kind === 'scalar' ? checks.change(l10n.t('Add apiVersion: {0}', apiVersion), existing.value, apiVersion) : [];
  const fixes = existing ? fill : renamed.length > 0 ? renamed : checks.shared(first) ? [] : [add];
  checks.report('missing-api-version', 'error', l10n.t('apiVersion is missing: a {0} is {1}.', kind, apiVersion), existing?.keyAt ?? kindEntry.value!.at, fixes);
}

function checkApiVersion(checks: ObjectChecks): void {
  const { kind, kindText, apiVersionEntry } = checks.object;
  if (!apiVersionEntry) {
    missingApiVersion(checks);
    return;
  }
  const value = apiVersionEntry.value!;
  const written = value.kind !== 'scalar' ? '' : typeof value.value === 'string' ? value.value : value.reading.json;
  if (written === apiVersion) {
    return;
  }
  const fix = value.kind === 'scalar' ? checks.change(l10n.t('Change to {0}', apiVersion), value, apiVersion) : [];
  const slash = written.indexOf('/');
  const [group, version] = slash < 0 ? ['', written.toLowerCase()] : [written.slice(0, slash).toLowerCase(), written.slice(slash + 1).toLowerCase()];
  if (group === apiGroup && version === 'v1') {
    checks.report('wrong-case', 'error', l10n.t('apiVersion {0} must be written "{1}"', quoted(written), apiVersion), value.at, fix);
  } else if (group === apiGroup && version === 'v1beta1') {
    const message =
      kind === 'TokenReview'
        ? l10n.t('authentication.k8s.io/v1beta1 TokenReview was removed in Kubernetes 1.22: use {0}.', apiVersion)
        : l10n.t('TokenRequest was never served as authentication.k8s.io/v1beta1, a version removed in Kubernetes 1.22: use {0}.', apiVersion);
    checks.report('removed-api-version', 'error', message, value.at, fix);
  } else {
    checks.report('unsupported-api-version', 'error', l10n.t('The API server serves {0} only as {1}, not {2}: {3}.', kind, apiVersion, quoted(written), noMatches(kindText, written)), value.at, fix);
  }
}

function checkKind(checks: ObjectChecks): void {
  const { kind, kindText, kindEntry, apiVersionEntry } = checks.object;
  if (kindText === kind) {
    return;
  }
  const value = kindEntry.value as DecodedScalar;
  const fix = checks.change(l10n.t('Change to "{0}"', kind), value, kind);
  if (kindText.toLowerCase() === kind.toLowerCase()) {
    checks.report('wrong-case', 'error', l10n.t('kind {0} must be written "{1}"', quoted(kindText), kind), value.at, fix);
    return;
  }
  const version = stringOf(apiVersionEntry?.value) ?? '';
  checks.report('unknown-kind', 'error', l10n.t('kind {0} is not a kind the API server serves: {1}. Did you mean "{2}"?', quoted(kindText), noMatches(kindText, version), kind), value.at, fix);
}

/** The object's apiVersion and kind, in kubectl's and the server's words. */
export function checkTypeMeta(checks: ObjectChecks): void {
  checkApiVersion(checks);
  checkKind(checks);
}
