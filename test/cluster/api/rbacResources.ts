// rbac.authorization.k8s.io/v1 Roles, ClusterRoles, RoleBindings and ClusterRoleBindings: list (paged, as
// Table or metadata too), get, create, update and delete, in the order and words of kube-apiserver's
// handlers (apiserver pkg/endpoints/handlers create.go, update.go, delete.go), the NamespaceLifecycle
// admission, the policybased storages' escalation checks (rbacEscalation.ts), the generic registry
// (registry/generic/registry/store.go: AlreadyExists, NotFound, Conflict, the Success Status of a delete)
// and RBAC validation (rbacValidation.ts). A ClusterRole write wakes the aggregation controller.
import { randomBytes } from 'node:crypto';
import { decodeAccessProtobuf, type AccessKind } from '../accessProtobuf';
import { ListError, rbacKinds, type RbacResource, type StoredObject } from '../store';
import type { RequestContext } from './context';
import { decodeBody, type BodyTarget } from './decode/requestObject';
import { fieldSelectorError } from './fieldSelector';
import { aggregateClusterRoles } from './rbacAggregation';
import { rbacGroup, type PolicyRule } from './rbacAuthorizer';
import { bindingAuthorized, bindingRules, confirmNoEscalation, escalationAllowed, fullAuthority, roleEscalationAuthorized } from './rbacEscalation';
import { validate, validateUpdate, withDefaults, type RbacObject } from './rbacValidation';
import { ok, type Reply } from './reply';
import { badRequest, invalid, notFound, status } from './status';
import { table } from './table';
import { warningHeaders } from './warnings';

export const rbacApiVersion = `${rbacGroup}/v1`;

/** The route table only hands over resources it checked against rbacKinds. */
const resourceOf = (context: RequestContext) => context.params.resource as RbacResource;
const kindOf = (resource: RbacResource) => rbacKinds[resource] as AccessKind;
const qualified = (resource: string) => `${resource}.${rbacGroup}`;
const isRole = (resource: RbacResource) => resource === 'roles' || resource === 'clusterroles';

const rbacNotFound = (resource: string, name: string): Reply => status(404, 'NotFound', `${qualified(resource)} ${JSON.stringify(name)} not found`, { name, group: rbacGroup, kind: resource });

/** errors.NewForbidden for a storage's refusal: the resource with its group, the object's name if it has one. */
function storageForbidden(resource: RbacResource, name: string | undefined, message: string): Reply {
  const subject = name ? `${qualified(resource)} ${JSON.stringify(name)}` : qualified(resource);
  return status(403, 'Forbidden', `${subject} is forbidden: ${message}`, { ...(name ? { name } : {}), group: rbacGroup, kind: resource });
}

/** One object, or the one-row Table `kubectl get KIND NAME` asks for (printers storage TableConvertor: the object's resourceVersion). */
export function getRbacObject(context: RequestContext): Reply {
  const resource = resourceOf(context);
  const { namespace, name } = context.params;
  const object = context.state.store.get(resource, namespace, name);
  if (!object) {
    return rbacNotFound(resource, name);
  }
  return context.accept.includes('as=Table') ? ok(table(resource, [object], { resourceVersion: object.metadata.resourceVersion }, context.state.clock.now())) : ok(object);
}

/** A list item as the server encodes it: the list says the kind, the items do not. */
function listItem({ apiVersion: _apiVersion, kind: _kind, ...item }: StoredObject): Record<string, unknown> {
  return item;
}

