// The local API server's URL space in one table: method and path pattern, the attributes RBAC
// decides on, and the handler. Making the server answer like another kube-apiserver release
// starts here.
import { kinds, namespacedResources, rbacKinds, type Resource } from '../store';
import type { VersionBehaviour } from '../version';
import { localSubjectAccessReview, selfSubjectAccessReview, selfSubjectRulesReview, subjectAccessReview } from './accessReviews';
import { authorize, forbidden, type Attributes } from './authorization';
import type { Handler, RequestContext } from './context';
import {
  apiGroups,
  appsGroup,
  appsResources,
  apiVersions,
  authenticationApiGroup,
  authenticationGroup,
  authenticationResources,
  authorizationGroup,
  authorizationResources,
  batchGroup,
  batchResources,
  coreResources,
  groupDocument,
  healthy,
  rbacGroup,
  rbacResources,
  version,
} from './discovery';
import { jwks, openidConfiguration } from './issuerDiscovery';
import { openapiDocument, openapiIndex } from './openapi';
import { openapiV2 } from './openapiV2';
import { createServiceAccount, deleteCoreObject } from './coreWrites';
import { createRbacObject, deleteRbacObject, getRbacObject, listRbacObjects, updateRbacObject } from './rbacResources';
import type { Reply } from './reply';
import { getObject, listObjects } from './resources';
import { selfSubjectReview } from './selfSubjectReview';
import { methodNotAllowed, noRoute, pageNotFound } from './status';
import { tokenRequest } from './tokenRequest';
import { tokenReview } from './tokenReview';
import { createWorkload, deleteWorkload, getWorkload, isWorkloadResource } from './workloadWrites';
import { workloadKinds } from '../store';

type Params = Readonly<Record<string, string>>;

interface Route {
  /** '*': a handler of the apiserver's plain mux, which serves any method. */
  readonly method: string;
  /** Literal segments and {placeholders}; a placeholder matches one non-empty segment. */
  readonly path: string;
  /** Placeholders that match only some values, such as the resources the store keeps. */
  readonly where?: Readonly<Record<string, (value: string) => boolean>>;
  /** The releases that serve the route; all when unset. */
  readonly servedBy?: (behaviour: VersionBehaviour) => boolean;
  readonly attributes: (params: Params, method: string) => Attributes;
  readonly handle: Handler;
}

const isResource = (value: string) => Object.hasOwn(kinds, value);
const isNamespaced = (value: string) => namespacedResources.has(value as Resource);
const isRbacResource = (value: string) => Object.hasOwn(rbacKinds, value);
const isNamespacedRbac = (value: string) => value === 'roles' || value === 'rolebindings';
const isClusterRbac = (value: string) => value === 'clusterroles' || value === 'clusterrolebindings';
const rbacPath = `/apis/${rbacGroup}/v1`;
const authorizationPath = `/apis/${authorizationGroup}/v1`;

/** RBAC's verb for each method of an object route (apiserver endpoints/request/requestinfo.go). */
const objectVerbs: Readonly<Record<string, string>> = { GET: 'get', PUT: 'update', DELETE: 'delete' };

/** GET, PUT and DELETE of one RBAC object, cluster-scoped or in a namespace. */
const rbacObjectRoutes = (path: string, where: (value: string) => boolean): Route[] =>
  Object.entries({ GET: getRbacObject, PUT: updateRbacObject, DELETE: deleteRbacObject }).map(([method, handle]) => ({
    method,
    path,
    where: { resource: where },
    attributes: ({ resource, namespace, name }) => ({ verb: objectVerbs[method], resource, group: rbacGroup, namespace, name }),
    handle,
  }));

/** A create of a review that is never stored: POST only, RBAC verb create. */
const review = (resource: string, handle: Handler, namespaced = false): Route => ({
  method: 'POST',
  path: namespaced ? `${authorizationPath}/namespaces/{namespace}/${resource}` : `${authorizationPath}/${resource}`,
  attributes: ({ namespace }) => ({ verb: 'create', resource, group: authorizationGroup, namespace }),
  handle,
});

/** A discovery document of go-restful: GET only, and RBAC sees it as a path, not a resource. */
const discovery = (path: string, handle: Handler): Route => ({ method: 'GET', path, attributes: () => ({ verb: 'get', path }), handle });
/** A handler on the plain mux (health, OpenAPI, issuer discovery): any method; RBAC's verb is the method's name. */
const plain = (path: string, handle: Handler): Route => ({ method: '*', path, attributes: (_, method) => ({ verb: method.toLowerCase(), path }), handle });

