import * as l10n from './text/l10n';
import * as vscode from 'vscode';
import { displayName } from './displayName';
import type { TokenReviewOutcome } from './cluster';
import type { Verification } from './jwt/verify';
import { ReadOnlyDocuments } from './features/common/readOnlyDocuments';
import { commandRegistrar } from './features/common/registerCommand';
import { ClusterConnection } from './features/explorer/clusterConnection';
import { registerExplorer } from './features/explorer/registerExplorer';
import type { ServiceAccountTree } from './features/explorer/serviceAccountTree';
import { registerCanI } from './features/canI/registerCanI';
import { ClusterIssuers } from './features/jwt/clusterIssuers';
import { registerJwtFeatures } from './features/jwt/registerJwt';
import { tokenTargetOf, type TokenLocation } from './features/jwt/tokenSource';
import type { VerifyCommandOptions } from './features/jwt/verifyJwtCommand';
import { registerManifestFeatures } from './features/manifests/registerManifests';
import { registerScan } from './features/scan/registerScan';
import type { CheckOutcome } from './features/scan/checkWithCluster';
import type { ScanNode } from './features/scan/tokensInWorkspaceTree';
import type { ScanSummary } from './scan/types';
import { IssuedTokens } from './features/tokens/issuedTokens';
import { registerTokenFeatures } from './features/tokens/registerTokens';
import { registerKubernetesExtension } from './features/kubernetesExtension/registerKubernetesExtension';
import type { RevocationOutcome } from './features/tokens/revokeToken';
import type { RouteKind } from './tokens/revocation';
import { WalkthroughProgress } from './features/walkthrough/walkthroughSteps';

/**
 * What activate() returns, for extensions that build on this one and for tests: the explorer, and
 * the token operations with their inputs given in code (commands take them only from the editor).
 */
export interface ExtensionApi {
  /** The view's tree, and why it shows none (the welcome view's problem). */
  readonly serviceAccounts: Pick<ServiceAccountTree, 'getChildren' | 'getTreeItem' | 'problem'>;
  /** The Tokens in Workspace view's tree. */
  readonly tokensInWorkspace: Pick<vscode.TreeDataProvider<ScanNode>, 'getChildren' | 'getTreeItem'>;
  /** Scans the workspace as the command does, without the notification; `signal` stops it as its Cancel does. */
  scanWorkspace(signal?: AbortSignal): Promise<ScanSummary | undefined>;
  /**
   * Check with Cluster on a row of the view (or all of it), as the command does but without its
   * modal (the caller asked by calling); refused in Restricted Mode all the same. What it came to.
   */
  checkTokensWithCluster(node?: ScanNode): Promise<CheckOutcome | undefined>;
  /** Fires with each error message a command shows the person. */
  readonly onDidReportError: vscode.Event<string>;
  /** The extension's log file (the "Kubernetes SA Tokens" output channel). */
  readonly logFile: vscode.Uri;
  reviewToken(token: string, audiences: readonly string[]): Promise<TokenReviewOutcome | undefined>;
  verifyToken(token: string | TokenLocation, options: VerifyCommandOptions): Promise<Verification | undefined>;
  /**
   * For programmatic callers: takes a ServiceAccount token back on the active cluster by one of the
   * routes that apply to it, with no quick pick and no confirmation, and checks with TokenReview that
   * it stopped authenticating. A route that does not apply is refused before anything is deleted.
   */
  revokeToken(token: string, route: RouteKind): Promise<RevocationOutcome>;
}

/** Composition root: builds the shared services and each feature, and hands every disposable to VS Code. */
export function activate(context: vscode.ExtensionContext): ExtensionApi {
  // The pure core translates with src/text/l10n (it cannot import vscode): give it the bundle VS Code loaded for the display language.
  if (vscode.l10n.bundle) {
    l10n.configureLocalisation({ contents: vscode.l10n.bundle });
  }
  const log = vscode.window.createOutputChannel(displayName, { log: true });
  const reportedErrors = new vscode.EventEmitter<string>();
  const register = commandRegistrar(log, reportedErrors);
  const connection = new ClusterConnection(context.extensionPath, log);
  const walkthrough = new WalkthroughProgress();
  const issuedTokens = new IssuedTokens(context.secrets, log, walkthrough);
  const documents = new ReadOnlyDocuments(log);
  const explorer = registerExplorer(connection, issuedTokens, documents, log, register, walkthrough);
  const issuers = new ClusterIssuers(connection);
  const tokens = registerTokenFeatures(context, connection, issuedTokens, documents, register, log, issuers, explorer.tree);
  const scan = registerScan(connection, issuers, log, register);
  const jwt = registerJwtFeatures(connection, tokens.openDecoded, documents, log, register, {
    issuers,
    tokenOfView: tokens.tokenOfView,
    showPermissions: (account) => explorer.permissions.showPermissions(account),
  }, walkthrough);
  context.subscriptions.push(
    log,
    reportedErrors,
    connection,
    issuedTokens,
    documents,
    issuers,
    ...explorer.disposables,
    ...tokens.disposables,
    ...jwt.disposables,
    ...scan.disposables,
    ...registerCanI(connection, explorer.tree, documents, log, register),
    ...registerManifestFeatures(context.extensionPath, connection, tokens, log, register, walkthrough),
    ...registerKubernetesExtension(connection, tokens.requestToken, explorer.permissions, register, log),
  );
  return {
    serviceAccounts: explorer.tree,
    tokensInWorkspace: scan.tree,
    scanWorkspace: (signal) => scan.scanCommand.scan(signal),
    checkTokensWithCluster: (node) => scan.checkCommand.run(node, true),
    onDidReportError: reportedErrors.event,
    logFile: vscode.Uri.joinPath(context.logUri, `${displayName}.log`),
    reviewToken: (token, audiences) => tokens.reviewToken.run({ kind: 'given', token }, audiences),
    verifyToken: (token, options) => jwt.verifyJwt.run(typeof token === 'string' ? { kind: 'given', token } : tokenTargetOf([token]), options),
    revokeToken: (token, route) => tokens.revokeToken.revoke(token, route),
  };
}

export function deactivate(): void {}
