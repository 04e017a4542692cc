import * as vscode from 'vscode';
import type { TokenRequestInput } from '../../cluster';
import { CommandIds } from '../../commandIds';
import { lensText, type ClusterProblem, type TokenManifest } from '../../manifests';
import type { ManifestAnalyses } from './manifestAnalyses';
import { guarded } from '../common/guarded';
import type { ClusterConnection } from '../explorer/clusterConnection';
import { CommandArgumentError } from '../jwt/tokenSource';
import { confirmSendFromUntrustedWorkspace, type ClusterTarget } from '../common/workspaceTrust';

/** What a "Request token" lens sends: the manifest as the person wrote it, checked to have no errors. */
export function requestInputOf(manifest: TokenManifest, contextNamespace: string | undefined): TokenRequestInput {
  const namespace = manifest.namespace ?? contextNamespace ?? 'default';
  if (!manifest.name) {
    throw new Error(vscode.l10n.t('Set metadata.name to the ServiceAccount the token is for.'));
  }
  const bound = manifest.boundObjectRef;
  return {
    namespace,
    serviceAccount: manifest.name,
    audiences: manifest.audiences,
    expirationSeconds: manifest.expirationSeconds,
    boundObject: bound?.name ? { kind: bound.kind as 'Pod' | 'Secret' | 'Node', name: bound.name, uid: bound.uid } : undefined,
  };
}

/**
 * "Request token" above each TokenRequest and "Review token" above each TokenReview. A lens that
 * cannot run says so in a few words (the document's errors, or the cluster's problem), and why in its tooltip.
 */
export class ManifestCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly analyses: ManifestAnalyses,
    private readonly connection: Pick<ClusterConnection, 'status' | 'onDidChangeStatus'>,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [connection.onDidChangeStatus(() => this.changed.fire()), analyses.onDidChange(() => this.changed.fire())];
  }

  /** Why nothing can be sent now: no context, or a cluster that cannot be reached. */
  private clusterProblem(): ClusterProblem | undefined {
    const status = this.connection.status;
    return status.state === 'no-session' || status.state === 'unreachable' ? { state: status.state, message: status.problem.message } : undefined;
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    return guarded(this.log, 'Manifest lenses', () => this.lenses(document), []);
  }

  private lenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const clusterProblem = this.clusterProblem();
    return (this.analyses.analysisOf(document)?.manifests ?? []).map((manifest) => {
      const range = new vscode.Range(document.positionAt(manifest.start), document.positionAt(manifest.start));
      const { title, tooltip, blocked } = lensText(manifest, clusterProblem);
      return new vscode.CodeLens(range, blocked ? { title, tooltip, command: '' } : { title, tooltip, command: CommandIds.sendManifest, arguments: [document.uri.toString(), manifest.start] });
    });
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
    this.changed.dispose();
  }
}

export interface ManifestActions {
  request(input: TokenRequestInput): Promise<unknown>;
  review(token: string, audiences: readonly string[]): Promise<unknown>;
  /** The active context: where the manifest would go. */
  cluster(): ClusterTarget & { readonly namespace?: string };
}

/**
 * Runs the manifest at `start` as it is now (the document may have changed since the lens was
 * drawn). Only a lens's own arguments are taken: an open document and an offset in it.
 */
export async function sendManifest(uri: unknown, start: unknown, analyses: ManifestAnalyses, actions: ManifestActions): Promise<unknown> {
  const document = vscode.workspace.textDocuments.find((candidate) => candidate.uri.toString() === uri);
  if (!document || !Number.isSafeInteger(start)) {
    throw new CommandArgumentError(vscode.l10n.t('Send Manifest runs from the lens above a TokenRequest or TokenReview in an open YAML file. Open the file and use its lens.'));
  }
  // What is sent is what was validated: the same analysis, of the document as it is now.
  const manifest = analyses.analysisOf(document)?.manifests.find((candidate) => candidate.start === start);
  if (!manifest) {
    throw new Error(vscode.l10n.t('The manifest changed since the lens was shown. Use the lens above it again.'));
  }
  if (manifest.errors.length > 0) {
    throw new Error(vscode.l10n.t('Fix the manifest first: {0}', manifest.errors[0].message));
  }
  const cluster = actions.cluster();
  if (!(await confirmSendFromUntrustedWorkspace(manifest.kind, document.uri, cluster))) {
    return undefined;
  }
  if (manifest.kind === 'TokenReview') {
    return actions.review(manifest.token ?? '', manifest.audiences);
  }
  return actions.request(requestInputOf(manifest, cluster.namespace));
}
