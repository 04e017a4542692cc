// The rules for one YAML document (one part of a file between `---` lines). Everything here works on
// offsets relative to that part, so results can be cached by the part's text and shifted.
import { decodeJwt } from 'jose';
import { isAlias, isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import { formatSeconds, maxExpirationSeconds, minExpirationSeconds, parseDuration } from '../tokens/duration';
import { isNullScalar, keyName, pairOf, parseDocuments, stringValue, tokenObjects, type TokenObject } from './documents';
import { addPair, column, contentEnd, fillEmptyPair, indentStep, lineStart, listValue, removePair, replaceNode, wrapInList } from './edits';
import { apiGroup, apiVersion, dns1123Label, dns1123Subdomain, kindFields, type Field, type TokenKind } from './fields';
import type { Finding, Fix, Severity, ValidationOptions } from './findings';

export interface TokenManifest {
  kind: TokenKind;
  /** Offsets of the object: the document, or the item of a `kind: List`. */
  start: number;
  end: number;
  name?: string;
  namespace?: string;
  audiences: string[];
  expirationSeconds?: number;
  boundObjectRef?: { kind: string; apiVersion?: string; name?: string; uid?: string };
  token?: string;
  /** The error-severity findings of this object, syntax errors of its document included. */
  errors: Finding[];
}

export interface DocumentAnalysis {
  findings: Finding[];
  /** The objects declared as authentication.k8s.io/v1 (in any letter case). */
  manifests: TokenManifest[];
}

type KeyedPair = Pair<Scalar, Node | null>;

/** Damerau-Levenshtein (optimal string alignment) distance. */
function distance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  rows[0] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      rows[i][j] = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        rows[i][j] = Math.min(rows[i][j], rows[i - 2][j - 2] + 1);
      }
    }
  }
  return rows[a.length][b.length];
}

/** The known field an unknown one was probably meant to be: another case, a typo, a singular, a longer spelling. */
function nearMiss(name: string, known: readonly string[]): string | undefined {
  const normal = (text: string) => text.toLowerCase().replace(/[-_]/g, '');
  const wanted = normal(name);
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const other = normal(candidate);
    const [shorter, longer] = wanted.length <= other.length ? [wanted, other] : [other, wanted];
    // A prefix only counts when long enough to be specific (boundObjectReference, expirationSecond, not name/namespace).
    const score = shorter === longer ? 0 : shorter.length >= 6 && longer.startsWith(shorter) ? 1 : distance(wanted, other);
    if (score < bestScore) {
      [best, bestScore] = [candidate, score];
    }
  }
  const allowed = wanted.length >= 6 ? 2 : wanted.length >= 3 ? 1 : 0;
  return bestScore <= allowed ? best : undefined;
}

/** How JSON names a value in "json: cannot unmarshal X into …". */
function jsonType(node: Node, field: Field): string {
  if (isMap(node)) {
    return 'object';
  }
  if (isSeq(node)) {
    return 'array';
  }
  const value = (node as Scalar).value;
  if (typeof value === 'number') {
    // encoding/json includes the literal only when a number does not fit an integer field.
    return field.type === 'integer' ? `number ${value}` : 'number';
  }
  return typeof value === 'boolean' ? 'bool' : 'string';
}

const expected: Record<Field['type'], string> = {
  string: 'a string',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  list: 'a list',
  map: 'a mapping',
  any: 'anything',
};

const dnsMessages = {
  subdomain:
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  label:
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
};

class DocumentChecker {
  readonly findings: Finding[] = [];
  /** Indentation unit of the object, so that added lines look like the user's. */
  private readonly step: number;

  constructor(
    private readonly text: string,
    private readonly options: ValidationOptions,
    private readonly object: TokenObject,
  ) {
    this.step = indentStep(text.slice(lineStart(text, object.map.range![0]), object.map.range![1]));
  }

