import * as vscode from 'vscode';
import type { ClusterSession, IssuedToken } from '../../cluster';
import { CommandIds } from '../../commandIds';
import type { Node } from '../../explorer/treeNodes';
import type { ReadOnlyDocuments } from '../common/readOnlyDocuments';
import type { CommandRegistrar } from '../common/registerCommand';
import type { ClusterConnection } from '../explorer/clusterConnection';
import type { ClusterIssuers } from '../jwt/clusterIssuers';
import { tokenTargetOf } from '../jwt/tokenSource';
import { DecodedTokenView } from './decodedTokenView';
import { ExpiryReminders } from './expiryReminders';
import { handOffToken } from './handOffToken';
import type { IssuedTokens } from './issuedTokens';
import { RequestTokenCommand, type ServiceAccountRef } from './requestToken';
import { ReviewTokenCommand } from './reviewToken';
import { RevokeTokenCommand, type ServiceAccountView } from './revokeToken';

/** A ServiceAccount node of the tree, or a plain {namespace, name} from a keybinding or another extension. */
function serviceAccountOf(target: unknown): ServiceAccountRef | undefined {
  const node = target as Node | undefined;
  if (node?.kind === 'serviceAccount') {
    return { namespace: node.account.namespace, name: node.account.name };
  }
  const ref = target as Partial<ServiceAccountRef> | undefined;
  return typeof ref?.namespace === 'string' && typeof ref.name === 'string' ? { namespace: ref.namespace, name: ref.name } : undefined;
}

export interface TokenFeatures {
  readonly requestToken: RequestTokenCommand;
  readonly reviewToken: ReviewTokenCommand;
  readonly revokeToken: RevokeTokenCommand;
  readonly openDecoded: (token: string) => Promise<void>;
  /** The token an open decoded view shows. */
  readonly tokenOfView: (uri: vscode.Uri) => string | undefined;
  readonly disposables: vscode.Disposable[];
}

/** Request, review, hand on and revoke tokens, and the read-only decoded view. */
export function registerTokenFeatures(
  context: vscode.ExtensionContext,
  connection: ClusterConnection,
  issuedTokens: IssuedTokens,
  documents: ReadOnlyDocuments,
  register: CommandRegistrar,
  log: vscode.LogOutputChannel,
  issuers: ClusterIssuers,
  view: ServiceAccountView,
): TokenFeatures {
  // In Restricted Mode opening a view does not contact the cluster: only an issuer read before counts.
  const decodedTokens = new DecodedTokenView(documents, (token) => issuers.check(token, vscode.workspace.isTrusted).then((issued) => issued.kind === 'match'));
  const openDecoded = (token: string) => decodedTokens.show(token);
  const handOff = (session: ClusterSession, issued: IssuedToken) => handOffToken(session, issued, openDecoded, context.globalStorageUri);
  const requestToken = new RequestTokenCommand(connection, issuedTokens, context.globalState, handOff);
  const reviewToken = new ReviewTokenCommand(connection, documents);
  const revokeToken = new RevokeTokenCommand(connection, issuedTokens, view, documents, log);
  const reminders = new ExpiryReminders(issuedTokens, log);
  return {
    requestToken,
    reviewToken,
    revokeToken,
    openDecoded,
    tokenOfView: (uri) => decodedTokens.tokenOfView(uri),
    disposables: [
      decodedTokens,
      reminders,
      register(CommandIds.revealDecodedToken, (uri?: unknown) => decodedTokens.setRevealed(uri, true)),
      register(CommandIds.maskDecodedToken, (uri?: unknown) => decodedTokens.setRevealed(uri, false)),
      register(CommandIds.requestToken, (target?: unknown) => requestToken.run(serviceAccountOf(target))),
      register(CommandIds.reviewToken, (...args: unknown[]) => reviewToken.run(tokenTargetOf(args))),
      register(CommandIds.handOffIssuedToken, (node?: unknown) => handOff(connection.current(), issuedTokens.issued(node))),
      register(CommandIds.renewIssuedToken, (node?: unknown) => requestToken.renew(reminders.renewable(node))),
      register(CommandIds.revokeToken, (...args: unknown[]) => revokeToken.run(args)),
      register(CommandIds.reviewIssuedToken, (node?: unknown) => {
        const issued = issuedTokens.issued(node);
        // Its own audiences: reviewing it for the API server's audience would fail for any token asked for another.
        return reviewToken.run({ kind: 'given', token: issued.token }, issued.audiences);
      }),
    ],
  };
}
