import * as vscode from 'vscode';
import { isClusterFailure, messageOf } from '../../errors';
import { decodeJwt } from '../../jwt/decode';
import { serviceAccountOf } from '../../jwt/kubernetes';
import type { ServiceAccountRef } from '../../rbac/permissions';
import type { ClusterConnection } from '../explorer/clusterConnection';

/** Whether the active context's cluster issued a token: only then are "its" permissions the token's. */
export type IssuedHere =
  | { readonly kind: 'match'; readonly account: ServiceAccountRef }
  /** Not a bound ServiceAccount token (legacy tokens name the fixed issuer kubernetes/serviceaccount, whichever cluster made them). */
  | { readonly kind: 'not-bound' }
  | { readonly kind: 'other-issuer'; readonly tokenIssuer: string; readonly clusterIssuer: string }
  | { readonly kind: 'issuer-unknown'; readonly why: string };

export type IssuerLookup = { readonly issuer: string } | { readonly why: string };

/**
 * The service-account issuer of each context, read once (one request) and kept until the kubeconfig,
 * the context or a connection setting changes. A refused read (people may not read the issuer's
 * discovery document by default) is kept too, so hovers do not ask again and again.
 */
export class ClusterIssuers implements vscode.Disposable {
  private readonly known = new Map<string, Promise<IssuerLookup>>();
  private readonly subscription: vscode.Disposable;

  constructor(private readonly connection: ClusterConnection) {
    this.subscription = connection.onDidChange(() => this.known.clear());
  }

  /**
   * Whether `token` is a bound ServiceAccount token whose `iss` is the active cluster's issuer. The
   * issuer is read from the cluster only when `fetch`; otherwise only an issuer read before counts.
   */
  async check(token: string, fetch: boolean): Promise<IssuedHere> {
    const decoded = decodeJwt(token);
    const account = decoded.form === 'jws' ? serviceAccountOf(decoded.payload) : undefined;
    if (decoded.form !== 'jws' || !account || account.legacy) {
      return { kind: 'not-bound' };
    }
    const lookup = await this.issuer(fetch);
    if ('why' in lookup) {
      return { kind: 'issuer-unknown', why: lookup.why };
    }
    const { iss } = decoded.payload;
    return iss === lookup.issuer
      ? { kind: 'match', account: { namespace: account.namespace, name: account.name } }
      : { kind: 'other-issuer', tokenIssuer: typeof iss === 'string' ? iss : JSON.stringify(iss) ?? '(none)', clusterIssuer: lookup.issuer };
  }

  /** The active cluster's service-account issuer, read from the cluster the first time; or why it is not known. */
  activeIssuer(): Promise<IssuerLookup> {
    return this.issuer(true);
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private issuer(fetch: boolean): Promise<IssuerLookup> {
    let session: ReturnType<ClusterConnection['current']>;
    try {
      session = this.connection.current();
    } catch (error) {
      return Promise.resolve({ why: messageOf(error) });
    }
    const key = `${session.context.name}\u0000${session.context.server}`;
    const known = this.known.get(key);
    if (known || !fetch) {
      return known ?? Promise.resolve({ why: vscode.l10n.t('The issuer of {0} has not been read yet: in Restricted Mode a hover does not contact the cluster.', session.context.name) });
    }
    // The connection logs why a read failed. A refusal is kept (asking again changes nothing); a timeout or a network failure is not.
    const lookup: Promise<IssuerLookup> = this.connection.call((active) => active.issuer(), session).then(
      (issuer): IssuerLookup => ({ issuer }),
      (error: unknown): IssuerLookup => {
        if (!isClusterFailure(error) || error.kind !== 'forbidden') {
          this.known.delete(key);
        }
        return { why: messageOf(error) };
      },
    );
    this.known.set(key, lookup);
    return lookup;
  }
}
