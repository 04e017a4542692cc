import type { IssuedToken } from '../cluster/types';
import { formatSeconds } from './duration';

/** Ways to hand an issued token to the person, all built from data the person asked for. */

/** An HTTP Authorization header line. */
export function authorizationHeader(token: string): string {
  return `Authorization: Bearer ${token}`;
}

/** Quotes a value for a POSIX shell: single quotes, with embedded ones closed and escaped. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * A ready curl command that asks the API server who the token is (SelfSubjectReview), so the
 * person can try the token at once. `--cacert` only when the CA is in a file the person has.
 */
export function curlCommand(server: string, token: string, caFile?: string): string {
  const url = `${server.replace(/\/+$/, '')}/apis/authentication.k8s.io/v1/selfsubjectreviews`;
  const tls = caFile ? ` --cacert ${shellQuote(caFile)}` : '';
  return [
    `curl -sS${tls} -X POST ${shellQuote(url)}`,
    `  -H ${shellQuote(authorizationHeader(token))}`,
    `  -H 'Content-Type: application/json'`,
    `  -d '{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}'`,
  ].join(' \\\n');
}

/** Splits what a person typed into audiences: commas or whitespace separate them; duplicates collapse. */
export function parseAudiences(input: string): string[] {
  return [...new Set(input.split(/[\s,]+/).filter((audience) => audience.length > 0))];
}

/** One line that says what the token is and until when, from the JWT's own claims. */
export function describeIssued(issued: IssuedToken, now: number = Date.now()): string {
  const left = issued.expiresAt.getTime() - now;
  const audiences = issued.audiences.length > 0 ? issued.audiences.join(', ') : 'API server';
  const bound = issued.boundObject ? `, bound to ${issued.boundObject.kind} ${issued.boundObject.name}` : '';
  return `${issued.namespace}/${issued.serviceAccount} for ${audiences}${bound}, ${left > 0 ? `expires in ${formatSeconds(left / 1000)}` : 'expired'}`;
}
