import type { User } from './authentication';
import type { Reply } from './reply';
import { status } from './status';

/** What a request asks to do, in the terms RBAC decides on. */
export interface Attributes {
  readonly verb: string;
  readonly resource?: string;
  readonly group?: string;
  readonly namespace?: string;
  readonly name?: string;
  /** Set for non-resource URLs such as /version, instead of resource. */
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

export function allowed(user: User, attributes: Attributes): boolean {
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
export function forbidden(user: User, attributes: Attributes): Reply {
  if (attributes.path) {
    return status(403, 'Forbidden', `forbidden: User "${user.name}" cannot ${attributes.verb} path "${attributes.path}"`, {});
  }
  const [resource] = (attributes.resource ?? '').split('/');
  const subject = attributes.name ? `${resource} "${attributes.name}"` : resource;
  const scope = attributes.namespace ? `in the namespace "${attributes.namespace}"` : 'at the cluster scope';
  const message = `${subject} is forbidden: User "${user.name}" cannot ${attributes.verb} resource "${attributes.resource}" in API group "${attributes.group ?? ''}" ${scope}`;
  return status(403, 'Forbidden', message, { ...(attributes.name ? { name: attributes.name } : {}), ...(attributes.group ? { group: attributes.group } : {}), kind: resource });
}