/** Lists as listObjects does for the core resources: chunked, and as a Table or metadata when the Accept header asks. */
export function listRbacObjects(context: RequestContext): Reply {
  const resource = resourceOf(context);
  const { query, accept, state } = context;
  const selector = query.get('fieldSelector') ?? undefined;
  const refused = selector && fieldSelectorError(resource, selector);
  if (refused) {
    return badRequest(refused);
  }
  try {
    const page = state.store.list(resource, {
      namespace: context.params.namespace,
      limit: Number(query.get('limit') ?? 0),
      continueToken: query.get('continue') ?? undefined,
      fieldSelector: selector,
      quotesContinueVersion: state.behaviour.quotesContinueVersion,
    });
    const metadata = { resourceVersion: page.resourceVersion, ...(page.continueToken ? { continue: page.continueToken, remainingItemCount: page.remainingItemCount } : {}) };
    if (accept.includes('as=Table')) {
      return ok(table(resource, page.items, metadata, state.clock.now()));
    }
    if (accept.includes('as=PartialObjectMetadataList')) {
      return ok({ kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata, items: page.items.map((object) => ({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata })) });
    }
    return ok({ kind: `${rbacKinds[resource]}List`, apiVersion: rbacApiVersion, metadata, items: page.items.map(listItem) });
  } catch (error) {
    if (error instanceof ListError) {
      // As for the core lists, 410 hands back a fresh continue token.
      return error.code === 410
        ? { status: 410, body: { kind: 'Status', apiVersion: 'v1', metadata: { continue: error.freshContinue }, status: 'Failure', message: error.message, reason: 'Expired', code: 410 } }
        : badRequest(error.message);
    }
    throw error;
  }
}

const bodyTarget = (resource: RbacResource): BodyTarget => ({ group: rbacGroup, kind: rbacKinds[resource], internalPackage: 'rbac', protobuf: (body) => decodeAccessProtobuf(kindOf(resource), body) });

/** The fields a stored object keeps, in Go's order; rules is null rather than absent, as Go marshals a nil slice without omitempty. */
function storedFields(resource: RbacResource, object: RbacObject): Record<string, unknown> {
  if (isRole(resource)) {
    return { rules: object.rules?.length ? object.rules : null, ...(resource === 'clusterroles' && object.aggregationRule ? { aggregationRule: object.aggregationRule } : {}) };
  }
  return { ...(object.subjects?.length ? { subjects: object.subjects } : {}), roleRef: object.roleRef };
}

/**
 * The policybased storages: system:masters write anything; a role needs escalate or the rules it
 * grants (and for an aggregationRule, every right); a binding needs bind on its role or that role's rules.
 */
function escalationRefusal(context: RequestContext, resource: RbacResource, object: RbacObject, namespace: string | undefined, urlName: string | undefined): Reply | undefined {
  const { store } = context.state;
  const { user } = context;
  const name = object.metadata.name;
  if (escalationAllowed(user)) {
    return undefined;
  }
  if (isRole(resource)) {
    if (roleEscalationAuthorized(store, user, resource as 'roles' | 'clusterroles', namespace, urlName)) {
      return undefined;
    }
    const refusal = confirmNoEscalation(store, user, namespace, (object.rules ?? []) as PolicyRule[]);
    if (refusal) {
      return storageForbidden(resource, name, refusal);
    }
    if (resource === 'clusterroles' && object.aggregationRule && confirmNoEscalation(store, user, namespace, fullAuthority)) {
      return storageForbidden(resource, name, 'must have cluster-admin privileges to use the aggregationRule');
    }
    return undefined;
  }
  const roleRef = object.roleRef!;
  if (bindingAuthorized(store, user, roleRef, namespace)) {
    return undefined;
  }
  const rules = bindingRules(store, roleRef, namespace);
  if ('error' in rules) {
    return rbacNotFound(roleRef.kind === 'Role' ? 'roles' : 'clusterroles', roleRef.name);
  }
  const refusal = confirmNoEscalation(store, user, namespace, rules.rules);
  return refusal ? storageForbidden(resource, name, refusal) : undefined;
}

