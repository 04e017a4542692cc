// The RBAC objects a person can list, read once per context and kept a short while, and what a
// ServiceAccount may do computed from them; where the lists are refused, the server's own answer
// through impersonation (SelfSubjectRulesReview), only when the person may impersonate it.
import { ApiException, AuthorizationV1Api, Observable, RbacAuthorizationV1Api, type ConfigurationOptions, type KubeConfig, type RequestContext, type ResponseContext, type V1ObjectMeta, type V1PolicyRule } from '@kubernetes/client-node';
import {
  permissionsFromObjects,
  permissionsFromRulesReview,
  serviceAccountUser,
  type PermissionsOutcome,
  type ServiceAccountRef,
} from '../rbac/permissions';
import type { ClusterRole, LabelSelector, ObjectMetadata, PolicyRule, RbacObjects, RoleBinding } from '../rbac/types';
import { ClusterError } from './errors';
import type { RequestScope } from './requestScope';
import { listAll } from './serviceAccounts';
import * as l10n from '../text/l10n';

/**
 * RBAC objects are small (a RoleBinding is a few hundred bytes of JSON), so pages of 2,000 stay around
 * a megabyte while a large cluster's RoleBindings arrive in one round trip instead of one per 500
 * (kubectl's chunk size): those sequential pages are the critical path of a cold question.
 * `npm run bench -- 8`: 0.61–0.67× kubectl with pages of 500, 0.39–0.41× with 2,000.
 */
const pageSize = 2000;
/** Long enough that opening several ServiceAccounts in a row reads RBAC once; short enough to follow changes. */
const rbacCacheMs = 30_000;
const rbacGroup = 'rbac.authorization.k8s.io';
const rbacLists = ['clusterroles', 'clusterrolebindings', 'roles', 'rolebindings'] as const;
type RbacList = (typeof rbacLists)[number];

/** The four lists, or which of them the person may not list cluster-wide. */
type RbacListing = { readonly objects: RbacObjects; readonly requests: number; readonly objectsRead: number } | { readonly forbidden: readonly RbacList[] };

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);
const stringMap = (value: unknown): Record<string, string> | undefined =>
  typeof value === 'object' && value !== null ? Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string')) : undefined;

/** The server's objects are of any shape: only strings where strings belong, lists where lists do. */
function policyRule(rule: V1PolicyRule): PolicyRule {
  return { verbs: strings(rule.verbs), apiGroups: strings(rule.apiGroups), resources: strings(rule.resources), resourceNames: strings(rule.resourceNames), nonResourceURLs: strings(rule.nonResourceURLs) };
}

function metadata(meta: V1ObjectMeta | undefined): ObjectMetadata {
  return { name: String(meta?.name ?? ''), ...(typeof meta?.namespace === 'string' ? { namespace: meta.namespace } : {}), labels: stringMap(meta?.labels) };
}

interface RawRole {
  readonly metadata?: V1ObjectMeta;
  readonly rules?: V1PolicyRule[] | null;
  readonly aggregationRule?: { readonly clusterRoleSelectors?: LabelSelector[] | null } | null;
}

interface RawBinding {
  readonly metadata?: V1ObjectMeta;
  readonly roleRef?: { readonly apiGroup?: string; readonly kind?: string; readonly name?: string };
  readonly subjects?: { readonly kind?: string; readonly apiGroup?: string; readonly name?: string; readonly namespace?: string }[] | null;
}

function role(raw: RawRole): ClusterRole {
  const selectors = Array.isArray(raw.aggregationRule?.clusterRoleSelectors) ? raw.aggregationRule.clusterRoleSelectors.filter((selector) => typeof selector === 'object' && selector !== null) : undefined;
  return { metadata: metadata(raw.metadata), rules: Array.isArray(raw.rules) ? raw.rules.map(policyRule) : [], ...(selectors ? { aggregationRule: { clusterRoleSelectors: selectors } } : {}) };
}

