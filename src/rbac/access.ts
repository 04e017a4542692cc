// "Can it…?": the SubjectAccessReview that asks the API server whether a ServiceAccount may make a
// request, and the answer as a document to keep, whether the server answered or it was computed
// from the RBAC objects the person can read.
import type { DiscoveredResource } from '../cluster/discovery';
import { visibleText } from '../text/visibleText';
import { grantAllows, serviceAccountGroups, serviceAccountUser, type GrantedRule, type ServiceAccountPermissions, type ServiceAccountRef } from './permissions';
import { describeGrant, describeOrigin } from './ruleText';
import { isNonResourceRequest, type AccessRequest } from './types';
import * as l10n from '../text/l10n';

const maxNameLength = 200;
const maxServerText = 1000;
const shown = (text: string) => visibleText(text, maxNameLength);

/** authorization.k8s.io/v1 SubjectAccessReviewSpec, as far as a ServiceAccount question needs it. */
export interface SubjectAccessReviewSpec {
  readonly user: string;
  readonly groups: readonly string[];
  readonly resourceAttributes?: {
    readonly namespace?: string;
    readonly verb: string;
    readonly group: string;
    readonly resource: string;
    readonly subresource?: string;
    readonly name?: string;
  };
  readonly nonResourceAttributes?: { readonly path: string; readonly verb: string };
}

/** SubjectAccessReviewStatus: `denied` only from an authorizer that denies outright (a webhook); RBAC only allows or has no opinion. */
export interface AccessReviewAnswer {
  readonly allowed: boolean;
  readonly denied: boolean;
  readonly reason?: string;
  readonly evaluationError?: string;
}

/**
 * The review of `request` as the ServiceAccount. A SubjectAccessReview implies no groups (unlike a
 * token, which carries them): the ServiceAccount's groups are sent, or rights given to
 * system:serviceaccounts:NS would read as denied (observed on a real v1.24 server, see the reference).
 */
export function subjectAccessReviewSpec(account: ServiceAccountRef, request: AccessRequest): SubjectAccessReviewSpec {
  const subject = { user: serviceAccountUser(account), groups: serviceAccountGroups(account.namespace) };
  if (isNonResourceRequest(request)) {
    return { ...subject, nonResourceAttributes: { path: request.path, verb: request.verb } };
  }
  const { verb, group, resource, subresource, namespace, name } = request;
  return {
    ...subject,
    resourceAttributes: { verb, group, resource, ...(subresource ? { subresource } : {}), ...(namespace ? { namespace } : {}), ...(name ? { name } : {}) },
  };
}

/** `secrets`, `pods/log`, `deployments.apps`: kubectl's resource[/subresource].group. */
function resourceName(group: string, resource: string, subresource: string | undefined): string {
  return `${shown(resource)}${subresource ? `/${shown(subresource)}` : ''}${group ? `.${shown(group)}` : ''}`;
}

/** `get secrets named app-config in namespace demo`, `list deployments.apps in all namespaces`, `get nodes (cluster-wide)`, `get /healthz`. */
export function describeRequest(request: AccessRequest, namespaced = true): string {
  if (isNonResourceRequest(request)) {
    return `${shown(request.verb)} ${shown(request.path)}`;
  }
  const verb = shown(request.verb);
  const resource = resourceName(request.group, request.resource, request.subresource);
  // Each combination one message, so a translation can put the name and the place where its language does.
  const name = request.name ? shown(request.name) : undefined;
  if (!namespaced) {
    return name === undefined ? l10n.t('{0} {1} (cluster-wide)', verb, resource) : l10n.t('{0} {1} named {2} (cluster-wide)', verb, resource, name);
  }
  if (request.namespace) {
    const namespace = shown(request.namespace);
    return name === undefined ? l10n.t('{0} {1} in namespace {2}', verb, resource, namespace) : l10n.t('{0} {1} named {2} in namespace {3}', verb, resource, name, namespace);
  }
  return name === undefined ? l10n.t('{0} {1} in all namespaces', verb, resource) : l10n.t('{0} {1} named {2} in all namespaces', verb, resource, name);
}

