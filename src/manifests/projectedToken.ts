// The projected `serviceAccountToken` sources of one volume: their fields as the server decodes them,
// the one audience a source takes, the lifetime and how the kubelet rotates it, and the file it goes
// to. The API server checks the lifetime and that a path is given (kubernetes/kubernetes
// pkg/apis/core/validation/validation.go validateProjectionSources, which names the volume's
// `projected.path` in its message, not the source's); from Kubernetes 1.30 also that the path stays
// in the volume (kubernetes/kubernetes#121731). The kubelet checks the path on every release
// (pkg/volume/util/atomic_writer.go validatePath) and writes one file per path, the last source's
// (pkg/volume/projected/projected.go collectData).
import { isAlias } from 'yaml';
import type { ObjectChecks } from './checks';
import { entryOf, isNull, mapOf, stringOf, type DecodedMap } from './decode';
import { addPair, contentEnd, fillEmptyPair, scalarText } from './edits';
import { serviceAccountTokenProjection } from './fields';
import type { Fix } from './findings';
import { excerpt, quoted, quotedField } from './quote';
import { checkExpirationRange } from './expiration';
import { checkFields } from './structure';
import { projectionKeys, stringEntry, tokenKeyOf, validationPath, type HolderObject, type PodSpec, type TokenSource, type Volume } from './workloads';
import { formatSeconds, maxExpirationSeconds, minExpirationSeconds } from '../tokens/duration';
import * as l10n from '../text/l10n';

type Checks = ObjectChecks<HolderObject>;

const tokenFields = Object.keys(serviceAccountTokenProjection.fields!);

/** The kubelet starts replacing a token older than 80 % of its lifetime or 24 hours (k8s.io/api core/v1 ServiceAccountTokenProjection). */
const rotationShare = 0.8;
const rotationCeilingSeconds = 24 * 3600;

/** A source key meant as `serviceAccountToken`: the server drops it, and the source then projects nothing. */
function misspeltSource(checks: Checks, source: { map: DecodedMap; path: string[] }): void {
  const key = tokenKeyOf(source.map);
  if (!key || key.key === 'serviceAccountToken') {
    return;
  }
  const fixes = checks.shared(key.owner) ? [] : [{ title: l10n.t('Rename to "serviceAccountToken"'), edits: [{ start: key.keyNode.range![0], end: key.keyNode.range![1], newText: 'serviceAccountToken' }] }];
  const field = quotedField(source.path, key.key);
  checks.report('unknown-field', 'error', l10n.t('unknown field {0}: Did you mean "serviceAccountToken"? The server drops it without a word (unless fieldValidation=Strict), so this source projects no token.', field), key.keyAt, fixes);
}

/** Every path the volume's other sources write (items of secrets, config maps and downward API, a trust bundle's file), with where it is written. */
function otherPaths(volume: Volume): Map<string, string> {
  const paths = new Map<string, string>();
  for (const source of volume.sources) {
    for (const key of projectionKeys.filter((name) => name !== 'serviceAccountToken')) {
      const projection = mapOf(entryOf(source.map, key)?.value);
      const own = stringOf(entryOf(projection, 'path')?.value);
      if (own) {
        paths.set(own, `${source.path[source.path.length - 1]}.${key}`);
      }
      const items = entryOf(projection, 'items')?.value;
      (items?.kind === 'seq' ? items.items : []).forEach((item, index) => {
        const path = stringOf(entryOf(mapOf(item), 'path')?.value);
        if (path && !paths.has(path)) {
          paths.set(path, `${source.path[source.path.length - 1]}.${key}.items[${index}]`);
        }
      });
    }
  }
  return paths;
}

/** `token`, or `token-2`, `token-3`… : the first name no source of the volume writes. */
function freePath(base: string, taken: ReadonlyMap<string, string>): string {
  let candidate = base;
  for (let n = 2; taken.has(candidate); n += 1) {
    candidate = `${base}-${n}`;
  }
  return candidate;
}

