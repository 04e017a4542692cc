import * as vscode from 'vscode';
import type { ServiceAccountRef } from '../../rbac/permissions';
import { visibleText } from '../../text/visibleText';
import { readOnlyScheme } from '../common/readOnlyDocuments';
import type { ClusterIssuers } from './clusterIssuers';
import { chooseToken, CommandArgumentError, tokenTargetOf } from './tokenSource';

/** What Show Permissions needs from the rest of the extension. */
export interface TokenPermissionsDeps {
  readonly issuers: ClusterIssuers;
  /** The token a decoded view shows, while it is open. */
  readonly tokenOfView: (uri: vscode.Uri) => string | undefined;
  readonly showPermissions: (account: ServiceAccountRef) => Promise<unknown>;
}

/** A decoded view's title bar passes its URI; a hover's link, the token's place; the palette, nothing. */
async function tokenOf(args: readonly unknown[], tokenOfView: TokenPermissionsDeps['tokenOfView']): Promise<string | undefined> {
  const [first] = args;
  if (first instanceof vscode.Uri && first.scheme === readOnlyScheme) {
    const token = tokenOfView(first);
    if (!token) {
      throw new CommandArgumentError(vscode.l10n.t('That decoded view is closed or shows no token. Open the token again.'));
    }
    return token;
  }
  return (await chooseToken(tokenTargetOf(args), vscode.l10n.t('Show Permissions'), vscode.l10n.t('The ServiceAccount token whose permissions to show (it stays on this machine)')))?.token;
}

/**
 * "Show Permissions" of the ServiceAccount a token acts as, only when the active context's cluster
 * issued it (its `iss`): a token of another cluster names a ServiceAccount that is not this one's.
 */
export async function showTokenPermissions(args: readonly unknown[], deps: TokenPermissionsDeps): Promise<void> {
  const token = await tokenOf(args, deps.tokenOfView);
  if (!token) {
    return;
  }
  const issued = await deps.issuers.check(token, true);
  switch (issued.kind) {
    case 'match':
      await deps.showPermissions(issued.account);
      return;
    case 'not-bound':
      throw new Error(vscode.l10n.t('Show Permissions needs a ServiceAccount token from TokenRequest (with a kubernetes.io claim); this token is not one.'));
    case 'other-issuer':
      throw new Error(
        vscode.l10n.t('This token was issued by {0}, not by the active context\'s cluster ({1}): its ServiceAccount is that cluster\'s. Switch to a context of the cluster that issued it.', visibleText(issued.tokenIssuer, 200), visibleText(issued.clusterIssuer, 200)),
      );
    case 'issuer-unknown':
      throw new Error(vscode.l10n.t('Cannot tell whether the active context\'s cluster issued this token: {0}', issued.why));
  }
}