/** How a question was answered: by the API server, computed from readable RBAC objects, or not at all (and why). */
export type AccessAnswer =
  | { readonly kind: 'review'; readonly answer: AccessReviewAnswer }
  | { readonly kind: 'computed'; readonly permissions: ServiceAccountPermissions; readonly reviewRefused: string }
  | { readonly kind: 'unanswered'; readonly why: string };

/** `yes`, `no`, or `cannot tell`: a rules review covers one namespace, so a "no" elsewhere proves nothing. */
export type Verdict = 'yes' | 'no' | 'cannot tell';

export interface ComputedVerdict {
  readonly verdict: Verdict;
  /** The granted rules that allow the request. */
  readonly allowedBy: readonly GrantedRule[];
}

/** The answer the computed rules give; a rules review's "no" counts only in the namespace it was made for. */
export function computedVerdict(permissions: ServiceAccountPermissions, request: AccessRequest): ComputedVerdict {
  const allowedBy = permissions.grants.filter((grant) => grantAllows(grant, request));
  if (allowedBy.length > 0) {
    return { verdict: 'yes', allowedBy };
  }
  const reviewedNamespaces = new Set(permissions.grants.flatMap((grant) => (grant.scope.kind === 'namespace' ? [grant.scope.namespace] : [])));
  const covered = permissions.source === 'rbac-objects' || (!isNonResourceRequest(request) && request.namespace !== undefined && reviewedNamespaces.has(request.namespace));
  return { verdict: covered && !permissions.incomplete ? 'no' : 'cannot tell', allowedBy };
}

export interface AccessQuestion {
  readonly account: ServiceAccountRef;
  readonly request: AccessRequest;
  /** Whether the resource lives in namespaces (false: a cluster-scoped resource such as nodes). */
  readonly namespaced: boolean;
  readonly context: { readonly name: string; readonly server: string };
  readonly askedAt: Date;
}

/** One line, for a status bar message: `demo/vault-auth can get secrets in namespace demo`. */
export function accessHeadline(question: AccessQuestion, answer: AccessAnswer): string {
  const who = `${shown(question.account.namespace)}/${shown(question.account.name)}`;
  const what = describeRequest(question.request, question.namespaced);
  const verdict = verdictOf(question, answer);
  if (verdict === 'cannot tell') {
    return l10n.t('Cannot tell whether {0} can {1}', who, what);
  }
  if (answer.kind === 'computed') {
    return verdict === 'yes' ? l10n.t('{0} can {1} (computed)', who, what) : l10n.t('{0} cannot {1} (computed)', who, what);
  }
  return verdict === 'yes' ? l10n.t('{0} can {1}', who, what) : l10n.t('{0} cannot {1}', who, what);
}

function verdictOf(question: AccessQuestion, answer: AccessAnswer): Verdict {
  switch (answer.kind) {
    case 'review':
      return answer.answer.allowed ? 'yes' : 'no';
    case 'computed':
      return computedVerdict(answer.permissions, question.request).verdict;
    case 'unanswered':
      return 'cannot tell';
  }
}

const localTime = (date: Date) => new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 19).replace('T', ' ');

function reviewLines(spec: SubjectAccessReviewSpec, answer: AccessReviewAnswer): string[] {
  const verdict = answer.allowed ? l10n.t('Yes.') : answer.denied ? l10n.t('No: an authorizer denies it outright.') : l10n.t('No: no authorizer allows it.');
  return [
    verdict,
    ...(answer.reason ? [l10n.t('Reason (the API server\'s): {0}', visibleText(answer.reason, maxServerText))] : answer.allowed ? [] : [l10n.t('The API server gave no reason: with RBAC alone a denial has none (no rule allows it).')]),
    ...(answer.evaluationError ? [l10n.t('The API server could not evaluate everything: {0}', visibleText(answer.evaluationError, maxServerText))] : []),
    '',
    l10n.t('Answered by the API server: a SubjectAccessReview for user {0} with groups {1}. It asks every authorizer the server runs (RBAC, webhooks, Node).', shown(spec.user), spec.groups.map(shown).join(', ')),
  ];
}