  private report(code: string, severity: Severity, message: string, node: Node, fixes: Fix[] = []): void {
    this.findings.push({ code, severity, message, start: node.range![0], end: node.range![1], fixes });
  }

  private source(node: Node): string {
    return this.text.slice(node.range![0], node.range![1]);
  }

  check(): void {
    const object = this.object;
    this.checkApiVersion(object);
    if (object.kindNode.value !== object.kind) {
      this.report('wrong-case', 'error', `kind "${String(object.kindNode.value)}" must be written "${object.kind}"`, object.kindNode, [
        { title: `Change to "${object.kind}"`, edits: [replaceNode(object.kindNode, object.kind)] },
      ]);
    }
    this.walk(object.map, kindFields[object.kind], [], object.kind, '');
    const status = pairOf(object.map, 'status');
    if (status?.value && !isNullScalar(status.value)) {
      this.report('status-in-request', 'warning', `status is written by the server: it ignores a status sent in a ${object.kind}.`, status.key, [
        { title: 'Remove status', edits: [removePair(this.text, object.map, object.map.items.indexOf(status))] },
      ]);
    }
    const metadata = pairOf(object.map, 'metadata')?.value;
    if (isMap(metadata)) {
      this.checkName(metadata, 'name', dns1123Subdomain, dnsMessages.subdomain);
      this.checkName(metadata, 'namespace', dns1123Label, dnsMessages.label);
    }
    const spec = pairOf(object.map, 'spec');
    if (!spec?.value || isNullScalar(spec.value)) {
      this.missingSpec(object, spec);
    } else if (isMap(spec.value)) {
      if (object.kind === 'TokenRequest') {
        this.checkRequestSpec(spec);
      } else {
        this.checkReviewSpec(spec);
      }
    }
  }

  private checkApiVersion(object: TokenObject): void {
    const node = object.apiVersionNode;
    if (!node) {
      const kindPair = pairOf(object.map, 'kind')!;
      const at = kindPair.key.range![0];
      const existing = pairOf(object.map, 'apiVersion');
      const edit = existing
        ? { start: this.text.indexOf(':', existing.key.range![1]) + 1, end: existing.value!.range![1], newText: ` ${apiVersion}` }
        : { start: at, end: at, newText: object.map.flow ? `apiVersion: ${apiVersion}, ` : `apiVersion: ${apiVersion}\n${' '.repeat(column(this.text, at))}` };
      this.report('missing-api-version', 'error', `apiVersion is missing: a ${object.kind} is ${apiVersion}.`, existing?.key ?? object.kindNode, [{ title: `Add apiVersion: ${apiVersion}`, edits: [edit] }]);
      return;
    }
    const written = String(node.value);
    if (written === apiVersion) {
      return;
    }
    const fix = { title: `Change to ${apiVersion}`, edits: [replaceNode(node, apiVersion)] };
    const version = written.slice(apiGroup.length + 1).toLowerCase();
    if (version === 'v1') {
      this.report('wrong-case', 'error', `apiVersion "${written}" must be written "${apiVersion}"`, node, [fix]);
    } else if (version === 'v1beta1') {
      const detail = object.kind === 'TokenReview' ? 'authentication.k8s.io/v1beta1 TokenReview was removed in Kubernetes 1.22' : 'TokenRequest was never served as authentication.k8s.io/v1beta1, a version removed in Kubernetes 1.22';
      this.report('removed-api-version', 'error', `${detail}: use ${apiVersion}.`, node, [fix]);
    } else {
      this.report('unsupported-api-version', 'error', `The API server serves ${object.kind} only as ${apiVersion}, not ${written}.`, node, [fix]);
    }
  }