function binding(raw: RawBinding): RoleBinding {
  return {
    metadata: metadata(raw.metadata),
    roleRef: { kind: String(raw.roleRef?.kind ?? ''), name: String(raw.roleRef?.name ?? '') },
    subjects: (Array.isArray(raw.subjects) ? raw.subjects : []).map((subject) => ({
      kind: String(subject.kind ?? ''),
      name: String(subject.name ?? ''),
      ...(typeof subject.namespace === 'string' ? { namespace: subject.namespace } : {}),
    })),
  };
}

const isForbidden = (error: unknown) => error instanceof ApiException && error.code === 403;

/** The four RBAC lists across all namespaces, paged and read in parallel; forbidden ones named rather than thrown. */
async function listRbacObjects(api: RbacAuthorizationV1Api, scope: RequestScope): Promise<RbacListing> {
  const page = (token: string | undefined) => ({ limit: pageSize, _continue: token });
  const lists: Record<RbacList, () => Promise<unknown[]>> = {
    clusterroles: () => listAll((token) => api.listClusterRole(page(token), scope.options()), scope),
    clusterrolebindings: () => listAll((token) => api.listClusterRoleBinding(page(token), scope.options()), scope),
    roles: () => listAll((token) => api.listRoleForAllNamespaces(page(token), scope.options()), scope),
    rolebindings: () => listAll((token) => api.listRoleBindingForAllNamespaces(page(token), scope.options()), scope),
  };
  const settled = await Promise.allSettled(rbacLists.map((list) => lists[list]()));
  const forbidden = rbacLists.filter((_, index) => {
    const result = settled[index];
    return result.status === 'rejected' && isForbidden(result.reason);
  });
  settled.forEach((result, index) => {
    if (result.status === 'rejected' && !isForbidden(result.reason)) {
      throw scope.failure(result.reason, { verb: 'list', resource: rbacLists[index], group: rbacGroup });
    }
  });
  if (forbidden.length > 0) {
    return { forbidden };
  }
  const [clusterRoles, clusterRoleBindings, roles, roleBindings] = settled.map((result) => (result.status === 'fulfilled' ? result.value : []));
  return {
    objects: {
      clusterRoles: (clusterRoles as RawRole[]).map(role),
      clusterRoleBindings: (clusterRoleBindings as RawBinding[]).map(binding),
      roles: (roles as RawRole[]).map(role),
      roleBindings: (roleBindings as RawBinding[]).map(binding),
    },
    requests: scope.requestCount,
    objectsRead: clusterRoles.length + clusterRoleBindings.length + roles.length + roleBindings.length,
  };
}

/** Client options that also send Impersonate-User: the server adds the ServiceAccount's groups itself (apiserver impersonation.go). */
function impersonating(options: ConfigurationOptions, user: string): ConfigurationOptions {
  return {
    ...options,
    middleware: [
      ...(options.middleware ?? []),
      {
        pre: (context: RequestContext) => {
          context.setHeaderParam('Impersonate-User', user);
          return new Observable(Promise.resolve(context));
        },
        post: (context: ResponseContext) => new Observable(Promise.resolve(context)),
      },
    ],
  };
}

const dnsLabel = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const dnsSubdomain = (name: string) => name.length <= 253 && name.split('.').every((part) => dnsLabel.test(part));

/** A ServiceAccount named by a token or a caller: only a real namespace and name reach a request or a header. */
function checkedRef(account: ServiceAccountRef): ServiceAccountRef {
  if (!dnsLabel.test(account.namespace) || !dnsSubdomain(account.name)) {
    throw new ClusterError(l10n.t('That is not a ServiceAccount name: a namespace is a DNS label and a name a DNS subdomain (lower-case letters, digits, - and .).'), 'invalid');
  }
  return { namespace: account.namespace, name: account.name };
}

