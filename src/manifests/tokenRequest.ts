// The spec of a TokenRequest: audiences, expirationSeconds and the bound object, in the server's words.
import { nodeBindingUnavailable } from '../tokens/serverFeatures';
import { isAlias } from 'yaml';
import { checkAudienceEntries } from './audiences';
import { checkExpirationRange } from './expiration';
import { writtenOut, type ObjectChecks } from './checks';
import { entryOf, isNull, mapOf, stringOf, type Decoded, type DecodedEntry, type DecodedMap, type DecodedScalar } from './decode';
import { addPair, fillEmptyPair, listValue } from './edits';
import { boundObjectKinds, kindFields } from './fields';
import type { Fix } from './findings';
import { nearKind } from './nearMiss';
import { excerpt, quoted } from './quote';
import { visibleText } from '../text/visibleText';
import * as l10n from '../text/l10n';

const specFields = Object.keys(kindFields.TokenRequest.fields!.spec.fields!);
const rootFields = Object.keys(kindFields.TokenRequest.fields!);
const boundFields = Object.keys(kindFields.TokenRequest.fields!.spec.fields!.boundObjectRef.fields!);

function audiencesFix(checks: ObjectChecks): { title: string; audiences: string[] } {
  const configured = checks.options.defaultAudiences;
  const audiences = configured.length > 0 ? configured : ['api'];
  return { title: configured.length > 0 ? l10n.t('Add spec.audiences: [{0}]', audiences.join(', ')) : l10n.t('Add spec.audiences with a placeholder to replace'), audiences };
}

/** No spec, or an empty one: the fix renames a misspelt `spec`, or adds audiences. */
export function missingRequestSpec(checks: ObjectChecks, spec: DecodedEntry | undefined): void {
  const { map, kindEntry } = checks.object;
  const { title, audiences } = audiencesFix(checks);
  const renamed = spec ? [] : checks.renameFor(map, 'spec', rootFields);
  let fixes: Fix[] = [];
  if (!spec) {
    fixes = renamed.length > 0 ? renamed : checks.shared(map.node) ? [] : [{ title, edits: [addPair(checks.text, checks.step, map.node, 'spec', { audiences })] }];
  } else if (!isAlias(spec.pair.value) && !checks.shared(spec.owner)) {
    // An alias cannot take a mapping below it: no fix then.
    fixes = [{ title, edits: fillEmptyPair(checks.text, checks.step, spec.pair, 'audiences', audiences, (tag) => checks.tagName(tag)) }];
  }
  checks.report(
    'missing-spec',
    'warning',
    l10n.t('spec is missing: the server then issues a token for the API server\'s own audiences, valid for 3600 s. Set spec.audiences to the service that will receive the token.'),
    spec?.keyAt ?? kindEntry.value!.at,
    fixes,
  );
}

const audiencesExplanation = () =>
  l10n.t('the server then issues the token for the API server\'s own audiences, which other services should refuse. List the audiences of the service that will receive the token.');

function checkAudiences(checks: ObjectChecks, spec: DecodedEntry, map: DecodedMap): void {
  const audiences = entryOf(map, 'audiences');
  const { title, audiences: offered } = audiencesFix(checks);
  if (!audiences) {
    const renamed = checks.renameFor(map, 'audiences', specFields);
    const fixes = renamed.length > 0 ? renamed : checks.shared(map.node) ? [] : [{ title, edits: [addPair(checks.text, checks.step, map.node, 'audiences', offered)] }];
    checks.report('missing-audiences', 'warning', l10n.t('spec.audiences is not set: {0}', audiencesExplanation()), spec.keyAt, fixes);
    return;
  }
  const value = audiences.value;
  if (isNull(value) || (value?.kind === 'seq' && value.items.length === 0)) {
    const fixes = checks.shared(audiences.owner) || (audiences.pair.value && checks.shared(audiences.pair.value)) ? [] : [{ title: writtenOut(title, audiences.pair.value), edits: listValue(checks.text, checks.step, audiences.owner, audiences.pair, offered) }];
    checks.report('missing-audiences', 'warning', l10n.t('spec.audiences is empty: {0}', audiencesExplanation()), value && !isNull(value) ? value.at : audiences.keyAt, fixes);
  }
  checkAudienceEntries(checks, audiences);
}