  /** Known fields, value types and duplicate keys, as a strict decoder sees them. */
  private walk(node: Node | null, field: Field, path: string[], struct: string, entryLabel: string, container?: { map: YAMLMap; pair: KeyedPair }): void {
    if (!node || isAlias(node) || isNullScalar(node) || field.type === 'any') {
      return;
    }
    const label = entryLabel || path.join('.');
    const valid =
      field.type === 'object' || field.type === 'map'
        ? isMap(node)
        : field.type === 'list'
          ? isSeq(node)
          : isScalar(node) && typeof node.value === ({ string: 'string', integer: 'number', boolean: 'boolean' } as const)[field.type] && (field.type !== 'integer' || Number.isInteger(node.value));
    if (!valid) {
      this.wrongType(node, field, path, struct, label, container);
      return;
    }
    if (isMap(node)) {
      const seen = new Set<string>();
      node.items.forEach((item, index) => {
        const pair = item as KeyedPair;
        const name = keyName(pair) ?? '';
        const child = field.type === 'object' ? field.fields![name] : field.items!;
        if (seen.has(name)) {
          this.report('duplicate-key', 'error', `duplicate key "${[...path, name].join('.')}": kubectl refuses a mapping key that is already defined, and the API server would keep only the last value.`, pair.key, [
            { title: 'Remove this duplicate', edits: [removePair(this.text, node, index)] },
          ]);
        }
        seen.add(name);
        if (!child) {
          this.unknownField(node, index, path, Object.keys(field.fields!));
          return;
        }
        const childStruct = field.type === 'object' ? field.struct! : struct;
        const childPath = field.type === 'object' ? [...path, name] : path;
        this.walk(pair.value, child, childPath, childStruct, field.type === 'object' ? '' : `each value of ${label}`, { map: node, pair });
      });
    } else if (isSeq(node)) {
      for (const item of node.items as Node[]) {
        this.walk(item, field.items!, path, struct, `each entry of ${label}`);
      }
    }
  }

  private wrongType(node: Node, field: Field, path: string[], struct: string, label: string, container?: { map: YAMLMap; pair: KeyedPair }): void {
    const goError = `json: cannot unmarshal ${jsonType(node, field)} into Go struct field ${struct}.${path.join('.')} of type ${field.goType}`;
    const what = field.type === 'list' && field.items?.type === 'string' ? 'a list of strings' : expected[field.type];
    const fixes: Fix[] = [];
    const value = isScalar(node) ? node.value : undefined;
    const duration = typeof value === 'string' && path.join('.') === 'spec.expirationSeconds' ? parseDuration(value) : undefined;
    if (field.type === 'integer' && typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) {
      const number = value.trim().replace(/^\+/, '');
      fixes.push({ title: `Change to the number ${number}`, edits: [replaceNode(node, number)] });
    } else if (duration && 'seconds' in duration && duration.seconds !== undefined) {
      // kubectl's --duration takes "1h"; the manifest needs its seconds.
      fixes.push({ title: `Change to ${duration.seconds} (${value})`, edits: [replaceNode(node, String(duration.seconds))] });
    } else if (field.type === 'list' && field.items?.type === 'string' && typeof value === 'string' && container) {
      fixes.push({ title: 'Make it a list', edits: wrapInList(this.text, this.step, container.map, container.pair) });
    } else if (field.type === 'string' && (typeof value === 'number' || typeof value === 'boolean')) {
      fixes.push({ title: 'Quote it as a string', edits: [replaceNode(node, JSON.stringify(this.source(node)))] });
    }
    this.report('wrong-type', 'error', `${label} must be ${what}: the server answers "${goError}"`, node, fixes);
  }

  private unknownField(map: YAMLMap, index: number, path: string[], known: string[]): void {
    const pair = map.items[index] as KeyedPair;
    const name = keyName(pair) ?? this.source(pair.key);
    const suggestion = nearMiss(name, known);
    const fixes: Fix[] = [];
    if (suggestion && !pairOf(map, suggestion)) {
      fixes.push({ title: `Rename to "${suggestion}"`, edits: [replaceNode(pair.key, suggestion)] });
    }
    fixes.push({ title: `Remove "${name}"`, edits: [removePair(this.text, map, index)] });
    const hint = suggestion ? ` Did you mean "${suggestion}"?` : '';
    this.report('unknown-field', 'error', `unknown field "${[...path, name].join('.')}":${hint} Unless the request uses fieldValidation=Strict, the server drops it without a word.`, pair.key, fixes);
  }

