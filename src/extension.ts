import * as vscode from 'vscode';
import { CommandIds } from './commandIds';
import { ClusterConnection } from './features/clusterConnection';
import { ContextIndicator } from './features/contextStatusBar';
import { DecodedTokenView, decodedTokenScheme } from './features/decodedTokenView';
import { IssuedTokens } from './features/issuedTokens';
import { JwtHover } from './features/jwtHover';
import { PlaintextTokens } from './features/plaintextTokens';
import { RequestTokenCommand, type ServiceAccountRef } from './features/requestToken';
import { ReviewTokenCommand } from './features/reviewToken';
import { ServiceAccountTree, serviceAccountsViewId, type Node } from './features/serviceAccountTree';
import { switchContext } from './features/switchContext';
import { filterTree } from './features/treeFilter';
import { handOffToken } from './features/tokenHandoff';
import { chooseToken } from './features/tokenSource';
import { VerifyJwtCommand, type VerifyOptions } from './features/verifyToken';
import { decodeJwt } from './jwt/decode';
import { IssuerKeyCache } from './jwt/keyCache';
import { decodedDocument } from './tokens/decodedDocument';
import { registerCommand } from './vscodeUtil';

/** A tree node or a plain {namespace, name}: commands accept both. */
function serviceAccountOf(target: Node | ServiceAccountRef | undefined): ServiceAccountRef | undefined {
  if (target && 'kind' in target) {
    return target.kind === 'serviceAccount' ? { namespace: target.account.namespace, name: target.account.name } : undefined;
  }
  return target;
}

/** What activate() returns: read access to the explorer, for extensions that build on this one and for tests. */
export interface ExtensionApi {
  readonly serviceAccounts: Pick<ServiceAccountTree, 'getChildren'>;
}

/** Composition root: builds each feature, wires it to the editor, and hands every disposable to VS Code. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const connection = new ClusterConnection(context.extensionPath);
  const issuedTokens = new IssuedTokens(context.secrets);
  const tree = new ServiceAccountTree(connection, issuedTokens);
  const treeView = vscode.window.createTreeView(serviceAccountsViewId, { treeDataProvider: tree, showCollapseAll: true });
  const decodedTokens = new DecodedTokenView(decodedDocument);
  const openDecoded = (token: string) => decodedTokens.open(token);
  const requestToken = new RequestTokenCommand(connection, issuedTokens, context.globalState, openDecoded);
  const reviewToken = new ReviewTokenCommand(connection);
  const plaintextTokens = new PlaintextTokens();
  const verifyJwt = new VerifyJwtCommand(connection, new IssuerKeyCache());
  const contextIndicator = new ContextIndicator(treeView, tree);
  void issuedTokens.restore();

  context.subscriptions.push(
    connection,
    issuedTokens,
    tree,
    treeView,
    contextIndicator,
    decodedTokens,
    vscode.workspace.registerTextDocumentContentProvider(decodedTokenScheme, decodedTokens),
    vscode.workspace.onDidCloseTextDocument((document) => decodedTokens.forget(document.uri)),
    registerCommand(CommandIds.revealDecodedToken, () => {
      const uri = vscode.window.activeTextEditor?.document.uri;
      if (uri?.scheme === decodedTokenScheme) {
        decodedTokens.reveal(uri);
      }
    }),
    registerCommand(CommandIds.refresh, () => connection.reset()),
    registerCommand(CommandIds.switchContext, () => switchContext(connection)),
    registerCommand(CommandIds.filter, () => filterTree(tree)),
    registerCommand(CommandIds.clearFilter, () => tree.setFilter('')),
    registerCommand(CommandIds.requestToken, (target?: Node | ServiceAccountRef) => requestToken.run(serviceAccountOf(target))),
    registerCommand(CommandIds.reviewToken, (given?: unknown, audiences?: string[]) => reviewToken.run(given, audiences)),
    registerCommand(CommandIds.handOffIssuedToken, (node: Node) => node.kind === 'issuedToken' && handOffToken(connection.current(), node.issued, openDecoded)),
    registerCommand(CommandIds.decodeJwt, async (given?: unknown) => {
      const token = await chooseToken(given, 'Decode JWT', 'The token to decode (it stays on this machine)');
      return token && openDecoded(token);
    }),
    registerCommand(CommandIds.verifyJwt, (given?: unknown, options?: VerifyOptions) => verifyJwt.run(given, options)),
    registerCommand(CommandIds.copyJwtClaims, async (given?: unknown) => {
      const token = await chooseToken(given, 'Copy JWT Claims', 'The token whose claims to copy');
      const decoded = token ? decodeJwt(token) : undefined;
      if (decoded?.form === 'jws') {
        await vscode.env.clipboard.writeText(JSON.stringify(decoded.payload, null, 2));
        void vscode.window.setStatusBarMessage('JWT claims copied as JSON', 3000);
      }
    }),
    vscode.languages.registerHoverProvider('*', new JwtHover()),
    plaintextTokens,
    vscode.languages.registerInlayHintsProvider('*', plaintextTokens),
    registerCommand(CommandIds.reviewIssuedToken, (node: Node) => node.kind === 'issuedToken' && reviewToken.run(node.issued.token)),
  );
  return { serviceAccounts: tree };
}

export function deactivate(): void {}