function computedLines(question: AccessQuestion, permissions: ServiceAccountPermissions, reviewRefused: string): string[] {
  const { verdict, allowedBy } = computedVerdict(permissions, question.request);
  const headline = verdict === 'yes' ? l10n.t('Yes (computed).') : verdict === 'no' ? l10n.t('No (computed): no rule the RBAC objects grant allows it.') : l10n.t('Cannot tell (computed): the rules read do not cover this request.');
  const source = permissions.source === 'rbac-objects' ? l10n.t('the RBAC objects you can read') : l10n.t('a SelfSubjectRulesReview made as the ServiceAccount');
  return [
    headline,
    ...allowedBy.map((grant) => l10n.t('Allowed by: {0}, {1}', describeGrant(grant), describeOrigin(grant.via))),
    ...(permissions.incomplete ? [l10n.t('The server said its rules may be incomplete (webhook or Node authorizers): a right may be missing here.')] : []),
    '',
    l10n.t('Computed from {0}; webhook authorizers are not consulted.', source),
    l10n.t('The API server was not asked: {0}', visibleText(reviewRefused, maxServerText)),
    ...permissions.notes.map((note) => visibleText(note, maxServerText)),
  ];
}

/** The result document: the question, the answer with its reason, how it was answered, when and where. */
export function accessDocument(question: AccessQuestion, answer: AccessAnswer): string {
  const account = `${shown(question.account.namespace)}/${shown(question.account.name)}`;
  const body =
    answer.kind === 'review'
      ? reviewLines(subjectAccessReviewSpec(question.account, question.request), answer.answer)
      : answer.kind === 'computed'
        ? computedLines(question, answer.permissions, answer.reviewRefused)
        : [l10n.t('Cannot tell.'), visibleText(answer.why, maxServerText)];
  return [
    l10n.t('Can ServiceAccount {0} {1}?', account, describeRequest(question.request, question.namespaced)),
    ...body,
    '',
    l10n.t('Asked at {0} (local), {1}', localTime(question.askedAt), question.askedAt.toISOString().replace(/\.\d+Z$/, 'Z')),
    l10n.t('Context {0}, server {1}', shown(question.context.name), shown(question.context.server)),
    '',
  ].join('\n');
}

/** A resource to ask about, as the resource step of "Can it…?" lists it. */
export interface ResourceChoice {
  /** `secrets`, `pods/log`, `deployments.apps`: kubectl's resource.group. */
  readonly label: string;
  /** `Secret · namespaced · v1`. */
  readonly description: string;
  readonly resource: DiscoveredResource;
}

const resourceKey = (resource: DiscoveredResource) => `${resource.group}\u0000${resource.resource}\u0000${resource.subresource ?? ''}`;

/** The discovered resources once each, the core group first, then by group, resource and subresource. */
export function resourceChoices(resources: readonly DiscoveredResource[]): ResourceChoice[] {
  const distinct = new Map<string, DiscoveredResource>();
  resources.forEach((resource) => distinct.has(resourceKey(resource)) || distinct.set(resourceKey(resource), resource));
  const order = (resource: DiscoveredResource) => [resource.group === '' ? '' : `~${resource.group}`, resource.resource, resource.subresource ?? ''];
  return [...distinct.values()]
    .sort((left, right) => {
      const [a, b] = [order(left), order(right)];
      return a.map((part, i) => part.localeCompare(b[i], 'en')).find((compared) => compared !== 0) ?? 0;
    })
    .map((resource) => ({
      label: resourceName(resource.group, resource.resource, resource.subresource),
      description: [shown(resource.kind), resource.namespaced ? l10n.t('namespaced') : l10n.t('cluster-scoped'), shown(resource.group ? `${resource.group}/${resource.version}` : resource.version)].filter(Boolean).join(' · '),
      resource,
    }));
}
