/**
 * Error kinds shared by the activation bundle and the lazily loaded cluster bundle. Each bundle
 * has its own copy of any class, so `instanceof` cannot be trusted across them: errors are told
 * apart by their declared `name` and `kind`, through the guards here, never by their message.
 */

export const clusterErrorKinds = [
  'unauthorized',
  'forbidden',
  'not-found',
  'conflict',
  'invalid',
  'throttled',
  'server',
  'network',
  'tls',
  'timeout',
  'cancelled',
  'config',
  'unknown',
] as const;

export type ClusterErrorKind = (typeof clusterErrorKinds)[number];

/**
 * What a server's refusal (its Status) names: the object (`objectKind` is details.kind, a resource
 * such as `serviceaccounts` or a kind such as `Pod`) and the fields its causes blame (`spec.boundObjectRef.name`).
 */
export interface ServerRefusal {
  readonly objectKind?: string;
  readonly name?: string;
  readonly causes: readonly { readonly field?: string; readonly message?: string }[];
}

/** What a failed cluster call throws: one sentence for the person, and a kind for the code. */
export interface ClusterFailure extends Error {
  readonly name: 'ClusterError';
  readonly kind: ClusterErrorKind;
  readonly statusCode?: number;
  /** Set when the server refused the request and said what about (403, 404, 409, 400, 422). */
  readonly refusal?: ServerRefusal;
}

export function isClusterFailure(error: unknown): error is ClusterFailure {
  const candidate = error as Partial<ClusterFailure> | undefined;
  return error instanceof Error && candidate?.name === 'ClusterError' && (clusterErrorKinds as readonly unknown[]).includes(candidate.kind);
}

/** The person cancelled what was waiting: nothing to report. */
export function isCancellation(error: unknown): boolean {
  return isClusterFailure(error) && error.kind === 'cancelled';
}

/** The sentence an error carries, for a message or a log line. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