/** The kinds this cluster binds tokens to, the one closest to `written` first (`pod`, `Pods` → Pod). */
function bindableKinds(checks: ObjectChecks, written: string): string[] {
  const allowed = nodeBindingUnavailable(checks.options.serverVersion) ? boundObjectKinds.filter((kind) => kind !== 'Node') : [...boundObjectKinds];
  const closest = nearKind(written, allowed);
  return closest ? [closest, ...allowed.filter((kind) => kind !== closest)] : allowed;
}

/** `Pod` written as the scalar it replaces was: plain, or in the same quotes. A block scalar gets no fix: its range holds the line break after it. */
function sameQuoting(value: DecodedScalar, kind: string): string | undefined {
  switch (value.node.type) {
    case 'QUOTE_DOUBLE':
      return `"${kind}"`;
    case 'QUOTE_SINGLE':
      return `'${kind}'`;
    case 'PLAIN':
      return kind;
    default:
      return undefined;
  }
}

/** What boundObjectRef.kind may be on this cluster, as a message says it. */
function allowedKindsText(checks: ObjectChecks): string {
  const unavailable = nodeBindingUnavailable(checks.options.serverVersion);
  if (unavailable) {
    return l10n.t('Pod or Secret ({0})', visibleText(unavailable, 200));
  }
  return checks.options.serverVersion ? l10n.t('Pod, Secret or Node') : l10n.t('Pod, Secret or Node (Node needs Kubernetes 1.31 or later)');
}

/**
 * A fix that writes `kind` over the written kind, in its quotes. An apiVersion of another group
 * (`apps/v1` with a Deployment) would refuse the new kind too: it becomes v1 in the same fix.
 */
function bindInsteadFix(checks: ObjectChecks, kindScalar: DecodedScalar, apiVersion: DecodedScalar | undefined, kind: string): Fix[] {
  const kindText = sameQuoting(kindScalar, kind);
  const [kindFix] = kindText === undefined ? [] : checks.change(l10n.t('Bind to {0} instead', kind), kindScalar, kindText);
  if (!kindFix || !apiVersion) {
    return kindFix ? [kindFix] : [];
  }
  const versionText = sameQuoting(apiVersion, 'v1');
  const [versionFix] = versionText === undefined ? [] : checks.change(kindFix.title, apiVersion, versionText);
  return versionFix ? [{ title: l10n.t('{0} (apiVersion v1)', kindFix.title), edits: [...kindFix.edits, ...versionFix.edits] }] : [];
}

/** A kind the server cannot bind to: the server's answer, the allowed kinds, and one fix per allowed kind. */
function unsupportedBoundKind(checks: ObjectChecks, bound: DecodedEntry, reference: DecodedMap, kindValue: Decoded | undefined, type: string): void {
  const written = stringOf(kindValue);
  const apiVersionValue = entryOf(reference, 'apiVersion')?.value;
  const otherGroup = stringOf(apiVersionValue)?.includes('/') ? (apiVersionValue as DecodedScalar) : undefined;
  let fixes: Fix[] = [];
  if (written !== undefined) {
    fixes = bindableKinds(checks, written).flatMap((kind) => bindInsteadFix(checks, kindValue as DecodedScalar, otherGroup, kind));
  } else if (!kindValue) {
    fixes = checks.renameFor(reference, 'kind', boundFields);
  }
  const message = l10n.t('boundObjectRef.kind must be exactly {0}: the server answers "cannot bind token to object of type {1}".', allowedKindsText(checks), excerpt(type));
  checks.report('unsupported-bound-kind', 'error', message, !isNull(kindValue) ? kindValue!.at : bound.keyAt, fixes);
}

