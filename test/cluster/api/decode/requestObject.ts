// A create request's body made into the object the handler works on, or refused, in the order and
// words of kube-apiserver's create handler (apiserver pkg/endpoints/handlers/create.go and rest.go
// transformDecodeError), its JSON serializer (apimachinery pkg/runtime/serializer/json, json.go and
// meta.go) and the scheme (no kind registered, unknown conversion). Checked against the tags v0.24.0
// and v0.33.0 of kubernetes/apiserver and kubernetes/apimachinery, which agree on every text here.
import { decodeProtobuf, protobufMediaType } from '../../protobuf';
import type { VersionBehaviour } from '../../version';
import type { RequestContext } from '../context';
import type { Reply } from '../reply';
import { badRequest, invalid, status } from '../status';
import { accessKinds, accessType } from './accessTypes';
import { serviceAccountType } from './coreTypes';
import { workloadKindNames, workloadType, type WorkloadKind } from './workloadTypes';
import { goQuote, GoSyntaxError, parseGoJson, type JsonValue } from './goJson';
import { bodyType, type BodyKind, type StructType } from './goTypes';
import { unmarshal } from './unmarshal';
import { yamlToJson } from './yamlBody';

/** What a route takes in its body: the kind in its group's v1, how a protobuf body reads, and the internal Go package conversion errors name. */
export interface BodyTarget {
  readonly group: string;
  readonly kind: string;
  readonly internalPackage: string;
  /** How a protobuf body reads; without one, protobuf is refused as a media type the local server does not decode for the kind. */
  readonly protobuf?: (body: Buffer) => unknown;
}

const authenticationTarget = (kind: BodyKind): BodyTarget => ({ group: 'authentication.k8s.io', kind, internalPackage: 'authentication', protobuf: (body) => decodeProtobuf(kind, body) });

export interface DecodedObject {
  readonly object: Record<string, unknown>;
  /** Unknown or duplicate fields under fieldValidation=Warn, for Warning headers. */
  readonly warnings: readonly string[];
}

interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

const groupVersion = (gvk: Pick<GroupVersionKind, 'group' | 'version'>) => (gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version);

/** The kinds of legacyscheme a body may name, by group/version, with the Go package that prints in conversion errors. */
function registeredKinds(behaviour: VersionBehaviour): Record<string, readonly string[]> {
  return {
    'authentication.k8s.io/v1': ['TokenReview', 'TokenRequest', ...(behaviour.selfSubjectReviewV1 ? ['SelfSubjectReview'] : [])],
    'authentication.k8s.io/v1beta1': ['TokenReview', ...(behaviour.minor >= 27 ? ['SelfSubjectReview'] : [])],
    ...(behaviour.minor >= 26 ? { 'authentication.k8s.io/v1alpha1': ['SelfSubjectReview'] } : {}),
    v1: ['Namespace', 'Node', 'Pod', 'Secret', 'ServiceAccount'],
    'apps/v1': ['DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'],
    'batch/v1': ['CronJob', 'Job'],
    ...accessKinds,
  };
}

/** The Go type a body of this group, version and kind decodes into, where the local server knows it. */
function goTypeOf(gvk: GroupVersionKind, behaviour: VersionBehaviour): StructType | undefined {
  if (gvk.group === 'authentication.k8s.io') {
    return bodyType(gvk.kind as BodyKind, behaviour, gvk.version);
  }
  if (gvk.group === '' && gvk.kind === 'ServiceAccount') {
    return serviceAccountType(behaviour, gvk.version);
  }
  if (['', 'apps', 'batch'].includes(gvk.group) && gvk.version === 'v1' && workloadKindNames.includes(gvk.kind as WorkloadKind)) {
    return workloadType(gvk.kind as WorkloadKind, behaviour);
  }
  return accessType(gvk.group, gvk.kind, behaviour, gvk.version);
}

/** pkg/api/legacyscheme's name as kube-apiserver release builds (-trimpath) print it. */
const schemeName = 'pkg/api/legacyscheme/scheme.go:30';

const interpretType = 'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';