/** Resolves with `work` unless `signal` aborts first; the work itself carries on (its answer is shared). */
function unlessCancelled<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) {
    return work;
  }
  const cancelled = () => new ClusterError('Cancelled.', 'cancelled');
  if (signal.aborted) {
    return Promise.reject(cancelled());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

interface CachedListing {
  readonly at: number;
  readonly listing: Promise<RbacListing>;
}

const isFresh = (cached: CachedListing) => Date.now() - cached.at <= rbacCacheMs;

/**
 * One context's RBAC objects, listed once and shared by every ServiceAccount asked about within
 * `rbacCacheMs`; a failed listing is forgotten at once so the next question lists again.
 */
export class RbacPermissions {
  private cached: CachedListing | undefined;

  constructor(
    private readonly config: KubeConfig,
    private readonly newScope: (cancel?: AbortSignal) => RequestScope,
  ) {}

  async of(account: ServiceAccountRef, cancel: AbortSignal | undefined): Promise<PermissionsOutcome> {
    const checked = checkedRef(account);
    const cached = this.cached !== undefined && isFresh(this.cached);
    const listing = await unlessCancelled(this.listing(), cancel);
    if ('objects' in listing) {
      const permissions = permissionsFromObjects(listing.objects, checked);
      return { kind: 'computed', permissions, cost: { requests: cached ? 0 : listing.requests, objectsRead: listing.objectsRead, cached } };
    }
    return this.askAsServiceAccount(checked, listing.forbidden, cancel);
  }

  private listing(): Promise<RbacListing> {
    if (this.cached && isFresh(this.cached)) {
      return this.cached.listing;
    }
    const entry: CachedListing = { at: Date.now(), listing: listRbacObjects(this.config.makeApiClient(RbacAuthorizationV1Api), this.newScope()) };
    entry.listing.catch(() => {
      if (this.cached === entry) {
        this.cached = undefined;
      }
    });
    this.cached = entry;
    return entry.listing;
  }

  /** The fallback: a rules review as the ServiceAccount, if and only if a SelfSubjectAccessReview says the person may impersonate it. */
  private async askAsServiceAccount(account: ServiceAccountRef, forbidden: readonly RbacList[], cancel: AbortSignal | undefined): Promise<PermissionsOutcome> {
    const scope = this.newScope(cancel);
    const api = this.config.makeApiClient(AuthorizationV1Api);
    const impersonation = { verb: 'impersonate', resource: 'serviceaccounts', namespace: account.namespace, name: account.name };
    let mayImpersonate: boolean;
    try {
      const review = await scope.send(() => api.createSelfSubjectAccessReview({ body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: impersonation } } }, scope.options()));
      mayImpersonate = review.status?.allowed === true;
    } catch (error) {
      throw scope.failure(error, { verb: 'create', resource: 'selfsubjectaccessreviews', group: 'authorization.k8s.io' });
    }
    if (!mayImpersonate) {
      const lists = forbidden.join(', ');
      const askFor = l10n.t('list on {0} ({1}) cluster-wide, or impersonate on serviceaccounts {2} in {3}', lists, rbacGroup, account.name, account.namespace);
      const message = l10n.t('You may not list {0} ({1}) in all namespaces, nor impersonate ServiceAccount {2}/{3}. Ask for {4}.', lists, rbacGroup, account.namespace, account.name, askFor);
      return { kind: 'unavailable', serviceAccount: account, message, askFor };
    }
    try {
      const review = await scope.send(() =>
        api.createSelfSubjectRulesReview({ body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: account.namespace } } }, impersonating(scope.options(), serviceAccountUser(account))),
      );
      const status = review.status;
      const permissions = permissionsFromRulesReview(account, account.namespace, {
        resourceRules: (Array.isArray(status?.resourceRules) ? status.resourceRules : []).map(policyRule),
        nonResourceRules: (Array.isArray(status?.nonResourceRules) ? status.nonResourceRules : []).map(policyRule),
        incomplete: status?.incomplete === true,
        evaluationError: typeof status?.evaluationError === 'string' && status.evaluationError ? status.evaluationError : undefined,
      });
      return { kind: 'computed', permissions: { ...permissions, notes: [l10n.t('You may not list {0} ({1}) in all namespaces.', forbidden.join(', '), rbacGroup), ...permissions.notes] }, cost: { requests: scope.requestCount, objectsRead: 0, cached: false } };
    } catch (error) {
      throw scope.failure(error, { verb: 'impersonate', resource: 'serviceaccounts', namespace: account.namespace });
    }
  }
}
