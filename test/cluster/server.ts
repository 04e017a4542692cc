import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { stringify } from 'yaml';
import { createCertificates, type KeyAndCertificate } from './certificates';
import { decodeTokenRequest, protobufMediaType } from './protobuf';
import { seedDemo, seedGenerated } from './seed';
import { ServiceAccountTokens, type BoundReference, type SigningAlgorithm } from './serviceAccountTokens';
import { kinds, ListError, namespacedResources, Store, type Resource, type StoredObject } from './store';

export interface LocalClusterOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** With serviceAccountsPerNamespace: generate ns-000… × sa-00… instead of the demo seed. */
  readonly namespaces?: number;
  readonly serviceAccountsPerNamespace?: number;
  readonly latencyMs?: number;
  /** The `iss` of bound tokens; defaults to the server URL. */
  readonly issuer?: string;
  /** Like --service-account-max-token-expiration: longer requests are shortened, with a Warning header. */
  readonly maxExpirationSeconds?: number;
  readonly signingAlgorithm?: SigningAlgorithm;
  /** Like --api-audiences; defaults to [issuer]. */
  readonly apiAudiences?: readonly string[];
}

export type LocalUser = 'admin' | 'restricted' | 'cert-admin';

export interface FailureRule {
  /** 410: an etcd compaction, so the next page asked for with a `continue` token is Expired. */
  readonly status: 500 | 503 | 429 | 410 | 'drop';
  /** How many matching requests fail; default 1. */
  readonly times?: number;
  readonly pathPrefix?: string;
  readonly method?: string;
  readonly retryAfterSeconds?: number;
}

export interface RequestRecord {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly user: string;
  readonly status: number;
}

interface User {
  readonly name: string;
  readonly uid?: string;
  readonly groups: readonly string[];
  readonly extra?: Record<string, string[]>;
}

interface Reply {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly contentType?: string;
}

const anonymous: User = { name: 'system:anonymous', groups: ['system:unauthenticated'] };
const authenticationGroup = 'authentication.k8s.io';

function status(code: number, reason: string, message: string, details?: Record<string, unknown>): Reply {
  return { status: code, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code } };
}

const unauthorized = (): Reply => status(401, 'Unauthorized', 'Unauthorized');
const notFound = (resource: string, name: string): Reply => status(404, 'NotFound', `${resource} "${name}" not found`, { name, kind: resource });
const noRoute = (): Reply => status(404, 'NotFound', 'the server could not find the requested resource', { causes: [{ reason: 'UnexpectedServerResponse', message: '404 page not found' }] });
const badRequest = (message: string): Reply => status(400, 'BadRequest', message);

/** What a request asks to do, in the terms RBAC decides on. */
interface Attributes {
  readonly verb: string;
  readonly resource?: string;
  readonly group?: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly path?: string;
}

/**
 * RBAC of the local cluster, kept in one table:
 * - system:masters (admin, cert-admin): everything.
 * - restricted: get/list serviceaccounts, pods and secrets in demo and payments; create
 *   serviceaccounts/token in demo only; create tokenreviews; nothing at cluster scope.
 * - ServiceAccounts (system:serviceaccounts): the issuer discovery documents.
 * - every authenticated user: discovery and selfsubjectreviews; anonymous: /version and health only.
 */
const restrictedRules: readonly { verbs: string[]; resources: string[]; namespaces?: string[] }[] = [
  { verbs: ['get', 'list'], resources: ['serviceaccounts', 'pods', 'secrets'], namespaces: ['demo', 'payments'] },
  { verbs: ['create'], resources: ['serviceaccounts/token'], namespaces: ['demo'] },
  { verbs: ['create'], resources: ['tokenreviews'] },
];
const publicPaths = ['/version', '/healthz', '/livez', '/readyz'];
const issuerPaths = ['/.well-known/openid-configuration', '/openid/v1/jwks'];

