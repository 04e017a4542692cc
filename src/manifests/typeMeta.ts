// apiVersion and kind: what makes kubectl and the server take the object as a TokenRequest or TokenReview.
import type { ObjectChecks } from './checks';
import { entryOf, stringOf, type DecodedScalar } from './decode';
import { column, keyLineStart } from './edits';
import { apiGroup, apiVersion, kindFields } from './fields';
import { quoted } from './quote';

/** kubectl's answer for a kind it cannot map, from the RESTMapper. */
const noMatches = (kind: string, version: string) => `kubectl answers "no matches for kind ${quoted(kind)} in version ${quoted(version)}"`;

function missingApiVersion(checks: ObjectChecks): void {
  const { map, kind, kindEntry } = checks.object;
  const existing = entryOf(map, 'apiVersion');
  const renamed = existing ? [] : checks.renameFor(map, 'apiVersion', Object.keys(kindFields[kind].fields!));
  // A new line goes above the kind, or above the object's first key when the kind is merged in.
  const first = kindEntry.owner === map.node ? kindEntry.keyNode : (map.node.items[0].key as typeof kindEntry.keyNode);
  const at = map.node.flow ? first.range![0] : keyLineStart(checks.text, first);
  const add = { title: `Add apiVersion: ${apiVersion}`, edits: [{ start: at, end: at, newText: map.node.flow ? `apiVersion: ${apiVersion}, ` : `apiVersion: ${apiVersion}\n${' '.repeat(column(checks.text, at))}` }] };
  // A written `apiVersion:` gets its value; a key without a value node (`? apiVersion`) is left to the person.
  const fill = existing?.value?.kind === 'scalar' ? checks.change(`Add apiVersion: ${apiVersion}`, existing.value, apiVersion) : [];
  const fixes = existing ? fill : renamed.length > 0 ? renamed : checks.shared(first) ? [] : [add];
  checks.report('missing-api-version', 'error', `apiVersion is missing: a ${kind} is ${apiVersion}.`, existing?.keyAt ?? kindEntry.value!.at, fixes);
}

function checkApiVersion(checks: ObjectChecks): void {
  const { kind, kindText, apiVersionEntry } = checks.object;
  if (!apiVersionEntry) {
    missingApiVersion(checks);
    return;
  }
  const value = apiVersionEntry.value!;
  const written = value.kind !== 'scalar' ? '' : typeof value.value === 'string' ? value.value : value.json;
  if (written === apiVersion) {
    return;
  }
  const fix = value.kind === 'scalar' ? checks.change(`Change to ${apiVersion}`, value, apiVersion) : [];
  const slash = written.indexOf('/');
  const [group, version] = slash < 0 ? ['', written.toLowerCase()] : [written.slice(0, slash).toLowerCase(), written.slice(slash + 1).toLowerCase()];
  if (group === apiGroup && version === 'v1') {
    checks.report('wrong-case', 'error', `apiVersion ${quoted(written)} must be written "${apiVersion}"`, value.at, fix);
  } else if (group === apiGroup && version === 'v1beta1') {
    const detail = kind === 'TokenReview' ? 'authentication.k8s.io/v1beta1 TokenReview was removed in Kubernetes 1.22' : 'TokenRequest was never served as authentication.k8s.io/v1beta1, a version removed in Kubernetes 1.22';
    checks.report('removed-api-version', 'error', `${detail}: use ${apiVersion}.`, value.at, fix);
  } else {
    checks.report('unsupported-api-version', 'error', `The API server serves ${kind} only as ${apiVersion}, not ${quoted(written)}: ${noMatches(kindText, written)}.`, value.at, fix);
  }
}

function checkKind(checks: ObjectChecks): void {
  const { kind, kindText, kindEntry, apiVersionEntry } = checks.object;
  if (kindText === kind) {
    return;
  }
  const value = kindEntry.value as DecodedScalar;
  const fix = checks.change(`Change to "${kind}"`, value, kind);
  if (kindText.toLowerCase() === kind.toLowerCase()) {
    checks.report('wrong-case', 'error', `kind ${quoted(kindText)} must be written "${kind}"`, value.at, fix);
    return;
  }
  const version = stringOf(apiVersionEntry?.value) ?? '';
  checks.report('unknown-kind', 'error', `kind ${quoted(kindText)} is not a kind the API server serves: ${noMatches(kindText, version)}. Did you mean "${kind}"?`, value.at, fix);
}

/** The object's apiVersion and kind, in kubectl's and the server's words. */
export function checkTypeMeta(checks: ObjectChecks): void {
  checkApiVersion(checks);
  checkKind(checks);
}
