/**
 * Kubernetes ServiceAccount tokens: recognising them from their claims, and what they say about
 * who they act as. Bound tokens (TokenRequest) carry a `kubernetes.io` object; legacy tokens
 * (from `kubernetes.io/service-account-token` Secrets) carry flat claims and a fixed issuer.
 */
import type { JsonObject } from './decode';

/** The `iss` of every legacy Secret-based token, whichever cluster signed it. */
export const legacyIssuer = 'kubernetes/serviceaccount';

/** Who a ServiceAccount token acts as. The strings are the token's own: show them quoted or through visibleText. */
export type ServiceAccountClaims =
  | { readonly legacy: false; readonly namespace: string; readonly name: string; readonly k8s: JsonObject }
  | { readonly legacy: true; readonly namespace: string; readonly name: string; readonly secret?: string };

function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** The `name` of a reference such as `{"name": "web-0", "uid": "…"}`, when it is a string. */
export function nameOf(value: unknown): string | undefined {
  const name = asObject(value)?.name;
  return typeof name === 'string' ? name : undefined;
}

function stringClaim(payload: JsonObject, claim: string): string | undefined {
  const value = payload[claim];
  return typeof value === 'string' ? value : undefined;
}

/** The ServiceAccount a payload speaks for, or undefined when it is not a Kubernetes ServiceAccount token. */
export function serviceAccountOf(payload: JsonObject): ServiceAccountClaims | undefined {
  const k8s = asObject(payload['kubernetes.io']);
  const boundName = nameOf(k8s?.serviceaccount);
  if (k8s && typeof k8s.namespace === 'string' && boundName !== undefined) {
    return { legacy: false, namespace: k8s.namespace, name: boundName, k8s };
  }
  const namespace = stringClaim(payload, 'kubernetes.io/serviceaccount/namespace');
  if (payload.iss === legacyIssuer && namespace !== undefined) {
    return {
      legacy: true,
      namespace,
      name: stringClaim(payload, 'kubernetes.io/serviceaccount/service-account.name') ?? '?',
      secret: stringClaim(payload, 'kubernetes.io/serviceaccount/secret.name'),
    };
  }
  return undefined;
}
