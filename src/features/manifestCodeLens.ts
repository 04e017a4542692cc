import * as vscode from 'vscode';
import type { TokenRequestInput } from '../cluster';
import { CommandIds } from '../commandIds';
import { tokenManifests, type TokenManifest } from '../manifests';

/** What a "Request token" lens sends: the manifest as the person wrote it, checked to have no errors. */
export function requestInputOf(manifest: TokenManifest, contextNamespace: string | undefined): TokenRequestInput {
  const namespace = manifest.namespace ?? contextNamespace ?? 'default';
  if (!manifest.name) {
    throw new Error('Set metadata.name to the ServiceAccount the token is for.');
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
 * "Request token" above each TokenRequest and "Review token" above each TokenReview. A lens says
 * why it cannot run (the document's first error, or the cluster's problem) instead of running.
 */
export class ManifestCodeLens implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private clusterProblem: string | undefined;

  /** Called with the tree's latest problem (unreachable, no kubeconfig…), or undefined once the cluster answers. */
  setClusterProblem(message: string | undefined): void {
    if (message !== this.clusterProblem) {
      this.clusterProblem = message;
      this.changed.fire();
    }
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    return tokenManifests(document.getText()).map((manifest) => {
      const range = new vscode.Range(document.positionAt(manifest.start), document.positionAt(manifest.start));
      const action = manifest.kind === 'TokenRequest' ? 'Request token' : 'Review token';
      const blocked = manifest.errors[0]?.message ?? (this.clusterProblem && `no cluster: ${this.clusterProblem}`);
      if (blocked) {
        return new vscode.CodeLens(range, { title: `${action} (blocked: ${blocked})`, command: '', tooltip: blocked });
      }
      const title = manifest.kind === 'TokenRequest' ? `${action} for ${manifest.namespace ?? '(context namespace)'}/${manifest.name ?? '?'}` : `${action} with the cluster`;
      return new vscode.CodeLens(range, {
        title,
        command: CommandIds.sendManifest,
        arguments: [document.uri.toString(), manifest.start],
      });
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}

/** Runs the manifest at `start` as it is now (the document may have changed since the lens was drawn). */
export async function sendManifest(
  uri: string,
  start: number,
  actions: { request(input: TokenRequestInput): Promise<unknown>; review(token: string, audiences: readonly string[]): Promise<unknown>; contextNamespace(): string | undefined },
): Promise<unknown> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const manifest = tokenManifests(document.getText()).find((candidate) => candidate.start === start);
  if (!manifest) {
    throw new Error('The manifest changed since the lens was shown. Use the lens above it again.');
  }
  if (manifest.errors.length > 0) {
    throw new Error(`Fix the manifest first: ${manifest.errors[0].message}`);
  }
  if (manifest.kind === 'TokenReview') {
    return actions.review(manifest.token ?? '', manifest.audiences);
  }
  return actions.request(requestInputOf(manifest, actions.contextNamespace()));
}
