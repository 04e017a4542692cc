import type { TokenFinding } from '../../../src/scan/types';

/** A ServiceAccount token finding as the scan reports one, at a fixed time. */
export const now = Date.UTC(2026, 10, 27, 12, 0, 0);
export const nowSeconds = now / 1000;

export function finding(overrides: Partial<TokenFinding> = {}): TokenFinding {
  return {
    file: '/work/repo/deploy/values.yaml',
    line: 4,
    character: 10,
    length: 900,
    kind: 'bound',
    namespace: 'demo',
    serviceAccount: 'vault-auth',
    serviceAccountUid: 'sa-uid',
    boundObject: { kind: 'Pod', name: 'web-0', uid: 'pod-uid' },
    issuer: 'https://kubernetes.default.svc.cluster.local',
    audiences: ['vault'],
    issuedAt: nowSeconds - 600,
    expiresAt: nowSeconds + 3 * 3600,
    fingerprint: '0123456789abcdef',
    ...overrides,
  };
}
