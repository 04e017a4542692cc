// Impersonation as kube-apiserver's WithImpersonation filter does it (apiserver pkg/endpoints/filters/
// impersonation.go): after authentication, before routing and authorization. Each thing asked for
// (a user or ServiceAccount, each group, each extra value, the uid) needs the verb impersonate on it,
// checked with the requesting user; the first refusal is the Forbidden of responsewriters. A
// ServiceAccount user gets its groups unless groups were asked for, and every non-anonymous user
// gets system:authenticated.
import type { Store } from '../store';
import type { User } from './authentication';
import { authorize, forbidden, type Attributes } from './authorization';
import type { Reply } from './reply';

/** The request headers as Node keeps them apart: lower-case names, every value of a repeated header. */
export type DistinctHeaders = Readonly<Record<string, readonly string[] | undefined>>;

interface ImpersonationRequest {
  readonly kind: 'ServiceAccount' | 'User' | 'Group' | 'UserExtra' | 'UID';
  readonly namespace?: string;
  readonly name: string;
  readonly apiVersion?: string;
  readonly fieldPath?: string;
}

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const isDnsSubdomain = (name: string) => name.length <= 253 && name.split('.').every((part) => part.length <= 63 && dnsLabel.test(part));

/** serviceaccount.SplitUsername: system:serviceaccount:NS:NAME with a valid namespace and name. */
export function splitServiceAccountUsername(username: string): { namespace: string; name: string } | undefined {
  const prefix = 'system:serviceaccount:';
  if (!username.startsWith(prefix)) {
    return undefined;
  }
  const parts = username.slice(prefix.length).split(':');
  if (parts.length !== 2) {
    return undefined;
  }
  const [namespace, name] = parts;
  return namespace.length <= 63 && dnsLabel.test(namespace) && isDnsSubdomain(name) ? { namespace, name } : undefined;
}

/** serviceaccount.MakeGroupNames. */
export const serviceAccountGroups = (namespace: string) => ['system:serviceaccounts', `system:serviceaccounts:${namespace}`];

const extraPrefix = 'impersonate-extra-';

/** impersonation.go unescapeExtraKey: a percent-encoded key, left as it is when it does not decode. */
function unescapeExtraKey(key: string): string {
  try {
    return decodeURIComponent(key);
  } catch {
    return key;
  }
}

/** impersonation.go buildImpersonationRequests, in its order: the user, the groups, the extras, the uid. */
function impersonationRequests(headers: DistinctHeaders): ImpersonationRequest[] | { error: string } {
  const requests: ImpersonationRequest[] = [];
  const requestedUser = headers['impersonate-user']?.[0] ?? '';
  if (requestedUser) {
    const account = splitServiceAccountUsername(requestedUser);
    requests.push(account ? { kind: 'ServiceAccount', ...account } : { kind: 'User', name: requestedUser });
  }
  const groups = headers['impersonate-group'] ?? [];
  requests.push(...groups.map((name): ImpersonationRequest => ({ kind: 'Group', name })));
  let hasExtra = false;
  for (const [header, values] of Object.entries(headers)) {
    if (header.startsWith(extraPrefix)) {
      hasExtra = true;
      const key = unescapeExtraKey(header.slice(extraPrefix.length));
      requests.push(...(values ?? []).map((name): ImpersonationRequest => ({ kind: 'UserExtra', apiVersion: 'authentication.k8s.io/v1', name, fieldPath: key })));
    }
  }
  const uid = headers['impersonate-uid']?.[0] ?? '';
  if (uid) {
    requests.push({ kind: 'UID', name: uid, apiVersion: 'authentication.k8s.io/v1' });
  }
  if ((groups.length > 0 || hasExtra || uid) && !requestedUser) {
    // Go's %v of []v1.ObjectReference: each struct's fields in order, space-separated.
    const printed = requests.map((request) => `{${[request.kind, request.namespace ?? '', request.name, '', request.apiVersion ?? '', '', request.fieldPath ?? ''].join(' ')}}`);
    return { error: `requested [${printed.join(' ')}] without impersonating a user` };
  }
  return requests;
}

/** What the filter asks the authorizer for one impersonation request. */
function attributesOf(request: ImpersonationRequest): Attributes {
  switch (request.kind) {
    case 'ServiceAccount':
      return { verb: 'impersonate', resource: 'serviceaccounts', group: '', namespace: request.namespace, name: request.name };
    case 'User':
      return { verb: 'impersonate', resource: 'users', group: '', name: request.name };
    case 'Group':
      return { verb: 'impersonate', resource: 'groups', group: '', name: request.name };
    case 'UserExtra':
      return { verb: 'impersonate', resource: `userextras/${request.fieldPath}`, group: 'authentication.k8s.io', name: request.name };
    case 'UID':
      return { verb: 'impersonate', resource: 'uids', group: 'authentication.k8s.io', name: request.name };
  }
}

/**
 * responsewriters.InternalError: plain text through http.Error, the request URI Go-quoted and the
 * text HTML-escaped by the writer's sanitizer.
 */
function internalError(requestUri: string, error: string): Reply {
  const text = `Internal Server Error: ${JSON.stringify(requestUri)}: ${error}`.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return { status: 500, body: `${text}\n`, contentType: 'text/plain; charset=utf-8', headers: { 'X-Content-Type-Options': 'nosniff' } };
}

/** The user a request acts as: the authenticated one, the one it may impersonate, or why it may not. */
export function impersonate(store: Store, requestor: User, headers: DistinctHeaders, requestUri: string): { readonly user: User } | { readonly reply: Reply } {
  const requests = impersonationRequests(headers);
  if ('error' in requests) {
    return { reply: internalError(requestUri, requests.error) };
  }
  if (requests.length === 0) {
    return { user: requestor };
  }
  const groupsSpecified = (headers['impersonate-group'] ?? []).length > 0;
  let username = '';
  let uid = '';
  const groups: string[] = [];
  const extra: Record<string, string[]> = {};
  for (const request of requests) {
    const attributes = attributesOf(request);
    const decision = authorize(store, requestor, attributes);
    if (!decision.allowed) {
      return { reply: forbidden(requestor, attributes, decision.reason) };
    }
    switch (request.kind) {
      case 'ServiceAccount':
        username = `system:serviceaccount:${request.namespace}:${request.name}`;
        if (!groupsSpecified) {
          groups.push(...serviceAccountGroups(request.namespace!));
        }
        break;
      case 'User':
        username = request.name;
        break;
      case 'Group':
        groups.push(request.name);
        break;
      case 'UserExtra':
        (extra[request.fieldPath!] ??= []).push(request.name);
        break;
      case 'UID':
        uid = request.name;
        break;
    }
  }
  if (username !== 'system:anonymous') {
    if (!groups.includes('system:authenticated') && !groups.includes('system:unauthenticated')) {
      groups.push('system:authenticated');
    }
  } else if (!groups.includes('system:unauthenticated')) {
    groups.push('system:unauthenticated');
  }
  return { user: { name: username, groups, ...(uid ? { uid } : {}), ...(Object.keys(extra).length > 0 ? { extra } : {}) } };
}
