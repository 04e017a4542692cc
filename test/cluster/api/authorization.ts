// kube-apiserver's authorizer chain over the stored RBAC objects: the system:masters superuser first
// (pkg/kubeapiserver/authorizer/config.go, apiserver authorizerfactory NewPrivilegedGroups), then the
// RBAC authorizer (rbacAuthorizer.ts). The bootstrap policy and the local users' grants are objects in
// the store (rbacBootstrap.ts, seed.ts), so a test can change them the way an administrator would.
import type { Store } from '../store';
import type { User } from './authentication';
import { rbacAuthorize } from './rbacAuthorizer';
import type { Reply } from './reply';
import { status } from './status';

/** What a request asks to do, in the terms RBAC decides on. */
export interface Attributes {
  readonly verb: string;
  /** The resource, with its subresource after a "/" (serviceaccounts/token), as RBAC rules name them. */
  readonly resource?: string;
  readonly group?: string;
  readonly namespace?: string;
  readonly name?: string;
  /** Set for non-resource URLs such as /version, instead of resource. */
  readonly path?: string;
}

export interface Decision {
  readonly allowed: boolean;
  /** The authorizer's reason: empty for system:masters, "RBAC: allowed by …" or the RBAC errors otherwise. */
  readonly reason: string;
}

/** user.SystemPrivilegedGroup. */
export const privilegedGroup = 'system:masters';

/** The union authorizer: the first authorizer with an opinion decides; a denial carries the reasons of those without. */
export function authorize(store: Store, user: User, attributes: Attributes): Decision {
  if (user.groups.includes(privilegedGroup)) {
    return { allowed: true, reason: '' };
  }
  return rbacAuthorize(store, user, attributes);
}

/**
 * kube-apiserver's Forbidden Status, word for word: responsewriters/errors.go forbiddenMessage and
 * Forbidden (": reason" when the authorizer gave one), wrapped by apimachinery errors.NewForbidden,
 * which names the resource with its group ("tokenreviews.authentication.k8s.io").
 */
export function forbidden(user: User, attributes: Attributes, reason = ''): Reply {
  const because = reason ? `: ${reason}` : '';
  if (attributes.path !== undefined) {
    return status(403, 'Forbidden', `forbidden: User "${user.name}" cannot ${attributes.verb} path "${attributes.path}"${because}`, {});
  }
  const [resource] = (attributes.resource ?? '').split('/');
  const qualified = attributes.group ? `${resource}.${attributes.group}` : resource;
  const subject = attributes.name ? `${qualified} ${JSON.stringify(attributes.name)}` : qualified;
  const scope = attributes.namespace ? `in the namespace "${attributes.namespace}"` : 'at the cluster scope';
  const message = `${subject} is forbidden: User "${user.name}" cannot ${attributes.verb} resource "${attributes.resource}" in API group "${attributes.group ?? ''}" ${scope}${because}`;
  return status(403, 'Forbidden', message, { ...(attributes.name ? { name: attributes.name } : {}), ...(attributes.group ? { group: attributes.group } : {}), kind: resource });
}