/** json/meta.go Interpret: apiVersion and kind, read with the standard library (so case-insensitively). */
function interpret(json: JsonValue): { group: string; version: string; kind: string } | { error: string } {
  if (json.type !== 'object' && json.type !== 'null') {
    return { error: `couldn't get version/kind; json parse error: json: cannot unmarshal ${json.type} into Go value of type ${interpretType}` };
  }
  const found: Record<string, string> = { apiversion: '', kind: '' };
  let typeError: string | undefined;
  for (const [key, value] of json.type === 'object' ? json.members : []) {
    const field = key.toLowerCase();
    if (field !== 'apiversion' && field !== 'kind') {
      continue;
    }
    if (value.type === 'string') {
      found[field] = value.value;
    } else if (value.type !== 'null') {
      typeError ??= `couldn't get version/kind; json parse error: json: cannot unmarshal ${value.type} into Go struct field .${field === 'kind' ? 'kind' : 'apiVersion'} of type string`;
    }
  }
  if (typeError) {
    return { error: typeError };
  }
  const apiVersion = found.apiversion;
  // schema.ParseGroupVersion
  const slashes = apiVersion.split('/').length - 1;
  if (slashes > 1) {
    return { error: `unexpected GroupVersion string: ${apiVersion}` };
  }
  const [group, version] = apiVersion === '' || apiVersion === '/' ? ['', ''] : slashes === 0 ? ['', apiVersion] : apiVersion.split('/');
  return { group, version, kind: found.kind };
}

/** json.go gvkWithDefaults, with the route's kind as the default. */
function withDefaults(actual: GroupVersionKind, target: GroupVersionKind): GroupVersionKind {
  const kind = actual.kind || target.kind;
  if (!actual.version && !actual.group) {
    return { group: target.group, version: target.version, kind };
  }
  return { group: actual.group, version: !actual.version && actual.group === target.group ? target.version : actual.version, kind };
}

/** rest.go summarizeData: the start of the body, as text if it looks like JSON, else in hex. */
function summarize(body: Buffer): string {
  if (body.length === 0) {
    return '<empty>';
  }
  const head = body.subarray(0, 30);
  const text = body[0] === 0x7b ? head.toString('utf8') : head.toString('hex');
  return body.length > 30 ? `${text} ...` : text;
}

/** The validation directive: the query parameter (validated as CreateOptions), Warn by default, ignored where the gate is off. */
function directive(query: URLSearchParams, behaviour: VersionBehaviour): 'Ignore' | 'Warn' | 'Strict' | Reply {
  const value = query.get('fieldValidation') ?? '';
  if (!['', 'Ignore', 'Warn', 'Strict'].includes(value)) {
    // apimachinery pkg/apis/meta/v1/validation ValidateFieldValidation, field.NotSupported.
    const cause = `Unsupported value: ${goQuote(value)}: supported values: "", "Ignore", "Strict", "Warn"`;
    return invalid('CreateOptions', 'meta.k8s.io', '', [{ reason: 'FieldValueNotSupported', message: cause, field: 'fieldValidation' }]);
  }
  if (!behaviour.serverSideFieldValidation) {
    return 'Ignore';
  }
  return value === '' ? 'Warn' : (value as 'Ignore' | 'Warn' | 'Strict');
}

/** negotiation.NegotiateInputSerializer: no Content-Type means JSON; the three built-in serializers, else 415. */
function mediaTypeOf(contentType: string | undefined): 'json' | 'yaml' | 'protobuf' | undefined {
  const mediaType = (contentType ?? '').split(';')[0].trim().toLowerCase();
  return ({ '': 'json', 'application/json': 'json', 'application/yaml': 'yaml', [protobufMediaType]: 'protobuf' } as const)[mediaType];
}