/** `audiences` written for `audience`: the server drops it, and the token is then for the API server. */
function pluralAudiences(checks: Checks, source: TokenSource, map: DecodedMap): void {
  const plural = entryOf(map, 'audiences');
  if (!plural) {
    return;
  }
  const list = plural.value;
  const written = list?.kind === 'seq' ? list.items.map(stringOf).filter((audience): audience is string => audience !== undefined && audience.trim() !== '') : [];
  let fixes: Fix[] = [];
  if (entryOf(map, 'audience')) {
    fixes = checks.removePairsFix(l10n.t('Remove "audiences"'), [plural]);
  } else if (list?.kind === 'scalar' && typeof list.value === 'string') {
    fixes = checks.renameFor(map, 'audience', tokenFields);
  } else if (list?.kind === 'seq' && !isAlias(plural.pair.value) && !checks.shared(plural.owner) && !checks.shared(list.node)) {
    // The key and the value change where each is written: the list becomes its one audience.
    const colon = checks.text.indexOf(':', plural.keyNode.range![1]) + 1;
    fixes = [...new Set(written)].slice(0, 3).map((audience) => ({
      title: l10n.t('Rename to "audience", keeping {0}', quoted(audience)),
      edits: [
        { start: plural.keyNode.range![0], end: plural.keyNode.range![1], newText: 'audience' },
        { start: list.node.flow ? list.node.range![0] : colon, end: contentEnd(list.node), newText: `${list.node.flow ? '' : ' '}${scalarText(audience, plural.owner.flow)}` },
      ],
    }));
  }

  checks.report(
    'projected-audiences',
    'error',
    written.length > 1
      ? l10n.t('unknown field {0}: a projected token takes one audience, written "audience". The server drops "audiences" without a word (unless fieldValidation=Strict), and the kubelet then asks for a token for the API server\'s own audience, which the service you meant refuses. A projected token has one audience: for several, project one source per audience.', quotedField(source.tokenPath, 'audiences'))
      : l10n.t('unknown field {0}: a projected token takes one audience, written "audience". The server drops "audiences" without a word (unless fieldValidation=Strict), and the kubelet then asks for a token for the API server\'s own audience, which the service you meant refuses.', quotedField(source.tokenPath, 'audiences')),
    plural.keyAt,
    fixes,
  );
}

/** When the kubelet replaces a token of `seconds`, said where the lifetime is written. */
function rotationHint(checks: Checks, seconds: number, at: readonly [number, number]): void {
  const after = Math.min(seconds * rotationShare, rotationCeilingSeconds);
  checks.report(
    'token-rotation',
    'hint',
    seconds * rotationShare <= rotationCeilingSeconds
      ? l10n.t('The kubelet writes a new token once this one is 80 % of its lifetime old: after about {0} of {1}. Read the file each time the token is used, not once at start.', formatSeconds(after), formatSeconds(seconds))
      : l10n.t('The kubelet writes a new token once this one is 24 hours, sooner than 80 % of its lifetime old: after about {0} of {1}. Read the file each time the token is used, not once at start.', formatSeconds(after), formatSeconds(seconds)),
    at,
  );
}

/** Why the kubelet would not write a file at `path`: atomic_writer.go's rules, in the API server's words (validation.go ValidateLocalNonReservedPath). */
function pathProblem(path: string): { server: string; kubelet: string } | undefined {
  if (path.startsWith('/')) {
    return { server: 'must be a relative path', kubelet: 'invalid path: must be relative path' };
  }
  if (path.split('/').includes('..')) {
    return { server: "must not contain '..'", kubelet: "invalid path: must not contain '..'" };
  }
  if (path.startsWith('..')) {
    return { server: "must not start with '..'", kubelet: "invalid path: must not start with '..'" };
  }
  return undefined;
}

