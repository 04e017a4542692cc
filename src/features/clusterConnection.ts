import * as path from 'node:path';
import * as vscode from 'vscode';
import type * as clusterModule from '../cluster';
import type { ClusterSession, SessionOptions } from '../cluster';

type ClusterModule = typeof clusterModule;

const settingsSection = 'kubeSaTokens';

/**
 * The editor's handle on the active kubeconfig context. The Kubernetes client bundle is
 * required on first use, never at activation, so opening a file costs no client start-up.
 */
export class ClusterConnection implements vscode.Disposable {
  private module: ClusterModule | undefined;
  private session: ClusterSession | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the kubeconfig, the chosen context or a connection setting changes. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [this.changed];

  constructor(private readonly extensionPath: string) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${settingsSection}.kubeconfigPath`) || event.affectsConfiguration(`${settingsSection}.requestTimeoutSeconds`)) {
          this.reset();
        }
      }),
    );
  }

  /** The session for the current context; throws a ClusterError with a next step when there is none. */
  current(): ClusterSession {
    if (!this.session) {
      this.session = this.load().ClusterSession.open(this.sessionOptions());
    }
    return this.session;
  }

  reset(): void {
    this.session = undefined;
    this.changed.fire();
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  private load(): ClusterModule {
    // A path the bundler cannot see, so dist/cluster.js stays a separate, lazily loaded file.
    this.module ??= require(path.join(this.extensionPath, 'dist', 'cluster.js')) as ClusterModule;
    return this.module;
  }

  private sessionOptions(): SessionOptions {
    const settings = vscode.workspace.getConfiguration(settingsSection);
    // Machine-scoped: only the user's own settings count, never a workspace's (its exec plugins would run commands).
    const kubeconfigPath = settings.inspect<string>('kubeconfigPath')?.globalValue?.trim();
    const timeoutSeconds = settings.get<number>('requestTimeoutSeconds', 30);
    return { kubeconfigPath: kubeconfigPath || undefined, timeoutMs: Math.max(1, timeoutSeconds) * 1000 };
  }
}