const unsupportedMediaType = (): Reply =>
  status(415, 'UnsupportedMediaType', 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf');

/** The body as Go's JSON, through YAMLToJSON first for YAML; the repeated YAML keys are strict errors. */
function parseBody(body: Buffer, mediaType: 'json' | 'yaml'): { json: JsonValue; yamlDuplicates: readonly string[] } | { error: string } {
  const converted = mediaType === 'yaml' ? yamlToJson(body) : { json: body, duplicates: [] };
  if ('error' in converted) {
    return converted;
  }
  try {
    return { json: parseGoJson(converted.json), yamlDuplicates: converted.duplicates };
  } catch (error) {
    if (error instanceof GoSyntaxError) {
      return { error: `couldn't get version/kind; json parse error: ${error.message}` };
    }
    throw error;
  }
}

/**
 * Decodes the body of a POST whose route takes `target` (in authentication.k8s.io/v1). requestNamespace:
 * the URL's namespace for namespaced resources, which the object's metadata.namespace must match.
 */
export function decodeRequestObject(context: RequestContext, target: BodyKind, requestNamespace?: string): Promise<DecodedObject | Reply> {
  return decodeBody(context, authenticationTarget(target), requestNamespace);
}

/** Decodes the body of a POST or PUT whose route takes the target's kind in its group's v1. */
export async function decodeBody(context: RequestContext, bodyTarget: BodyTarget, requestNamespace?: string): Promise<DecodedObject | Reply> {
  const { behaviour } = context.state;
  const target = bodyTarget.kind;
  const targetGroupVersion = groupVersion({ group: bodyTarget.group, version: 'v1' });
  const validation = directive(context.query, behaviour);
  if (typeof validation !== 'string') {
    return validation;
  }
  const mediaType = mediaTypeOf(context.contentType);
  if (!mediaType || (mediaType === 'protobuf' && !bodyTarget.protobuf)) {
    return unsupportedMediaType();
  }
  const body = await context.body();
  if (mediaType === 'protobuf') {
    // Protobuf has no unknown fields to report and no JSON types to get wrong.
    return namespaced(bodyTarget.protobuf!(body) as Record<string, unknown>, [], requestNamespace);
  }
  const unrecognized = (error: string) => badRequest(`the object provided is unrecognized (must be of type ${target}): ${error} (${summarize(body)})`);
  const parsed = parseBody(body, mediaType);
  if ('error' in parsed) {
    return unrecognized(parsed.error);
  }
  const found = interpret(parsed.json);
  if ('error' in found) {
    return unrecognized(found.error);
  }
  const gvk = withDefaults(found, { group: bodyTarget.group, version: 'v1', kind: target });
  const cannotHandle = (error: string) => badRequest(`${gvk.kind} in version ${goQuote(gvk.version)} cannot be handled as a ${target}: ${error}`);
  const kinds = registeredKinds(behaviour)[groupVersion(gvk)] ?? [];
  if (!kinds.includes(gvk.kind)) {
    return cannotHandle(`no kind ${goQuote(gvk.kind)} is registered for version ${goQuote(groupVersion(gvk))} in scheme ${goQuote(schemeName)}`);
  }
  const strict = validation !== 'Ignore';
  let object: Record<string, unknown> = {};
  let strictErrors: readonly string[] = [];
  // Kinds the local server does not create (Namespace, Node) are not decoded here: such a body is refused by the conversion below, as any other kind is.
  const goType = goTypeOf(gvk, behaviour);
  if (goType) {
    const decoded = unmarshal(parsed.json, goType);
    if (decoded.error) {
      return cannotHandle(decoded.error);
    }
    object = decoded.value as Record<string, unknown>;
    strictErrors = strict ? [...parsed.yamlDuplicates, ...decoded.strictErrors] : [];
  }
  if (gvk.kind !== target || gvk.group !== bodyTarget.group) {
    // The Go package of core/v1 and of every group's v1 types is printed as v1.
    return cannotHandle(`converting (${gvk.version}.${gvk.kind}) to (${bodyTarget.internalPackage}.${target}): unknown conversion`);
  }
  if (strictErrors.length > 0 && validation === 'Strict') {
    return cannotHandle(`strict decoding error: ${strictErrors.join(', ')}`);
  }
  if (groupVersion(gvk) !== targetGroupVersion) {
    return badRequest(`the API version in the data (${groupVersion(gvk)}) does not match the expected API version (${targetGroupVersion})`);
  }
  return namespaced(object, strictErrors, requestNamespace);
}

/** registry/rest EnsureObjectNamespaceMatchesRequestNamespace: unset takes the URL's; cluster-scoped clears it; a different one is refused. */
function namespaced(object: Record<string, unknown>, warnings: readonly string[], requestNamespace: string | undefined): DecodedObject | Reply {
  const metadata = (object.metadata ?? {}) as Record<string, unknown>;
  const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : '';
  if (namespace && requestNamespace && namespace !== requestNamespace) {
    return badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  return { object: { ...object, metadata: { ...metadata, namespace: requestNamespace } }, warnings };
}