const routes: readonly Route[] = [
  discovery('/version', version),
  plain('/healthz', healthy),
  plain('/livez', healthy),
  plain('/readyz', healthy),
  discovery('/api', apiVersions),
  discovery('/api/v1', coreResources),
  discovery('/apis', apiGroups),
  discovery(`/apis/${authenticationGroup}`, authenticationApiGroup),
  discovery(`/apis/${authenticationGroup}/v1`, authenticationResources),
  discovery(`/apis/${authorizationGroup}`, groupDocument(authorizationGroup)),
  discovery(authorizationPath, authorizationResources),
  discovery(`/apis/${rbacGroup}`, groupDocument(rbacGroup)),
  discovery(rbacPath, rbacResources),
  discovery(`/apis/${appsGroup}`, groupDocument(appsGroup)),
  discovery(`/apis/${appsGroup}/v1`, appsResources),
  discovery(`/apis/${batchGroup}`, groupDocument(batchGroup)),
  discovery(`/apis/${batchGroup}/v1`, batchResources),
  plain('/openapi/v2', openapiV2),
  plain('/openapi/v3', openapiIndex),
  plain('/openapi/v3/api/v1', openapiDocument('api/v1')),
  plain(`/openapi/v3/apis/${authenticationGroup}/v1`, openapiDocument(`apis/${authenticationGroup}/v1`)),
  plain('/.well-known/openid-configuration', openidConfiguration),
  plain('/openid/v1/jwks', jwks),
  // Cluster-wide: lists across namespaces, and namespaces and nodes themselves (/api/v1/namespaces/demo is a namespace).
  { method: 'GET', path: '/api/v1/{resource}', where: { resource: isResource }, attributes: ({ resource }) => ({ verb: 'list', resource }), handle: listObjects },
  { method: 'GET', path: '/api/v1/{resource}/{name}', where: { resource: isResource }, attributes: ({ resource, name }) => ({ verb: 'get', resource, name }), handle: getObject },
  { method: 'GET', path: '/api/v1/namespaces/{namespace}/{resource}', where: { resource: isNamespaced }, attributes: ({ resource, namespace }) => ({ verb: 'list', resource, namespace }), handle: listObjects },
  {
    method: 'GET',
    path: '/api/v1/namespaces/{namespace}/{resource}/{name}',
    where: { resource: isNamespaced },
    attributes: ({ resource, namespace, name }) => ({ verb: 'get', resource, namespace, name }),
    handle: getObject,
  },
  // Deletes of what a token can be bound to, and ServiceAccounts created (again).
  { method: 'DELETE', path: '/api/v1/{resource}/{name}', where: { resource: (value) => value === 'nodes' }, attributes: ({ resource, name }) => ({ verb: 'delete', resource, name }), handle: deleteCoreObject },
  {
    method: 'DELETE',
    path: '/api/v1/namespaces/{namespace}/{resource}/{name}',
    where: { resource: isNamespaced },
    attributes: ({ resource, namespace, name }) => ({ verb: 'delete', resource, namespace, name }),
    handle: deleteCoreObject,
  },
  {
    method: 'POST',
    path: '/api/v1/namespaces/{namespace}/{resource}',
    where: { resource: (value) => value === 'pods' || value === 'secrets' },
    attributes: ({ resource, namespace }) => ({ verb: 'create', resource, namespace }),
    handle: createWorkload,
  },
  { method: 'POST', path: '/api/v1/namespaces/{namespace}/serviceaccounts', attributes: ({ namespace }) => ({ verb: 'create', resource: 'serviceaccounts', namespace }), handle: createServiceAccount },
  {
    method: 'POST',
    path: '/api/v1/namespaces/{namespace}/serviceaccounts/{name}/token',
    attributes: ({ namespace, name }) => ({ verb: 'create', resource: 'serviceaccounts/token', namespace, name }),
    handle: tokenRequest,
  },
  { method: 'POST', path: `/apis/${authenticationGroup}/v1/tokenreviews`, attributes: () => ({ verb: 'create', resource: 'tokenreviews', group: authenticationGroup }), handle: tokenReview },
  {
    method: 'POST',
    path: `/apis/${authenticationGroup}/v1/selfsubjectreviews`,
    servedBy: (behaviour) => behaviour.selfSubjectReviewV1,
    attributes: () => ({ verb: 'create', resource: 'selfsubjectreviews', group: authenticationGroup }),
    handle: selfSubjectReview,
  },
  review('subjectaccessreviews', subjectAccessReview),
  review('selfsubjectaccessreviews', selfSubjectAccessReview),
  review('selfsubjectrulesreviews', selfSubjectRulesReview),
  review('localsubjectaccessreviews', localSubjectAccessReview, true),
  // The controllers of apps/v1 and batch/v1, each under its own group.
  ...[appsGroup, batchGroup].flatMap((group): Route[] => {
    const inGroup = (value: string) => isWorkloadResource(value) && workloadKinds[value].group === group;
    const objectPath = `/apis/${group}/v1/namespaces/{namespace}/{resource}/{name}`;
    return [
      { method: 'POST', path: `/apis/${group}/v1/namespaces/{namespace}/{resource}`, where: { resource: inGroup }, attributes: ({ resource, namespace }) => ({ verb: 'create', resource, group, namespace }), handle: createWorkload },
      { method: 'GET', path: objectPath, where: { resource: inGroup }, attributes: ({ resource, namespace, name }) => ({ verb: 'get', resource, group, namespace, name }), handle: getWorkload },
      { method: 'DELETE', path: objectPath, where: { resource: inGroup }, attributes: ({ resource, namespace, name }) => ({ verb: 'delete', resource, group, namespace, name }), handle: deleteWorkload },
    ];
  }),
  // RBAC objects: lists of every kind across namespaces, cluster-scoped kinds by name, namespaced kinds below their namespace.
  { method: 'GET', path: `${rbacPath}/{resource}`, where: { resource: isRbacResource }, attributes: ({ resource }) => ({ verb: 'list', resource, group: rbacGroup }), handle: listRbacObjects },
  { method: 'POST', path: `${rbacPath}/{resource}`, where: { resource: isClusterRbac }, attributes: ({ resource }) => ({ verb: 'create', resource, group: rbacGroup }), handle: createRbacObject },
  ...rbacObjectRoutes(`${rbacPath}/{resource}/{name}`, isClusterRbac),
  {
    method: 'GET',
    path: `${rbacPath}/namespaces/{namespace}/{resource}`,
    where: { resource: isNamespacedRbac },
    attributes: ({ resource, namespace }) => ({ verb: 'list', resource, group: rbacGroup, namespace }),
    handle: listRbacObjects,
  },
  {
    method: 'POST',
    path: `${rbacPath}/namespaces/{namespace}/{resource}`,
    where: { resource: isNamespacedRbac },
    attributes: ({ resource, namespace }) => ({ verb: 'create', resource, group: rbacGroup, namespace }),
    handle: createRbacObject,
  },
  ...rbacObjectRoutes(`${rbacPath}/namespaces/{namespace}/{resource}/{name}`, isNamespacedRbac),
];