function allowed(user: User, attributes: Attributes): boolean {
  if (user.groups.includes('system:masters')) {
    return true;
  }
  if (attributes.path) {
    if (publicPaths.includes(attributes.path)) {
      return true;
    }
    if (issuerPaths.includes(attributes.path)) {
      return user.groups.includes('system:serviceaccounts');
    }
    return user.groups.includes('system:authenticated');
  }
  if (attributes.resource === 'selfsubjectreviews') {
    return user.groups.includes('system:authenticated');
  }
  if (user.name === 'restricted') {
    return restrictedRules.some(
      (rule) => rule.verbs.includes(attributes.verb) && rule.resources.includes(attributes.resource ?? '') && (!rule.namespaces || (attributes.namespace !== undefined && rule.namespaces.includes(attributes.namespace))),
    );
  }
  return false;
}

/** kube-apiserver's Forbidden Status, word for word (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go). */
function forbidden(user: User, attributes: Attributes): Reply {
  if (attributes.path) {
    return status(403, 'Forbidden', `forbidden: User "${user.name}" cannot ${attributes.verb} path "${attributes.path}"`, {});
  }
  const [resource] = (attributes.resource ?? '').split('/');
  const subject = attributes.name ? `${resource} "${attributes.name}"` : resource;
  const scope = attributes.namespace ? `in the namespace "${attributes.namespace}"` : 'at the cluster scope';
  const message = `${subject} is forbidden: User "${user.name}" cannot ${attributes.verb} resource "${attributes.resource}" in API group "${attributes.group ?? ''}" ${scope}`;
  return status(403, 'Forbidden', message, { ...(attributes.name ? { name: attributes.name } : {}), ...(attributes.group ? { group: attributes.group } : {}), kind: resource });
}

function ageOf(timestamp: string): string {
  const seconds = Math.max(0, Math.floor((Date.now() - Date.parse(timestamp)) / 1000));
  for (const [size, suffix] of [[86400, 'd'], [3600, 'h'], [60, 'm']] as const) {
    if (seconds >= size) {
      return `${Math.floor(seconds / size)}${suffix}`;
    }
  }
  return `${seconds}s`;
}

/** Server-side printing for `kubectl get`, with the columns the real server sends. */
function table(resource: Resource, items: StoredObject[], metadata: Record<string, unknown>): unknown {
  const extraColumns: Partial<Record<Resource, { name: string; cell: (object: StoredObject) => unknown }[]>> = {
    namespaces: [{ name: 'Status', cell: (object) => (object.status as { phase?: string } | undefined)?.phase ?? 'Active' }],
    serviceaccounts: [{ name: 'Secrets', cell: () => 0 }],
    pods: [{ name: 'Status', cell: (object) => (object.status as { phase?: string } | undefined)?.phase ?? '' }],
    secrets: [{ name: 'Type', cell: (object) => object.type ?? '' }],
  };
  const columns = extraColumns[resource] ?? [];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata,
    columnDefinitions: [{ name: 'Name', type: 'string', format: 'name', description: 'Name of the object', priority: 0 }, ...columns.map((column) => ({ name: column.name, type: 'string', format: '', description: column.name, priority: 0 })), { name: 'Age', type: 'string', format: '', description: 'Age', priority: 0 }],
    rows: items.map((object) => ({
      cells: [object.metadata.name, ...columns.map((column) => column.cell(object)), ageOf(object.metadata.creationTimestamp)],
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata },
    })),
  };
}

export interface LocalCluster {
  readonly url: string;
  readonly caPem: string;
  readonly tokens: ServiceAccountTokens;
  readonly store: Store;
  /** Every request served, without credentials, for counting calls. */
  readonly requests: readonly RequestRecord[];
  clearRequests(): void;
  /** A complete kubeconfig (CA data included) for one of the cluster's users. */
  kubeconfigYaml(user?: LocalUser, contextName?: string): string;
  writeKubeconfig(path: string, user?: LocalUser, contextName?: string): Promise<void>;
  setLatency(milliseconds: number): void;
  injectFailures(rule: FailureRule): void;
  setMaxExpiration(seconds: number | undefined): void;
  close(): Promise<void>;
}

