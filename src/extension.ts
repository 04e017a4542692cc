import * as vscode from 'vscode';
import { CommandIds } from './commandIds';
import { ClusterConnection } from './features/clusterConnection';
import { ContextIndicator } from './features/contextStatusBar';
import { DecodedTokenView, decodedTokenScheme } from './features/decodedTokenView';
import { IssuedTokens } from './features/issuedTokens';
import { copyJwtClaims, decodeJwtCommand } from './features/jwtCommands';
import { JwtHover } from './features/jwtHover';
import { ManifestAssist } from './features/manifestAssist';
import { ManifestCodeLens, sendManifest } from './features/manifestCodeLens';
import { ManifestDiagnostics } from './features/manifestDiagnostics';
import { contributeSchemasToYamlExtension } from './features/yamlSchemas';
import { PlaintextTokens } from './features/plaintextTokens';
import { RequestTokenCommand, type ServiceAccountRef } from './features/requestToken';
import { ReviewTokenCommand } from './features/reviewToken';
import { ServiceAccountTree, serviceAccountsViewId, type Node } from './features/serviceAccountTree';
import { switchContext } from './features/switchContext';
import { filterTree } from './features/treeFilter';
import { handOffToken } from './features/tokenHandoff';
import { VerifyJwtCommand, type VerifyOptions } from './features/verifyToken';
import { tokenTargetOf, type TokenLocation } from './features/tokenSource';
import type { ClusterSession, IssuedToken, TokenReviewOutcome } from './cluster';
import type { Verification } from './jwt/verify';
import { IssuerKeyCache } from './jwt/keyCache';
import { decodedDocument } from './tokens/decodedDocument';
import { registerCommand as registerReportingCommand } from './vscodeUtil';

/** A tree node or a plain {namespace, name}: commands accept both. */
function serviceAccountOf(target: Node | ServiceAccountRef | undefined): ServiceAccountRef | undefined {
  if (target && 'kind' in target) {
    return target.kind === 'serviceAccount' ? { namespace: target.account.namespace, name: target.account.name } : undefined;
  }
  return target;
}

/**
 * What activate() returns, for extensions that build on this one and for tests: the explorer, and
 * the token operations with their inputs given in code (commands take them only from the editor).
 */
export interface ExtensionApi {
  readonly serviceAccounts: Pick<ServiceAccountTree, 'getChildren'>;
  /** Fires with each error message a command shows the person. */
  readonly onDidReportError: vscode.Event<string>;
  reviewToken(token: string, audiences: readonly string[]): Promise<TokenReviewOutcome | undefined>;
  verifyToken(token: string | TokenLocation, options: VerifyOptions): Promise<Verification | undefined>;
}

/** Composition root: builds each feature, wires it to the editor, and hands every disposable to VS Code. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const log = vscode.window.createOutputChannel('Kubernetes SA Tokens', { log: true });
  const reportedErrors = new vscode.EventEmitter<string>();
  const registerCommand = <Args extends unknown[]>(id: string, handler: (...args: Args) => unknown) => registerReportingCommand(id, handler, log, reportedErrors);
  const connection = new ClusterConnection(context.extensionPath);
  const issuedTokens = new IssuedTokens(context.secrets);
  const tree = new ServiceAccountTree(connection, issuedTokens);
  const treeView = vscode.window.createTreeView(serviceAccountsViewId, { treeDataProvider: tree, showCollapseAll: true });
  const decodedTokens = new DecodedTokenView(decodedDocument, log);
  const openDecoded = (token: string) => decodedTokens.open(token);
  const handOff = (session: ClusterSession, issued: IssuedToken) => handOffToken(session, issued, openDecoded, context.globalStorageUri);
  const requestToken = new RequestTokenCommand(connection, issuedTokens, context.globalState, handOff);
  const reviewToken = new ReviewTokenCommand(connection);
  const plaintextTokens = new PlaintextTokens(log);
  const manifestDiagnostics = new ManifestDiagnostics(log);
  const manifestLenses = new ManifestCodeLens(log);
  const manifestAssist = new ManifestAssist(log);
  const yamlFiles: vscode.DocumentSelector = { language: 'yaml' };
  const verifyJwt = new VerifyJwtCommand(connection, new IssuerKeyCache());
  const contextIndicator = new ContextIndicator(treeView, tree);
  issuedTokens.restore().catch((error: unknown) => log.error('Restoring remembered tokens failed:', error instanceof Error ? error : String(error)));
  contributeSchemasToYamlExtension(context.extensionPath).catch((error: unknown) => {
    void vscode.window.showWarningMessage(`Could not offer the TokenRequest/TokenReview schemas to the YAML extension: ${error instanceof Error ? error.message : String(error)}`);
  });

  context.subscriptions.push(
    log,
    reportedErrors,
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
    registerCommand(CommandIds.reviewToken, (...args: unknown[]) => reviewToken.run(tokenTargetOf(args))),
    registerCommand(CommandIds.handOffIssuedToken, (node?: Node) => handOff(connection.current(), issuedTokens.issued(node))),
    registerCommand(CommandIds.decodeJwt, (...args: unknown[]) => decodeJwtCommand(tokenTargetOf(args), openDecoded)),
    registerCommand(CommandIds.verifyJwt, (...args: unknown[]) => verifyJwt.run(tokenTargetOf(args))),
    registerCommand(CommandIds.copyJwtClaims, (...args: unknown[]) => copyJwtClaims(tokenTargetOf(args))),
    vscode.languages.registerHoverProvider('*', new JwtHover(log)),
    plaintextTokens,
    vscode.languages.registerInlayHintsProvider('*', plaintextTokens),
    manifestDiagnostics,
    manifestLenses,
    tree.onDidChangeProblem((message) => manifestLenses.setClusterProblem(message)),
    // A new kubeconfig or context may reach a cluster: lenses wait for the tree's next answer.
    connection.onDidChange(() => manifestLenses.setClusterProblem(undefined)),
    vscode.languages.registerCodeActionsProvider(yamlFiles, manifestDiagnostics, { providedCodeActionKinds: ManifestDiagnostics.providedCodeActionKinds }),
    vscode.languages.registerCompletionItemProvider(yamlFiles, manifestAssist),
    vscode.languages.registerHoverProvider(yamlFiles, manifestAssist),
    vscode.languages.registerCodeLensProvider(yamlFiles, manifestLenses),
    registerCommand(CommandIds.sendManifest, (uri: unknown, start: unknown) =>
      sendManifest(uri, start, {
        request: (input) => requestToken.issue(input),
        review: (token, audiences) => reviewToken.run({ kind: 'given', token }, audiences),
        cluster: () => connection.current().context,
      }),
    ),
    registerCommand(CommandIds.reviewIssuedToken, (node?: Node) => reviewToken.run({ kind: 'given', token: issuedTokens.issued(node).token })),
  );
  return {
    serviceAccounts: tree,
    onDidReportError: reportedErrors.event,
    reviewToken: (token, audiences) => reviewToken.run({ kind: 'given', token }, audiences),
    verifyToken: (token, options) => verifyJwt.run(typeof token === 'string' ? { kind: 'given', token } : tokenTargetOf([token]), options),
  };
}

export function deactivate(): void {}
