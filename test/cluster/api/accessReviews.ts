// authorization.k8s.io/v1 access reviews, answered by the server's own authorizer chain as
// pkg/registry/authorization/{subjectaccessreview,localsubjectaccessreview,selfsubjectaccessreview,
// selfsubjectrulesreview}/rest.go answer them, validated by pkg/apis/authorization/validation. A
// SubjectAccessReview is about exactly the user and groups it names: nothing is implied (a
// ServiceAccount user without its groups does not get their rights). Invalid reviews are refused with
// NewInvalid of the decoded object's Kind, which the internal object no longer carries, so the message
// starts ".authorization.k8s.io". A rules review lists every rule that applies, duplicates included,
// and is never incomplete with RBAC alone.
import { decodeAccessProtobuf, type AccessKind } from '../accessProtobuf';
import type { User } from './authentication';
import { authorize, type Attributes } from './authorization';
import type { RequestContext } from './context';
import { decodeBody } from './decode/requestObject';
import { authorizationGroup } from './discovery';
import { managedFields } from './managedFields';
import { aggregateErrors, rulesFor } from './rbacAuthorizer';
import type { Reply } from './reply';
import { replyMetadata } from './replyMetadata';
import { badRequest, status, type Cause } from './status';
import { warningHeaders } from './warnings';

const apiVersion = `${authorizationGroup}/v1`;

interface ResourceAttributes {
  readonly namespace?: string;
  readonly verb?: string;
  readonly group?: string;
  readonly version?: string;
  readonly resource?: string;
  readonly subresource?: string;
  readonly name?: string;
}

interface NonResourceAttributes {
  readonly path?: string;
  readonly verb?: string;
}

interface ReviewSpec {
  readonly resourceAttributes?: ResourceAttributes;
  readonly nonResourceAttributes?: NonResourceAttributes;
  readonly user?: string;
  readonly groups?: string[];
  readonly extra?: Record<string, string[]>;
  readonly uid?: string;
}

interface ReviewObject {
  readonly metadata?: Record<string, unknown>;
  readonly spec?: ReviewSpec;
}

const decode = (context: RequestContext, kind: AccessKind, namespace?: string) =>
  decodeBody(context, { group: authorizationGroup, kind, internalPackage: 'authorization', protobuf: (body) => decodeAccessProtobuf(kind, body) }, namespace);

/** Go's %#v of *authorization.NonResourceAttributes, as field.Invalid prints a struct. */
const printedNonResource = (attributes: NonResourceAttributes) => `authorization.NonResourceAttributes{Path:${JSON.stringify(attributes.path ?? '')}, Verb:${JSON.stringify(attributes.verb ?? '')}}`;