function match(route: Route, path: string, behaviour: VersionBehaviour): Params | undefined {
  const expected = route.path.split('/');
  const actual = path.split('/');
  if (expected.length !== actual.length || (route.servedBy && !route.servedBy(behaviour))) {
    return undefined;
  }
  const params: Record<string, string> = {};
  for (const [index, segment] of expected.entries()) {
    const placeholder = /^\{(\w+)\}$/.exec(segment)?.[1];
    if (placeholder === undefined ? segment !== actual[index] : actual[index] === '') {
      return undefined;
    }
    if (placeholder !== undefined) {
      params[placeholder] = actual[index];
    }
  }
  return Object.entries(route.where ?? {}).every(([name, accepts]) => accepts(params[name])) ? params : undefined;
}

export type Resolution = { readonly route: Route; readonly params: Params } | { readonly miss: 'notFound' | 'methodNotAllowed' };

/** The first route for this method and path, or why there is none. */
export function resolve(method: string, path: string, behaviour: VersionBehaviour): Resolution {
  let pathKnown = false;
  for (const route of routes) {
    const params = match(route, path, behaviour);
    if (params && (route.method === method || route.method === '*')) {
      return { route, params };
    }
    pathKnown ||= params !== undefined;
  }
  return { miss: pathKnown ? 'methodNotAllowed' : 'notFound' };
}

/** The roots of the apiserver's go-restful web services; its director sends everything below them there (apiserver pkg/server/handler.go). */
const goRestfulRoots = ['/api', `/apis/${appsGroup}`, `/apis/${authenticationGroup}`, `/apis/${authorizationGroup}`, `/apis/${batchGroup}`, `/apis/${rbacGroup}`, '/version'];
const underGoRestful = (path: string) => path === '/apis' || path === '/apis/' || goRestfulRoots.some((root) => path === root || path.startsWith(`${root}/`));

/** Routing, then RBAC, then the handler: the order of kube-apiserver's filter chain after authentication. */
export async function dispatch(request: Omit<RequestContext, 'params'>): Promise<Reply> {
  const resolution = resolve(request.method, request.path, request.state.behaviour);
  if ('miss' in resolution) {
    // go-restful answers its misses with a Status; the plain mux's NotFoundHandler with text.
    if (!underGoRestful(request.path)) {
      return pageNotFound();
    }
    return resolution.miss === 'methodNotAllowed' ? methodNotAllowed() : noRoute();
  }
  const attributes = resolution.route.attributes(resolution.params, request.method);
  const decision = authorize(request.state.store, request.user, attributes);
  if (!decision.allowed) {
    return forbidden(request.user, attributes, decision.reason);
  }
  return resolution.route.handle({ ...request, params: resolution.params });
}