  private checkName(metadata: YAMLMap, key: 'name' | 'namespace', rule: { pattern: string; maxLength: number }, explanation: string): void {
    const node = pairOf(metadata, key)?.value;
    const value = stringValue(node);
    if (value === undefined || value === '' || (value.length <= rule.maxLength && new RegExp(rule.pattern).test(value))) {
      return;
    }
    const problem = value.length > rule.maxLength ? `must be no more than ${rule.maxLength} characters` : explanation;
    const repaired = value
      .toLowerCase()
      .replace(key === 'name' ? /[^a-z0-9.-]+/g : /[^a-z0-9-]+/g, '-')
      .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
    const fixes = repaired && repaired.length <= rule.maxLength && new RegExp(rule.pattern).test(repaired) ? [{ title: `Change to "${repaired}"`, edits: [replaceNode(node as Node, repaired)] }] : [];
    this.report('invalid-dns-name', 'error', `metadata.${key}: Invalid value: ${JSON.stringify(value)}: ${problem}`, node as Node, fixes);
  }

  private audiencesFix(): { title: string; audiences: string[] } {
    const audiences = this.options.defaultAudiences.length > 0 ? this.options.defaultAudiences : ['api'];
    const shown = `[${audiences.join(', ')}]`;
    return { title: this.options.defaultAudiences.length > 0 ? `Add spec.audiences: ${shown}` : 'Add spec.audiences with a placeholder to replace', audiences };
  }

  private missingSpec(object: TokenObject, spec: KeyedPair | undefined): void {
    const at = spec?.key ?? object.kindNode;
    if (object.kind === 'TokenReview') {
      this.report('missing-spec', 'error', 'spec.token is required: the server answers "token is required for TokenReview in authentication".', at);
      return;
    }
    const { title, audiences } = this.audiencesFix();
    const edit = spec ? fillEmptyPair(this.text, this.step, spec, 'audiences', audiences) : addPair(this.text, this.step, object.map, 'spec', { audiences });
    this.report(
      'missing-spec',
      'warning',
      "spec is missing: the server then issues a token for the API server's own audiences, valid for 3600 s. Set spec.audiences to the service that will receive the token.",
      at,
      [{ title, edits: [edit] }],
    );
  }

  private checkRequestSpec(spec: KeyedPair): void {
    const map = spec.value as YAMLMap;
    const audiences = pairOf(map, 'audiences');
    const { title, audiences: offered } = this.audiencesFix();
    const explanation = "the server then issues the token for the API server's own audiences, which other services should refuse. List the audiences of the service that will receive the token.";
    if (!audiences) {
      this.report('missing-audiences', 'warning', `spec.audiences is not set: ${explanation}`, spec.key, [{ title, edits: [addPair(this.text, this.step, map, 'audiences', offered)] }]);
    } else if (isNullScalar(audiences.value) || (isSeq(audiences.value) && audiences.value.items.length === 0)) {
      const node = isNullScalar(audiences.value) ? audiences.key : audiences.value!;
      this.report('missing-audiences', 'warning', `spec.audiences is empty: ${explanation}`, node, [{ title, edits: listValue(this.text, this.step, map, audiences, offered) }]);
    }
    const expiration = pairOf(map, 'expirationSeconds')?.value;
    if (isScalar(expiration) && typeof expiration.value === 'number' && Number.isInteger(expiration.value)) {
      const seconds = expiration.value;
      // pkg/apis/authentication/validation/validation.go, in the server's words.
      if (seconds < minExpirationSeconds) {
        this.report('expiration-too-short', 'error', `spec.expirationSeconds: Invalid value: ${seconds}: may not specify a duration less than 10 minutes`, expiration, [
          { title: `Change to ${minExpirationSeconds} (10 minutes)`, edits: [replaceNode(expiration, String(minExpirationSeconds))] },
        ]);
      } else if (seconds > maxExpirationSeconds) {
        this.report('expiration-too-long', 'error', `spec.expirationSeconds: Invalid value: ${seconds}: may not specify a duration larger than 2^32 seconds`, expiration, [
          { title: `Change to ${maxExpirationSeconds} (2^32)`, edits: [replaceNode(expiration, String(maxExpirationSeconds))] },
        ]);
      }
    }
    const bound = pairOf(map, 'boundObjectRef');
    if (bound && isMap(bound.value)) {
      this.checkBoundObject(bound as Pair<Scalar, YAMLMap>);
    }
  }