/** boundObjectRef.name, which the server needs to look up `object` (`the Pod`). */
function checkBoundName(checks: ObjectChecks, bound: DecodedEntry, reference: DecodedMap, object: string): void {
  const name = entryOf(reference, 'name')?.value;
  if (!stringOf(name)) {
    const renamed = name ? [] : checks.renameFor(reference, 'name', boundFields);
    const at = name && !isNull(name) && name.at[1] > name.at[0] ? name.at : bound.keyAt;
    checks.report('bound-name-missing', 'error', l10n.t('boundObjectRef.name is required: the server looks up {0} by name.', object), at, renamed);
  }
}

/** pkg/registry/core/serviceaccount/storage/token.go: only core Pods, Secrets and Nodes, by name. */
function checkBoundObject(checks: ObjectChecks, bound: DecodedEntry, reference: DecodedMap): void {
  const kindValue = entryOf(reference, 'kind')?.value;
  if (!isNull(kindValue) && stringOf(kindValue) === undefined) {
    return; // reported as wrong-type
  }
  const kind = stringOf(kindValue) ?? '';
  const apiVersionValue = entryOf(reference, 'apiVersion')?.value;
  const written = stringOf(apiVersionValue) ?? '';
  const [group, version] = written.includes('/') ? [written.slice(0, written.indexOf('/')), written.slice(written.indexOf('/') + 1)] : ['', written];
  const type = `${group}/${version}, Kind=${kind}`;
  const known = boundObjectKinds.find((candidate) => candidate.toLowerCase() === kind.toLowerCase());
  if (known !== kind) {
    unsupportedBoundKind(checks, bound, reference, kindValue, type);
  }
  if (!known) {
    // A fix of the kind must not reveal a missing name: it is reported with the kind.
    if (stringOf(kindValue) !== undefined) {
      checkBoundName(checks, bound, reference, l10n.t('the object'));
    }
    return;
  }
  if (known === 'Node') {
    // The same knowledge as Request Token's binding step: with a cluster connected, its version decides.
    const unavailable = nodeBindingUnavailable(checks.options.serverVersion);
    checks.report(
      'node-binding-version',
      unavailable ? 'error' : 'information',
      unavailable
        ? l10n.t('{0}: it answers "cannot bind token to object of type /v1, Kind=Node". Bind to a Pod or a Secret, or use a newer cluster.', unavailable)
        : l10n.t('Binding a token to a Node needs Kubernetes 1.31 or later (feature gate ServiceAccountTokenNodeBinding, beta in 1.31, GA in 1.33); older servers answer "cannot bind token to object of type /v1, Kind=Node".'),
      kindValue!.at,
    );
  }
  const apiVersionScalar = apiVersionValue as DecodedScalar;
  if (group !== '') {
    checks.report('bound-api-version', 'error', l10n.t('cannot bind token to object of type {0}', excerpt(type)), apiVersionScalar.at, checks.change(l10n.t('Change to v1'), apiVersionScalar, 'v1'));
  } else if (version !== '' && version !== 'v1') {
    // The server checks only the group, so "v2" passes; it is still not the referent's version.
    checks.report('bound-api-version', 'warning', l10n.t('boundObjectRef.apiVersion of a {0} is v1, not {1}.', known, quoted(written)), apiVersionScalar.at, checks.change(l10n.t('Change to v1'), apiVersionScalar, 'v1'));
  }
  checkBoundName(checks, bound, reference, l10n.t('the {0}', known));
}

export function checkRequestSpec(checks: ObjectChecks, spec: DecodedEntry): void {
  const map = mapOf(spec.value)!;
  checkAudiences(checks, spec, map);
  checkExpirationRange(checks, entryOf(map, 'expirationSeconds')?.value, 'spec.expirationSeconds');
  const bound = entryOf(map, 'boundObjectRef');
  const reference = mapOf(bound?.value);
  if (bound && reference) {
    checkBoundObject(checks, bound, reference);
  }
}
