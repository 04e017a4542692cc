import type { IssuedToken } from '../cluster/types';
import { expiryPhrase } from '../jwt/time';
import * as l10n from '../text/l10n';

/** Ways to hand an issued token to the person, all built from data the person asked for. */

/** An HTTP Authorization header line. */
export function authorizationHeader(token: string): string {
  return `Authorization: Bearer ${token}`;
}

/** Quotes a value for a POSIX shell: single quotes, with embedded ones closed and escaped. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The environment variable the terminal hand-off sets and the curl command reads. */
export const tokenVariable = 'KUBE_SA_TOKEN';

/**
 * `export KUBE_SA_TOKEN='…'`, as people write `export TOKEN=$(kubectl create token …)`. The
 * leading space keeps the line out of the history of bash (HISTCONTROL=ignorespace or ignoreboth)
 * and zsh (setopt HIST_IGNORE_SPACE); a shell without such a setting keeps it.
 */
export function exportCommand(token: string): string {
  return ` export ${tokenVariable}=${shellQuote(token)}`;
}

/**
 * A ready curl command that asks the API server who the token is (SelfSubjectReview), so the
 * person can try the token at once. The token is read from $KUBE_SA_TOKEN and handed to curl on
 * its standard input (`-H @-`, printf being a shell builtin), so it never appears in a command
 * line that `ps` shows, nor in shell history. `--cacert` when the CA is in a file.
 */
export function curlCommand(server: string, caFile?: string): string {
  const url = `${server.replace(/\/+$/, '')}/apis/authentication.k8s.io/v1/selfsubjectreviews`;
  const tls = caFile ? ` --cacert ${shellQuote(caFile)}` : '';
  return [
    `printf 'Authorization: Bearer %s\\n' "$${tokenVariable}" |`,
    `  curl -sS${tls} -X POST ${shellQuote(url)}`,
    `  -H @- -H 'Content-Type: application/json'`,
    `  -d '{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}'`,
  ].join(' \\\n');
}

/** Splits what a person typed into audiences: commas or whitespace separate them; duplicates collapse. */
export function parseAudiences(input: string): string[] {
  return [...new Set(input.split(/[\s,]+/).filter((audience) => audience.length > 0))];
}

/** What the token is for and until when, from the JWT's own claims: the tree's label under its ServiceAccount. */
export function describeIssuedFor(issued: IssuedToken, now: number = Date.now()): string {
  const audiences = issued.audiences.length > 0 ? issued.audiences.join(', ') : l10n.t('API server');
  const expiry = expiryPhrase(issued.expiresAt.getTime() / 1000, now / 1000);
  return issued.boundObject ? l10n.t('for {0}, bound to {1} {2}, {3}', audiences, issued.boundObject.kind, issued.boundObject.name, expiry) : l10n.t('for {0}, {1}', audiences, expiry);
}

/** One line that says whose token it is (a label, as the tree shows it above), what for and until when. */
export function describeIssued(issued: IssuedToken, now: number = Date.now()): string {
  return `${issued.namespace}/${issued.serviceAccount} ${describeIssuedFor(issued, now)}`;
}