  /** pkg/registry/core/serviceaccount/storage/token.go: only core Pods, Secrets and Nodes, by name. */
  private checkBoundObject(bound: Pair<Scalar, YAMLMap>): void {
    const reference = bound.value!;
    const kindNode = pairOf(reference, 'kind')?.value;
    if (kindNode && !isNullScalar(kindNode) && stringValue(kindNode) === undefined) {
      return; // reported as wrong-type
    }
    const kind = stringValue(kindNode) ?? '';
    const apiVersionNode = pairOf(reference, 'apiVersion')?.value;
    const written = stringValue(apiVersionNode) ?? '';
    const [group, version] = written.includes('/') ? [written.slice(0, written.indexOf('/')), written.slice(written.indexOf('/') + 1)] : ['', written];
    const type = `${group}/${version}, Kind=${kind}`;
    const known = ['Pod', 'Secret', 'Node'].find((candidate) => candidate.toLowerCase() === kind.toLowerCase());
    if (known !== kind) {
      const fixes = known ? [{ title: `Change to "${known}"`, edits: [replaceNode(kindNode as Node, known)] }] : [];
      this.report('unsupported-bound-kind', 'error', `cannot bind token to object of type ${type}`, kindNode && !isNullScalar(kindNode) ? kindNode : bound.key, fixes);
      return;
    }
    if (kind === 'Node') {
      this.report(
        'node-binding-version',
        'information',
        'Binding a token to a Node needs Kubernetes 1.31 or later (feature gate ServiceAccountTokenNodeBinding, beta in 1.31, GA in 1.33); older servers answer "cannot bind token to object of type /v1, Kind=Node".',
        kindNode as Node,
      );
    }
    const fixVersion = () => [{ title: 'Change to v1', edits: [replaceNode(apiVersionNode as Node, 'v1')] }];
    if (group !== '') {
      this.report('bound-api-version', 'error', `cannot bind token to object of type ${type}`, apiVersionNode as Node, fixVersion());
    } else if (version !== '' && version !== 'v1') {
      // The server checks only the group, so "v2" passes; it is still not the referent's version.
      this.report('bound-api-version', 'warning', `boundObjectRef.apiVersion of a ${kind} is v1, not ${written}.`, apiVersionNode as Node, fixVersion());
    }
    const nameNode = pairOf(reference, 'name')?.value;
    if (!stringValue(nameNode)) {
      this.report('bound-name-missing', 'error', `boundObjectRef.name is required: the server looks up the ${kind} by name.`, nameNode && !isNullScalar(nameNode) && nameNode.range![1] > nameNode.range![0] ? nameNode : bound.key);
    }
  }