function missingPath(checks: Checks, pod: PodSpec, volume: Volume, source: TokenSource, map: DecodedMap | undefined, taken: ReadonlyMap<string, string>): void {
  const pathEntry = entryOf(map, 'path');
  const name = freePath('token', taken);
  let fixes: Fix[] = [];
  if (pathEntry?.value?.kind === 'scalar') {
    fixes = checks.change(l10n.t('Set path: {0}', name), pathEntry.value, name);
  } else if (map && !pathEntry) {
    const renamed = checks.renameFor(map, 'path', tokenFields);
    fixes = renamed.length > 0 ? renamed : checks.shared(map.node) ? [] : [{ title: l10n.t('Add path: {0}', name), edits: [addPair(checks.text, checks.step, map.node, 'path', name)] }];
  } else if (!map && !isAlias(source.entry.pair.value) && !checks.shared(source.entry.owner)) {
    fixes = [{ title: l10n.t('Add path: {0}', name), edits: fillEmptyPair(checks.text, checks.step, source.entry.pair, 'path', name, (tag) => checks.tagName(tag)) }];
  }
  const value = pathEntry?.value;
  const at = value && value.at[1] > value.at[0] ? value.at : (pathEntry?.keyAt ?? source.entry.keyAt);
  const projected = `${validationPath(pod, volume.path)}.projected`;
  checks.report('projected-path-missing', 'error', l10n.t('{0}.path is required, the file the token is written to: the server answers "{1}.path: Required value".', source.tokenPath.join('.'), projected), at, fixes);
}

function checkPath(checks: Checks, pod: PodSpec, volume: Volume, source: TokenSource, map: DecodedMap | undefined, taken: Map<string, string>): void {
  const pathEntry = entryOf(map, 'path');
  const value = pathEntry?.value;
  if (!pathEntry || isNull(value) || stringOf(value) === '') {
    missingPath(checks, pod, volume, source, map, taken);
    return;
  }
  const written = stringEntry(map, 'path');
  if (!written) {
    return;
  }
  const { text } = written;
  const where = source.path[source.path.length - 1];
  const problem = pathProblem(text);
  if (problem) {
    const file = text.split('/').filter((segment) => segment !== '' && segment !== '.' && segment !== '..').pop();
    const fixes = file && !pathProblem(file) && !taken.has(file) ? checks.change(l10n.t('Change to {0}', quoted(file)), written.value, scalarText(file)) : [];
    const projected = `${validationPath(pod, volume.path)}.projected`;
    checks.report(
      'projected-path-not-local',
      'error',
      l10n.t('The token\'s path {0} leaves the volume: from Kubernetes 1.30 the server answers "{1}.path: Invalid value: {2}: {3}"; older servers store it, and the kubelet then refuses to set the volume up ("{4}: {5}"), so the Pod never starts.', quoted(text), projected, quoted(text), problem.server, problem.kubelet, excerpt(text)),
      written.value.at,
      fixes,
    );
  } else if (taken.has(text)) {
    const other = taken.get(text)!;
    checks.report(
      'projected-path-duplicate',
      'warning',
      l10n.t('{0} of this volume writes {1} too: the API server accepts both, but the kubelet writes one file per path, the last source\'s, so one of them is lost. Give each source its own path.', other, quoted(text)),
      written.value.at,
      checks.change(l10n.t('Change to {0}', quoted(freePath(text, taken))), written.value, scalarText(freePath(text, taken))),
    );
  }
  taken.set(text, where);
}

function checkSource(checks: Checks, pod: PodSpec, volume: Volume, source: TokenSource, taken: Map<string, string>): void {
  const value = source.entry.value;
  checkFields(checks, value, serviceAccountTokenProjection, source.tokenPath, 'VolumeProjection', ['audiences']);
  const map = mapOf(value);
  if (!isNull(value) && !map) {
    return;
  }
  if (map) {
    pluralAudiences(checks, source, map);
    const expiration = checkExpirationRange(checks, entryOf(map, 'expirationSeconds')?.value, `${validationPath(pod, source.tokenPath)}.expirationSeconds`);
    if (expiration && expiration.value >= minExpirationSeconds && expiration.value <= maxExpirationSeconds) {
      rotationHint(checks, expiration.value, expiration.at);
    }
  }
  checkPath(checks, pod, volume, source, map, taken);
}

/** The token sources of one volume, and the sources misspelt as one. */
export function checkTokenSources(checks: Checks, pod: PodSpec, volume: Volume): void {
  volume.sources.forEach((source) => misspeltSource(checks, source));
  const taken = otherPaths(volume);
  for (const source of volume.tokenSources) {
    checkSource(checks, pod, volume, source, taken);
  }
}