/** names.SimpleNameGenerator: the prefix and five random characters of an alphabet without vowels. */
function generateName(prefix: string): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return prefix + [...randomBytes(5)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

async function decoded(context: RequestContext, resource: RbacResource): Promise<{ object: RbacObject; warnings: readonly string[] } | Reply> {
  const result = await decodeBody(context, bodyTarget(resource), context.params.namespace);
  if (!('object' in result)) {
    return result;
  }
  const object = result.object as unknown as RbacObject;
  return { object: withDefaults(resource, { ...object, metadata: object.metadata ?? {} }), warnings: result.warnings };
}

const afterClusterRoleWrite = (context: RequestContext, resource: RbacResource) => {
  if (resource === 'clusterroles' && context.state.clusterRoleAggregation !== false) {
    aggregateClusterRoles(context.state.store);
  }
};

export async function createRbacObject(context: RequestContext): Promise<Reply> {
  const resource = resourceOf(context);
  const result = await decoded(context, resource);
  if (!('object' in result)) {
    return result;
  }
  const headers = warningHeaders(result.warnings);
  const reply = create(context, resource, result.object);
  return { ...reply, headers: { ...reply.headers, ...headers } };
}

function create(context: RequestContext, resource: RbacResource, object: RbacObject): Reply {
  const { store } = context.state;
  const namespace = context.params.namespace;
  if (namespace && !store.get('namespaces', undefined, namespace)) {
    return notFound('namespaces', namespace);
  }
  const refusal = escalationRefusal(context, resource, object, namespace, undefined);
  if (refusal) {
    return refusal;
  }
  const { generateName: prefix, labels, annotations } = object.metadata as { generateName?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  const name = object.metadata.name || (prefix ? generateName(prefix) : '');
  const causes = validate(resource, { ...object, metadata: { ...object.metadata, name } });
  if (causes.length > 0) {
    return invalid(rbacKinds[resource], rbacGroup, name, causes);
  }
  if (store.get(resource, namespace, name)) {
    return status(409, 'AlreadyExists', `${qualified(resource)} ${JSON.stringify(name)} already exists`, { name, group: rbacGroup, kind: resource });
  }
  const created = store.create(resource, { name, namespace, labels, annotations }, storedFields(resource, object));
  afterClusterRoleWrite(context, resource);
  return { status: 201, body: created };
}

export async function updateRbacObject(context: RequestContext): Promise<Reply> {
  const resource = resourceOf(context);
  const result = await decoded(context, resource);
  if (!('object' in result)) {
    return result;
  }
  const headers = warningHeaders(result.warnings);
  const reply = update(context, resource, result.object);
  return { ...reply, headers: { ...reply.headers, ...headers } };
}

/** update.go checkName, then the registry's Update: no create on update, the resourceVersion precondition, escalation, validation. */
function update(context: RequestContext, resource: RbacResource, object: RbacObject): Reply {
  const { store } = context.state;
  const { namespace, name } = context.params;
  if (!object.metadata.name) {
    return badRequest(`the name of the object (${name} based on URL) was undeterminable: name must be provided`);
  }
  if (object.metadata.name !== name) {
    return badRequest(`the name of the object (${object.metadata.name}) does not match the name on the URL (${name})`);
  }
  const existing = store.get(resource, namespace, name);
  if (!existing) {
    return rbacNotFound(resource, name);
  }
  const resourceVersion = object.metadata.resourceVersion as string | undefined;
  if (resourceVersion && resourceVersion !== existing.metadata.resourceVersion) {
    return status(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(resource)} ${JSON.stringify(name)}: the object has been modified; please apply your changes to the latest version and try again`, {
      name,
      group: rbacGroup,
      kind: resource,
    });
  }
  const refusal = escalationRefusal(context, resource, object, namespace, name);
  if (refusal) {
    return refusal;
  }
  const causes = validateUpdate(resource, object, existing as unknown as RbacObject);
  if (causes.length > 0) {
    return invalid(rbacKinds[resource], rbacGroup, name, causes);
  }
  const { labels, annotations } = object.metadata as { labels?: Record<string, string>; annotations?: Record<string, string> };
  // What the object keeps of itself; labels and annotations are the request's, as a PUT replaces them.
  const identity = Object.fromEntries(Object.entries(existing.metadata).filter(([key]) => key !== 'labels' && key !== 'annotations')) as StoredObject['metadata'];
  const updated = store.update(resource, {
    apiVersion: existing.apiVersion,
    kind: existing.kind,
    metadata: { ...identity, ...(labels ? { labels } : {}), ...(annotations ? { annotations } : {}) },
    ...storedFields(resource, object),
  });
  afterClusterRoleWrite(context, resource);
  return ok(updated);
}

/** A delete answers with a Success Status naming what it deleted (registry store.go finalizeDelete). */
export function deleteRbacObject(context: RequestContext): Reply {
  const resource = resourceOf(context);
  const { namespace, name } = context.params;
  const { store } = context.state;
  const existing = store.get(resource, namespace, name);
  if (!existing) {
    return rbacNotFound(resource, name);
  }
  store.delete(resource, namespace, name);
  afterClusterRoleWrite(context, resource);
  return ok({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, group: rbacGroup, kind: resource, uid: existing.metadata.uid } });
}