/** Starts an HTTPS Kubernetes API server on 127.0.0.1 that speaks what the extension and kubectl use. */
export async function startLocalCluster(options: LocalClusterOptions = {}): Promise<LocalCluster> {
  const certificates = await createCertificates();
  const store = new Store();
  const requests: RequestRecord[] = [];
  const failures: { rule: FailureRule; remaining: number }[] = [];
  let latencyMs = options.latencyMs ?? 0;
  let maxExpirationSeconds = options.maxExpirationSeconds;
  const bearerUsers = new Map<string, User>([
    [randomBytes(24).toString('base64url'), { name: 'admin', groups: ['system:masters', 'system:authenticated'] }],
    [randomBytes(24).toString('base64url'), { name: 'restricted', groups: ['system:authenticated'] }],
  ]);
  const tokenOf = (name: string) => [...bearerUsers].find(([, user]) => user.name === name)![0];
  const clientCertificate: KeyAndCertificate = await certificates.issueClientCertificate('cert-admin', ['system:masters']);

  const server = https.createServer({ key: certificates.server.keyPem, cert: certificates.server.certificatePem, ca: certificates.caPem, requestCert: true, rejectUnauthorized: false });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const issuer = options.issuer ?? url;
  const tokens = await ServiceAccountTokens.create(store, issuer, options.apiAudiences ?? [issuer], options.signingAlgorithm ?? 'RS256');
  if (options.namespaces && options.serviceAccountsPerNamespace) {
    seedGenerated(store, options.namespaces, options.serviceAccountsPerNamespace);
  } else {
    await seedDemo(store, tokens, certificates.caPem);
  }

  async function authenticate(request: IncomingMessage): Promise<User | undefined> {
    const header = request.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      const token = header.slice('Bearer '.length).trim();
      const known = bearerUsers.get(token);
      if (known) {
        return known;
      }
      const reviewed = await tokens.review(token, tokens.apiAudiences);
      return 'user' in reviewed ? { name: reviewed.user.username, uid: reviewed.user.uid, groups: reviewed.user.groups, extra: reviewed.user.extra } : undefined;
    }
    if (header) {
      return undefined;
    }
    const socket = request.socket as TLSSocket;
    if (socket.authorized) {
      const subject = socket.getPeerCertificate().subject;
      const groups = subject.O === undefined ? [] : Array.isArray(subject.O) ? subject.O : [subject.O];
      return { name: String(subject.CN), groups: [...groups, 'system:authenticated'] };
    }
    return anonymous;
  }

  async function readBody(request: IncomingMessage): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > 3 * 1024 * 1024) {
        throw new Error('the request body is larger than 3 MiB');
      }
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks);
    if (request.headers['content-type']?.startsWith(protobufMediaType)) {
      return decodeTokenRequest(body);
    }
    const text = body.toString('utf8');
    return text.length > 0 ? JSON.parse(text) : {};
  }

  function listReply(resource: Resource, query: URLSearchParams, accept: string, namespace?: string): Reply {
    try {
      const page = store.list(resource, {
        namespace,
        limit: Number(query.get('limit') ?? 0),
        continueToken: query.get('continue') ?? undefined,
        fieldSelector: query.get('fieldSelector') ?? undefined,
      });
      const metadata = { resourceVersion: page.resourceVersion, ...(page.continueToken ? { continue: page.continueToken, remainingItemCount: page.remainingItemCount } : {}) };
      if (accept.includes('as=Table')) {
        return { status: 200, body: table(resource, page.items, metadata), contentType: 'application/json;as=Table;v=v1;g=meta.k8s.io' };
      }
      if (accept.includes('as=PartialObjectMetadataList')) {
        return {
          status: 200,
          body: { kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata, items: page.items.map((object) => ({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata })) },
          contentType: 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io',
        };
      }
      return { status: 200, body: { kind: `${kinds[resource]}List`, apiVersion: 'v1', metadata, items: page.items } };
    } catch (error) {
      if (error instanceof ListError) {
        return error.code === 410
          ? { status: 410, body: { kind: 'Status', apiVersion: 'v1', metadata: { continue: error.freshContinue }, status: 'Failure', message: error.message, reason: 'Expired', code: 410 } }
          : badRequest(error.message);
      }
      throw error;
    }
  }

  async function tokenRequest(namespace: string, name: string, body: unknown, query: URLSearchParams): Promise<Reply> {
    const request = (typeof body === 'object' && body !== null ? body : {}) as { metadata?: { name?: string; namespace?: string }; spec?: Record<string, unknown> };
    const spec = request.spec ?? {};
    const invalid = (field: string, value: unknown, detail: string, objectName: string) => {
      const cause = `Invalid value: ${JSON.stringify(value)}: ${detail}`;
      return status(422, 'Invalid', `TokenRequest.authentication.k8s.io "${objectName}" is invalid: ${field}: ${cause}`, {
        ...(objectName ? { name: objectName } : {}),
        group: authenticationGroup,
        kind: 'TokenRequest',
        causes: [{ reason: 'FieldValueInvalid', message: cause, field }],
      });
    };
    // pkg/registry/core/serviceaccount/storage/token.go
    if (request.metadata?.name && request.metadata.name !== name) {
      return invalid('metadata.name', request.metadata.name, 'must match the service account name if specified', name);
    }
    if (request.metadata?.namespace && request.metadata.namespace !== namespace) {
      return invalid('metadata.namespace', request.metadata.namespace, 'must match the service account namespace if specified', name);
    }
    if (spec.audiences !== undefined && spec.audiences !== null && !(Array.isArray(spec.audiences) && spec.audiences.every((audience) => typeof audience === 'string'))) {
      return badRequest('TokenRequest in version "v1" cannot be handled as a TokenRequest: json: cannot unmarshal into Go struct field TokenRequestSpec.spec.audiences of type []string');
    }
    if (spec.expirationSeconds !== undefined && spec.expirationSeconds !== null && !Number.isInteger(spec.expirationSeconds)) {
      return badRequest(`TokenRequest in version "v1" cannot be handled as a TokenRequest: json: cannot unmarshal ${typeof spec.expirationSeconds === 'number' ? 'number' : typeof spec.expirationSeconds} into Go struct field TokenRequestSpec.spec.expirationSeconds of type int64`);
    }
    if (!store.get('namespaces', undefined, namespace)) {
      return notFound('namespaces', namespace);
    }
    const account = store.get('serviceaccounts', namespace, name);
    if (!account) {
      return notFound('serviceaccounts', name);
    }
    let expirationSeconds = (spec.expirationSeconds as number | undefined) ?? 3600;
    // pkg/apis/authentication/validation/validation.go
    if (expirationSeconds < 600) {
      return invalid('spec.expirationSeconds', expirationSeconds, 'may not specify a duration less than 10 minutes', '');
    }
    if (expirationSeconds > 2 ** 32) {
      return invalid('spec.expirationSeconds', expirationSeconds, 'may not specify a duration larger than 2^32 seconds', '');
    }
    const audiences = (spec.audiences as string[] | undefined)?.length ? (spec.audiences as string[]) : [...tokens.apiAudiences];
    const reference = spec.boundObjectRef as { apiVersion?: string; kind?: string; name?: string; uid?: string } | undefined | null;
    let bound: BoundReference | undefined;
    let node: StoredObject | undefined;
    if (reference) {
      const [group, version] = (reference.apiVersion ?? '').includes('/') ? (reference.apiVersion ?? '').split('/') : ['', reference.apiVersion ?? ''];
      const resource = group === '' ? ({ Pod: 'pods', Secret: 'secrets', Node: 'nodes' } as const)[reference.kind as 'Pod' | 'Secret' | 'Node'] : undefined;
      if (!resource) {
        return badRequest(`cannot bind token to object of type ${group}/${version}, Kind=${reference.kind ?? ''}`);
      }
      const object = store.get(resource, resource === 'nodes' ? undefined : namespace, reference.name ?? '');
      if (!object) {
        return notFound(resource, reference.name ?? '');
      }
      if (reference.uid && reference.uid !== object.metadata.uid) {
        return status(
          409,
          'Conflict',
          `Operation cannot be fulfilled on ${reference.kind} "${reference.name}": the UID in the bound object reference (${reference.uid}) does not match the UID in record. The object might have been deleted and then recreated`,
          { name: reference.name, kind: reference.kind },
        );
      }
      if (resource === 'pods') {
        const podSpec = object.spec as { serviceAccountName?: string; nodeName?: string };
        if ((podSpec.serviceAccountName ?? 'default') !== name) {
          return badRequest(`cannot bind token for serviceaccount "${name}" to pod running with different serviceaccount name.`);
        }
        node = podSpec.nodeName ? store.get('nodes', undefined, podSpec.nodeName) : undefined;
      }
      if (resource === 'nodes') {
        node = object;
      }
      bound = { kind: reference.kind as BoundReference['kind'], object };
    }
    const headers: Record<string, string> = {};
    if (maxExpirationSeconds !== undefined && expirationSeconds > maxExpirationSeconds) {
      headers.Warning = `299 - "requested expiration of ${expirationSeconds} seconds shortened to ${maxExpirationSeconds} seconds"`;
      expirationSeconds = maxExpirationSeconds;
    }
    // A real kube-apiserver mints a real token even for dryRun=All (see the reference): so does this one.
    void query;
    const issued = await tokens.issue(account, audiences, expirationSeconds, bound?.kind === 'Node' ? undefined : bound, node);
    return {
      status: 201,
      headers,
      body: {
        kind: 'TokenRequest',
        apiVersion: 'authentication.k8s.io/v1',
        metadata: { name, namespace, creationTimestamp: null },
        spec: { audiences, expirationSeconds, boundObjectRef: reference ? { kind: reference.kind, apiVersion: reference.apiVersion, name: reference.name, uid: bound?.object.metadata.uid } : null },
        status: { token: issued.token, expirationTimestamp: issued.expiresAt.toISOString().replace(/\.\d+Z$/, 'Z') },
      },
    };
  }

  async function tokenReview(body: unknown): Promise<Reply> {
    const spec = ((body as { spec?: { token?: string; audiences?: string[] } } | undefined)?.spec ?? {}) as { token?: string; audiences?: string[] };
    if (!spec.token) {
      return badRequest('token is required for TokenReview in authentication');
    }
    const result = await tokens.review(spec.token, spec.audiences ?? []);
    const base = { kind: 'TokenReview', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null }, spec };
    if ('error' in result) {
      return { status: 201, body: { ...base, status: { user: {}, error: result.error } } };
    }
    return { status: 201, body: { ...base, status: { authenticated: true, user: result.user, audiences: result.audiences } } };
  }

  function discovery(path: string): Reply | undefined {
    const resourceList = (groupVersion: string, resources: { name: string; kind: string; namespaced: boolean; verbs: string[]; shortNames?: string[] }[]) => ({
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion,
      resources: resources.map((resource) => ({ singularName: resource.name.includes('/') ? '' : resource.kind.toLowerCase(), ...resource })),
    });
    const groupVersion = { groupVersion: `${authenticationGroup}/v1`, version: 'v1' };
    const documents: Record<string, unknown> = {
      '/version': { major: '1', minor: '33', gitVersion: 'v1.33.0-local', gitCommit: 'local', gitTreeState: 'clean', buildDate: '2026-01-01T00:00:00Z', goVersion: 'go1.24', compiler: 'gc', platform: 'linux/amd64' },
      '/api': { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: url.slice('https://'.length) }] },
      '/api/v1': resourceList('v1', [
        { name: 'namespaces', kind: 'Namespace', namespaced: false, verbs: ['get', 'list'], shortNames: ['ns'] },
        { name: 'nodes', kind: 'Node', namespaced: false, verbs: ['get', 'list'], shortNames: ['no'] },
        { name: 'pods', kind: 'Pod', namespaced: true, verbs: ['get', 'list'], shortNames: ['po'] },
        { name: 'secrets', kind: 'Secret', namespaced: true, verbs: ['get', 'list'] },
        { name: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true, verbs: ['get', 'list'], shortNames: ['sa'] },
        { name: 'serviceaccounts/token', kind: 'TokenRequest', namespaced: true, verbs: ['create'] },
      ]),
      '/apis': { kind: 'APIGroupList', apiVersion: 'v1', groups: [{ name: authenticationGroup, versions: [groupVersion], preferredVersion: groupVersion }] },
      [`/apis/${authenticationGroup}`]: { kind: 'APIGroup', apiVersion: 'v1', name: authenticationGroup, versions: [groupVersion], preferredVersion: groupVersion },
      [`/apis/${authenticationGroup}/v1`]: resourceList(`${authenticationGroup}/v1`, [
        { name: 'selfsubjectreviews', kind: 'SelfSubjectReview', namespaced: false, verbs: ['create'] },
        { name: 'tokenreviews', kind: 'TokenReview', namespaced: false, verbs: ['create'] },
      ]),
    };
    // OpenAPI v3 just large enough for kubectl to see that the server takes fieldValidation, so it
    // validates there instead of downloading the protobuf OpenAPI v2 document. kubectl looks for the
    // parameter on a PATCH operation only (cli-runtime/pkg/resource/query_param_verifier_v3.go), so the
    // operation is listed as patch too; this server, like the real one, serves only POST there.
    const openapiPaths: Record<string, { path: string; kind: string }> = {
      'api/v1': { path: '/api/v1/namespaces/{namespace}/serviceaccounts/{name}/token', kind: 'TokenRequest' },
      [`apis/${authenticationGroup}/v1`]: { path: `/apis/${authenticationGroup}/v1/tokenreviews`, kind: 'TokenReview' },
    };
    documents['/openapi/v3'] = { paths: Object.fromEntries(Object.keys(openapiPaths).map((key) => [key, { serverRelativeURL: `/openapi/v3/${key}?hash=local` }])) };
    for (const [key, operation] of Object.entries(openapiPaths)) {
      const gvk = { group: authenticationGroup, version: 'v1', kind: operation.kind };
      documents[`/openapi/v3/${key}`] = {
        openapi: '3.0.0',
        info: { title: 'Kubernetes', version: 'v1.33.0-local' },
        paths: {
          [operation.path]: Object.fromEntries(
            ['post', 'patch'].map((verb) => [
              verb,
              {
                parameters: [{ name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } }],
                'x-kubernetes-action': verb,
                'x-kubernetes-group-version-kind': gvk,
                responses: { '201': { description: 'Created' } },
              },
            ]),
          ),
        },
        components: { schemas: { [`io.k8s.api.authentication.v1.${operation.kind}`]: { type: 'object', 'x-kubernetes-group-version-kind': [gvk] } } },
      };
    }
    if (documents[path]) {
      return { status: 200, body: documents[path] };
    }
    if (['/healthz', '/livez', '/readyz'].includes(path)) {
      return { status: 200, body: 'ok', contentType: 'text/plain' };
    }
    if (path === '/.well-known/openid-configuration') {
      return {
        status: 200,
        body: { issuer, jwks_uri: `${url}/openid/v1/jwks`, response_types_supported: ['id_token'], subject_types_supported: ['public'], id_token_signing_alg_values_supported: [tokens.algorithm] },
        headers: { 'Cache-Control': 'public, max-age=3600' },
      };
    }
    if (path === '/openid/v1/jwks') {
      return { status: 200, body: tokens.jwks(), contentType: 'application/jwk-set+json', headers: { 'Cache-Control': 'public, max-age=3600' } };
    }
    return undefined;
  }

  /** Routes one request: authentication, then RBAC, then the handler, as kube-apiserver's filter chain does. */
  async function serve(request: IncomingMessage, user: User, path: string, query: URLSearchParams): Promise<Reply> {
    const method = request.method ?? 'GET';
    const accept = request.headers.accept ?? '';
    const guard = (attributes: Attributes, handle: () => Reply | Promise<Reply>) => (allowed(user, attributes) ? handle() : forbidden(user, attributes));
    const nonResource = discovery(path);
    if (nonResource && method === 'GET') {
      return guard({ verb: 'get', path }, () => nonResource);
    }
    const core = /^\/api\/v1\/(?:namespaces\/([^/]+)\/)?([a-z]+)(?:\/([^/]+))?(?:\/([a-z]+))?$/.exec(path);
    if (core && method === 'POST' && core[2] === 'serviceaccounts' && core[1] && core[3] && core[4] === 'token') {
      const [, namespace, , name] = core;
      return guard({ verb: 'create', resource: 'serviceaccounts/token', namespace, name }, async () => tokenRequest(namespace, name, await readBody(request), query));
    }
    if (core && method === 'GET' && !core[4]) {
      // /api/v1/namespaces/{name} matches with no namespace part: it names the namespace itself.
      const [, namespace, resourceName, name] = core;
      const resource = resourceName as Resource;
      if (!(resource in kinds) || (namespace !== undefined && !namespacedResources.has(resource))) {
        return noRoute();
      }
      return guard({ verb: name ? 'get' : 'list', resource, namespace, name }, () => {
        if (!name) {
          return listReply(resource, query, accept, namespace);
        }
        const object = store.get(resource, namespace, name);
        return object ? { status: 200, body: object } : notFound(resource, name);
      });
    }
    if (method === 'POST' && path === `/apis/${authenticationGroup}/v1/tokenreviews`) {
      return guard({ verb: 'create', resource: 'tokenreviews', group: authenticationGroup }, async () => tokenReview(await readBody(request)));
    }
    if (method === 'POST' && path === `/apis/${authenticationGroup}/v1/selfsubjectreviews`) {
      return guard({ verb: 'create', resource: 'selfsubjectreviews', group: authenticationGroup }, () => ({
        status: 201,
        body: { kind: 'SelfSubjectReview', apiVersion: `${authenticationGroup}/v1`, metadata: { creationTimestamp: null }, status: { userInfo: { username: user.name, uid: user.uid, groups: user.groups, extra: user.extra } } },
      }));
    }
    return noRoute();
  }

  function takeFailure(method: string, path: string, query: URLSearchParams): FailureRule | undefined {
    const index = failures.findIndex(
      ({ rule }) => (!rule.method || rule.method === method) && (!rule.pathPrefix || path.startsWith(rule.pathPrefix)) && (rule.status !== 410 || query.has('continue')),
    );
    if (index < 0) {
      return undefined;
    }
    const entry = failures[index];
    entry.remaining -= 1;
    if (entry.remaining <= 0) {
      failures.splice(index, 1);
    }
    return entry.rule;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const parsed = new URL(request.url ?? '/', url);
    const method = request.method ?? 'GET';
    const record = (user: string, code: number) => requests.push({ method, path: parsed.pathname, query: parsed.search, user, status: code });
    if (latencyMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, latencyMs));
    }
    const failure = takeFailure(method, parsed.pathname, parsed.searchParams);
    if (failure?.status === 410) {
      store.expireContinueTokens();
    }
    let reply: Reply;
    let userName = '';
    if (failure?.status === 'drop') {
      record('', 0);
      request.socket.destroy();
      return;
    }
    if (failure?.status === 429) {
      reply = { ...status(429, 'TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds: failure.retryAfterSeconds ?? 1 }), headers: { 'Retry-After': String(failure.retryAfterSeconds ?? 1) } };
    } else if (failure && failure.status !== 410) {
      reply = failure.status === 503 ? status(503, 'ServiceUnavailable', 'the server is currently unable to handle the request') : status(500, 'InternalError', 'Internal error occurred: injected failure');
    } else {
      const user = await authenticate(request);
      userName = user?.name ?? '(invalid credentials)';
      try {
        reply = user ? await serve(request, user, parsed.pathname, parsed.searchParams) : unauthorized();
      } catch (error) {
        reply = error instanceof SyntaxError ? badRequest(`the request body is not valid JSON: ${error.message}`) : status(500, 'InternalError', `Internal error occurred: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    record(userName, reply.status);
    const payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
    response.writeHead(reply.status, { 'Content-Type': reply.contentType ?? 'application/json', 'Content-Length': Buffer.byteLength(payload), ...(reply.headers ?? {}) });
    response.end(payload);
  }

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch(() => response.destroy());
  });

  const kubeconfigYaml = (user: LocalUser = 'admin', contextName = 'local-cluster'): string => {
    const credentials =
      user === 'cert-admin'
        ? { 'client-certificate-data': Buffer.from(clientCertificate.certificatePem).toString('base64'), 'client-key-data': Buffer.from(clientCertificate.keyPem).toString('base64') }
        : { token: tokenOf(user) };
    return stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'local-cluster', cluster: { server: url, 'certificate-authority-data': Buffer.from(certificates.caPem).toString('base64') } }],
      users: [{ name: user, user: credentials }],
      contexts: [{ name: contextName, context: { cluster: 'local-cluster', user, namespace: 'demo' } }],
      'current-context': contextName,
    });
  };

  return {
    url,
    caPem: certificates.caPem,
    tokens,
    store,
    requests,
    clearRequests: () => {
      requests.length = 0;
    },
    kubeconfigYaml,
    writeKubeconfig: (path, user, contextName) => writeFile(path, kubeconfigYaml(user, contextName), { mode: 0o600 }),
    setLatency: (milliseconds) => {
      latencyMs = milliseconds;
    },
    injectFailures: (rule) => {
      failures.push({ rule, remaining: rule.times ?? 1 });
    },
    setMaxExpiration: (seconds) => {
      maxExpirationSeconds = seconds;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