/** validation.go ValidateSubjectAccessReviewSpec (subject: whether the spec names a user or groups, as all but the self review do). */
function specCauses(spec: ReviewSpec, subject: boolean): Cause[] {
  const causes: Cause[] = [];
  if (spec.resourceAttributes && spec.nonResourceAttributes) {
    causes.push({
      reason: 'FieldValueInvalid',
      message: `Invalid value: ${printedNonResource(spec.nonResourceAttributes)}: cannot be specified in combination with resourceAttributes`,
      field: 'spec.nonResourceAttributes',
    });
  }
  if (!spec.resourceAttributes && !spec.nonResourceAttributes) {
    causes.push({ reason: 'FieldValueInvalid', message: 'Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified', field: 'spec.resourceAttributes' });
  }
  if (subject && !spec.user && !spec.groups?.length) {
    causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(spec.user ?? '')}: at least one of user or group must be specified`, field: 'spec.user' });
  }
  return causes;
}

/** errors.NewInvalid(authorizationapi.Kind(""), "", errs): no kind before the group, no name in the details. */
function invalidReview(causes: readonly Cause[]): Reply {
  const listed = causes.map((cause) => `${cause.field}: ${cause.message}`);
  return status(422, 'Invalid', `.${authorizationGroup} "" is invalid: ${listed.length === 1 ? listed[0] : `[${listed.join(', ')}]`}`, { group: authorizationGroup, causes });
}

/** authorizationutil ResourceAttributesFrom and NonResourceAttributesFrom, in the terms RBAC decides on. */
function attributesOf(spec: ReviewSpec): Attributes {
  if (spec.resourceAttributes) {
    const { namespace, verb = '', group, resource = '', subresource, name } = spec.resourceAttributes;
    return { verb, group: group ?? '', namespace: namespace || undefined, name: name || undefined, resource: subresource ? `${resource}/${subresource}` : resource };
  }
  return { verb: spec.nonResourceAttributes?.verb ?? '', path: spec.nonResourceAttributes?.path ?? '' };
}

/** The user a SubjectAccessReview asks about: its user, groups, uid and extra, nothing added. */
const subjectOf = (spec: ReviewSpec): User => ({ name: spec.user ?? '', groups: spec.groups ?? [], ...(spec.uid ? { uid: spec.uid } : {}), ...(spec.extra ? { extra: spec.extra } : {}) });

/** SubjectAccessReviewStatus: allowed always, the reason when the authorizer gave one. */
function reviewStatus(context: RequestContext, user: User, spec: ReviewSpec): Record<string, unknown> {
  const decision = authorize(context.state.store, user, attributesOf(spec));
  return { allowed: decision.allowed, ...(decision.reason ? { reason: decision.reason } : {}) };
}

/** The review as sent, with its status: metadata as the create handler leaves it (null creationTimestamp, managedFields). */
function answered(context: RequestContext, kind: string, object: ReviewObject, warnings: readonly string[], statusBody: Record<string, unknown>): Reply {
  const fields = managedFields(context, object as Record<string, unknown>, apiVersion);
  return {
    status: 201,
    headers: warningHeaders(warnings),
    body: { kind, apiVersion, metadata: replyMetadata(object.metadata, { managedFields: fields }), spec: object.spec ?? {}, status: statusBody },
  };
}

/** POST subjectaccessreviews: may this user, with exactly these groups, do this? */
export async function subjectAccessReview(context: RequestContext): Promise<Reply> {
  const decoded = await decode(context, 'SubjectAccessReview');
  if (!('object' in decoded)) {
    return decoded;
  }
  const object = decoded.object as ReviewObject;
  const spec = object.spec ?? {};
  const causes = specCauses(spec, true);
  if (causes.length > 0) {
    return invalidReview(causes);
  }
  return answered(context, 'SubjectAccessReview', object, decoded.warnings, reviewStatus(context, subjectOf(spec), spec));
}

/** POST namespaces/{namespace}/localsubjectaccessreviews: a SubjectAccessReview held to one namespace. */
export async function localSubjectAccessReview(context: RequestContext): Promise<Reply> {
  const { namespace } = context.params;
  const decoded = await decode(context, 'LocalSubjectAccessReview', namespace);
  if (!('object' in decoded)) {
    return decoded;
  }
  const object = decoded.object as ReviewObject;
  const spec = object.spec ?? {};
  const causes = specCauses(spec, true);
  if (spec.nonResourceAttributes) {
    causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${printedNonResource(spec.nonResourceAttributes)}: disallowed on this kind of request`, field: 'spec.nonResourceAttributes' });
  }
  if (causes.length > 0) {
    return invalidReview(causes);
  }
  if ((spec.resourceAttributes?.namespace ?? '') !== namespace) {
    return badRequest(`spec.resourceAttributes.namespace must match namespace: ${namespace}`);
  }
  return answered(context, 'LocalSubjectAccessReview', object, decoded.warnings, reviewStatus(context, subjectOf(spec), spec));
}

/** POST selfsubjectaccessreviews: may I (as authenticated, or as impersonated) do this? `kubectl auth can-i`. */
export async function selfSubjectAccessReview(context: RequestContext): Promise<Reply> {
  const decoded = await decode(context, 'SelfSubjectAccessReview');
  if (!('object' in decoded)) {
    return decoded;
  }
  const object = decoded.object as ReviewObject;
  const causes = specCauses(object.spec ?? {}, false);
  if (causes.length > 0) {
    return invalidReview(causes);
  }
  return answered(context, 'SelfSubjectAccessReview', object, decoded.warnings, reviewStatus(context, context.user, object.spec ?? {}));
}

/** POST selfsubjectrulesreviews: what may I do in this namespace? `kubectl auth can-i --list`. The reply is a new object: empty spec, no managedFields. */
export async function selfSubjectRulesReview(context: RequestContext): Promise<Reply> {
  const decoded = await decode(context, 'SelfSubjectRulesReview');
  if (!('object' in decoded)) {
    return decoded;
  }
  const namespace = (decoded.object as { spec?: { namespace?: string } }).spec?.namespace;
  if (!namespace) {
    return badRequest('no namespace on request');
  }
  const { rules, errors } = rulesFor(context.state.store, context.user, namespace);
  const resourceRules = rules
    .filter((rule) => rule.resources?.length)
    .map((rule) => ({
      verbs: rule.verbs,
      ...(rule.apiGroups?.length ? { apiGroups: rule.apiGroups } : {}),
      resources: rule.resources,
      ...(rule.resourceNames?.length ? { resourceNames: rule.resourceNames } : {}),
    }));
  const nonResourceRules = rules.filter((rule) => rule.nonResourceURLs?.length).map((rule) => ({ verbs: rule.verbs, nonResourceURLs: rule.nonResourceURLs }));
  return {
    status: 201,
    headers: warningHeaders(decoded.warnings),
    body: {
      kind: 'SelfSubjectRulesReview',
      apiVersion,
      metadata: { creationTimestamp: null },
      spec: {},
      status: { resourceRules, nonResourceRules, incomplete: false, ...(errors.length > 0 ? { evaluationError: aggregateErrors(errors) } : {}) },
    },
  };
}