  private checkReviewSpec(spec: KeyedPair): void {
    const tokenPair = pairOf(spec.value as YAMLMap, 'token');
    const token = tokenPair?.value;
    if (!tokenPair || isNullScalar(token) || stringValue(token) === '') {
      const at = token && token.range![1] > token.range![0] ? token : (tokenPair?.key ?? spec.key);
      this.report('missing-token', 'error', 'spec.token is required: the server answers "token is required for TokenReview in authentication".', at);
      return;
    }
    const value = stringValue(token);
    if (value === undefined) {
      return;
    }
    let expiry: unknown;
    try {
      expiry = decodeJwt(value.trim()).exp;
    } catch {
      this.report(
        'token-not-jwt',
        'information',
        'This token is not a JWT (three base64url parts joined by dots), so no ServiceAccount issued it: the review fails unless another authenticator, such as a webhook or a bootstrap token, accepts it.',
        token!,
      );
      return;
    }
    if (typeof expiry === 'number' && expiry * 1000 <= this.options.now) {
      const when = new Date(expiry * 1000).toISOString().replace('.000Z', 'Z');
      this.report('token-expired', 'information', `This token expired at ${when} (${formatSeconds(this.options.now / 1000 - expiry)} ago): the review will answer authenticated: false.`, token!);
    }
  }
}

function manifestOf(object: TokenObject, errors: Finding[]): TokenManifest {
  const get = (map: unknown, key: string) => (isMap(map) ? pairOf(map, key)?.value : undefined);
  const metadata = get(object.map, 'metadata');
  const spec = get(object.map, 'spec');
  const audiences = get(spec, 'audiences');
  const expiration = get(spec, 'expirationSeconds');
  const bound = get(spec, 'boundObjectRef');
  const boundKind = stringValue(get(bound, 'kind'));
  const optional = <T>(key: string, value: T | undefined) => (value === undefined ? {} : { [key]: value });
  return {
    kind: object.kind,
    start: object.map.range![0],
    end: contentEnd(object.map),
    ...optional('name', stringValue(get(metadata, 'name'))),
    ...optional('namespace', stringValue(get(metadata, 'namespace'))),
    audiences: isSeq(audiences) ? audiences.items.map(stringValue).filter((audience): audience is string => audience !== undefined) : [],
    ...optional('expirationSeconds', isScalar(expiration) && typeof expiration.value === 'number' && Number.isInteger(expiration.value) ? expiration.value : undefined),
    ...optional(
      'boundObjectRef',
      boundKind === undefined
        ? undefined
        : { kind: boundKind, ...optional('apiVersion', stringValue(get(bound, 'apiVersion'))), ...optional('name', stringValue(get(bound, 'name'))), ...optional('uid', stringValue(get(bound, 'uid'))) },
    ),
    ...optional('token', stringValue(get(spec, 'token'))),
    errors,
  };
}

/** Findings and manifests of one part of a file, offsets relative to that part. */
export function analyse(text: string, options: ValidationOptions): DocumentAnalysis {
  const findings: Finding[] = [];
  const manifests: TokenManifest[] = [];
  for (const document of parseDocuments(text)) {
    const objects = tokenObjects(document);
    if (objects.length === 0) {
      continue;
    }
    // A document that does not parse cannot be sent at all: report that alone, not guesses from a partial tree.
    const syntax: Finding[] = document.errors.map((error) => {
      // yaml places some errors on the newline after the culprit, or past the document: point at the culprit.
      const limit = Math.min(document.range[2], text.length);
      let start = Math.min(error.pos[0], limit - 1);
      const moved = start !== error.pos[0] || (text[start] === '\n' && start > 0);
      start = text[start] === '\n' && start > 0 ? start - 1 : start;
      const end = moved ? start + 1 : Math.min(Math.max(error.pos[1], start + 1), limit);
      return { code: 'yaml-syntax', severity: 'error', message: error.message, start, end, fixes: [] };
    });
    findings.push(...syntax);
    for (const object of objects) {
      const checker = new DocumentChecker(text, options, object);
      if (syntax.length === 0) {
        checker.check();
      }
      findings.push(...checker.findings);
      if (String(object.apiVersionNode?.value).toLowerCase() === apiVersion) {
        manifests.push(manifestOf(object, [...syntax, ...checker.findings.filter((finding) => finding.severity === 'error')]));
      }
    }
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end);
  return { findings, manifests };
}
