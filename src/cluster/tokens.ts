import type { AuthenticationV1Api, CoreV1Api, V1Pod } from '@kubernetes/client-node';
import { decodeJwt } from 'jose';
import { ClusterError } from './errors';
import { metadataOnly, type RequestScope } from './requestScope';
import type { BindableObject, BoundObjectKind, IssuedToken, TokenRequestInput, TokenReviewOutcome } from './types';
import * as l10n from '../text/l10n';

/** Warning headers look like `299 - "requested expiration of 7200 seconds shortened to 3600 seconds"` (RFC 7234). */
export function parseWarningHeader(header: string | undefined): string[] {
  if (!header) {
    return [];
  }
  const warnings = [...header.matchAll(/\d{3} \S+ "((?:[^"\\]|\\.)*)"/g)].map((match) => match[1].replace(/\\(.)/g, '$1'));
  return warnings.length > 0 ? warnings : [header];
}

function jwtTimes(token: string): { issuedAt: Date; expiresAt: Date; audiences: string[] } {
  let claims: ReturnType<typeof decodeJwt>;
  try {
    claims = decodeJwt(token);
  } catch {
    throw new ClusterError(l10n.t('The server answered with a token that is not a JWT. It may not be a Kubernetes API server.'), 'unknown');
  }
  if (typeof claims.exp !== 'number') {
    throw new ClusterError(l10n.t('The server answered with a token that has no expiry (exp claim).'), 'unknown');
  }
  const audiences = Array.isArray(claims.aud) ? claims.aud : claims.aud ? [claims.aud] : [];
  return { issuedAt: new Date((claims.iat ?? Date.now() / 1000) * 1000), expiresAt: new Date(claims.exp * 1000), audiences };
}

/** One POST to the token subresource, as `kubectl create token` makes. */
export async function requestToken(api: CoreV1Api, scope: RequestScope, input: TokenRequestInput): Promise<IssuedToken> {
  try {
    const response = await scope.send(() => api.createNamespacedServiceAccountTokenWithHttpInfo(
      {
        name: input.serviceAccount,
        namespace: input.namespace,
        body: {
          apiVersion: 'authentication.k8s.io/v1',
          kind: 'TokenRequest',
          spec: {
            audiences: [...input.audiences],
            expirationSeconds: input.expirationSeconds,
            boundObjectRef: input.boundObject ? { apiVersion: 'v1', kind: input.boundObject.kind, name: input.boundObject.name, uid: input.boundObject.uid } : undefined,
          },
        },
      },
      scope.options(),
    ));
    const token = response.data.status?.token;
    if (!token) {
      throw new ClusterError(l10n.t('The server accepted the TokenRequest but returned no token.'), 'unknown');
    }
    return {
      token,
      namespace: input.namespace,
      serviceAccount: input.serviceAccount,
      boundObject: input.boundObject,
      requestedSeconds: input.expirationSeconds,
      warnings: parseWarningHeader(response.headers['warning']),
      server: scope.context.server,
      ...jwtTimes(token),
    };
  } catch (error) {
    throw scope.failure(error, { verb: 'create', resource: 'serviceaccounts/token', namespace: input.namespace });
  }
}

/** Asks the API server whether a token authenticates, and for whom. */
export async function reviewToken(api: AuthenticationV1Api, scope: RequestScope, token: string, audiences: readonly string[]): Promise<TokenReviewOutcome> {
  try {
    const review = await scope.send(() => api.createTokenReview(
      { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token, audiences: audiences.length > 0 ? [...audiences] : undefined } } },
      scope.options(),
    ));
    const status = review.status ?? {};
    const confirmed = status.audiences ?? [];
    const authenticated = status.authenticated === true;
    return {
      authenticated,
      username: status.user?.username,
      uid: status.user?.uid,
      groups: status.user?.groups ?? [],
      extra: status.user?.extra ?? {},
      audiences: confirmed,
      error: status.error || undefined,
      missingAudiences: authenticated ? audiences.filter((audience) => !confirmed.includes(audience)) : [],
    };
  } catch (error) {
    throw scope.failure(error, { verb: 'create', resource: 'tokenreviews', group: 'authentication.k8s.io' });
  }
}

function runsAs(pod: V1Pod, serviceAccount: string): boolean {
  return (pod.spec?.serviceAccountName ?? 'default') === serviceAccount;
}

/** Objects a token can be bound to: Pods running as the ServiceAccount, Secrets of its namespace, or Nodes. */
export async function listBindableObjects(api: CoreV1Api, scope: RequestScope, kind: BoundObjectKind, namespace: string, serviceAccount: string): Promise<BindableObject[]> {
  try {
    switch (kind) {
      case 'Pod': {
        const pods = await scope.send(() => api.listNamespacedPod({ namespace, fieldSelector: `spec.serviceAccountName=${serviceAccount}` }, scope.options()));
        return pods.items
          .filter((pod) => runsAs(pod, serviceAccount))
          .map((pod) => ({ kind, name: pod.metadata?.name ?? '', uid: pod.metadata?.uid ?? '', detail: [pod.status?.phase, pod.spec?.nodeName && l10n.t('on {0}', pod.spec.nodeName)].filter(Boolean).join(' ') }));
      }
      case 'Secret': {
        const secrets = await scope.send(() => api.listNamespacedSecret({ namespace }, scope.options(metadataOnly)));
        return secrets.items.map((secret) => ({ kind, name: secret.metadata?.name ?? '', uid: secret.metadata?.uid ?? '', detail: secret.metadata?.annotations?.['kubernetes.io/service-account.name'] ? l10n.t('token of {0}', secret.metadata.annotations['kubernetes.io/service-account.name']) : '' }));
      }
      case 'Node': {
        const nodes = await scope.send(() => api.listNode({}, scope.options()));
        return nodes.items.map((node) => ({ kind, name: node.metadata?.name ?? '', uid: node.metadata?.uid ?? '', detail: node.status?.nodeInfo?.kubeletVersion ?? '' }));
      }
    }
  } catch (error) {
    const resource = { Pod: 'pods', Secret: 'secrets', Node: 'nodes' }[kind];
    throw scope.failure(error, { verb: 'list', resource, namespace: kind === 'Node' ? undefined : namespace });
  }
}
