import * as path from 'node:path';
import * as vscode from 'vscode';
import { affectsSettings, Settings } from '../common/settings';
import type * as clusterModule from '../../cluster';
import type { ClusterSession, KubeconfigSummary, SessionOptions } from '../../cluster';
import { isCancellation, messageOf } from '../../errors';
import { ClusterState, type ClusterStatus } from '../../explorer/clusterState';

type ClusterModule = typeof clusterModule;

/**
 * The editor's handle on the active kubeconfig context: it follows the settings and the
 * kubeconfig files, and owns the cluster's state (reachability, version) that the tree, the
 * status bar, the lenses and the commands watch. The Kubernetes client bundle is required on
 * first use, never at activation, so opening a file costs no client start-up.
 */
export class ClusterConnection implements vscode.Disposable {
  private module: ClusterModule | undefined;
  private readonly state = new ClusterState<ClusterSession>(() => this.openSession());
  /** A context picked in the editor; undefined follows the kubeconfig's current-context. */
  private chosenContext: string | undefined;
  /** The Kubernetes extension's kubeconfig, followed while kubeSaTokens.kubeconfigPath is unset. */
  private followedKubeconfig: string | undefined;
  private watchers: vscode.Disposable[] = [];
  private watchedFiles = '';
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the kubeconfig, the chosen context or a connection setting changes. */
  readonly onDidChange = this.changed.event;
  private readonly subscriptions: vscode.Disposable[] = [this.changed, this.state];
  /** Fires with each new status of the active cluster. */
  readonly onDidChangeStatus: vscode.Event<ClusterStatus> = this.state.onDidChangeStatus;

  constructor(
    private readonly extensionPath: string,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsSettings(event, 'kubeconfigPath', 'requestTimeoutSeconds')) {
          this.reset();
        }
      }),
    );
  }

  /** The session for the current context; throws a ClusterError with a next step when there is none. */
  current(): ClusterSession {
    return this.state.session();
  }

  get status(): ClusterStatus {
    return this.state.status;
  }

  /** Calls the cluster through `session` (the active one by default) and tells the state how it went. */
  async call<T>(work: (session: ClusterSession) => Promise<T>, session: ClusterSession = this.current()): Promise<T> {
    try {
      const result = await work(session);
      this.state.reportSuccess(session);
      return result;
    } catch (error) {
      this.state.report(session, error);
      if (!isCancellation(error)) {
        this.log.warn(`${session.context.name}: ${messageOf(error)}`);
      }
      throw error;
    }
  }

  /** The kubeconfig's contexts, read afresh (the file may have changed since the session opened). */
  kubeconfig(): KubeconfigSummary {
    const options = this.sessionOptions();
    return this.load().readKubeconfig(options.kubeconfigPath, options.kubeconfigSource);
  }

  get contextName(): string | undefined {
    const status = this.state.status;
    return this.chosenContext ?? ('context' in status ? status.context.name : undefined);
  }

  async useContext(name: string, alsoForKubectl: boolean): Promise<string | undefined> {
    const changedFile = alsoForKubectl ? await this.load().makeContextKubectlsToo(this.kubeconfig(), name) : undefined;
    this.chosenContext = alsoForKubectl ? undefined : name;
    this.reset();
    return changedFile;
  }

  /** Follows the Kubernetes extension's kubeconfig while ours is unset; undefined stops following it. */
  followKubeconfig(path: string | undefined): void {
    if (path !== this.followedKubeconfig) {
      this.followedKubeconfig = path;
      this.reset();
    }
  }

  reset(): void {
    this.state.reset();
    this.changed.fire();
  }

  dispose(): void {
    vscode.Disposable.from(...this.watchers, ...this.subscriptions).dispose();
  }

  private openSession(): ClusterSession {
    const options = this.sessionOptions();
    let session: ClusterSession | undefined;
    try {
      session = this.load().ClusterSession.open(options);
      return session;
    } finally {
      this.watch(session?.kubeconfig.files ?? this.kubeconfigFilesOrNone(options));
    }
  }

  private load(): ClusterModule {
    // A path the bundler cannot see, so dist/cluster.js stays a separate, lazily loaded file.
    if (!this.module) {
      this.module = require(path.join(this.extensionPath, 'dist', 'cluster.js')) as ClusterModule;
      if (vscode.l10n.bundle) {
        this.module.configureLocalisation({ contents: vscode.l10n.bundle });
      }
    }
    return this.module;
  }

  private sessionOptions(): SessionOptions {
    const ownKubeconfig = Settings.kubeconfigPath();
    return {
      kubeconfigPath: ownKubeconfig ?? this.followedKubeconfig,
      kubeconfigSource: ownKubeconfig ? 'setting' : 'kubernetes-extension',
      contextName: this.chosenContext,
      timeoutMs: Settings.requestTimeoutMs(),
      onApiCall: (call) => this.log.info(`${call.method} ${call.path} ${call.status ?? '-'} ${call.durationMs} ms${call.requestId ? ` audit-id ${call.requestId}` : ''}`),
    };
  }

  private kubeconfigFilesOrNone(options: SessionOptions): readonly string[] {
    try {
      return this.load().readKubeconfig(options.kubeconfigPath, options.kubeconfigSource).files;
    } catch {
      return [];
    }
  }

  /** Reloads when a kubeconfig file changes, as kubectl would see it on its next run. */
  private watch(files: readonly string[]): void {
    const key = files.join('\n');
    if (key === this.watchedFiles) {
      return;
    }
    vscode.Disposable.from(...this.watchers).dispose();
    this.watchedFiles = key;
    this.watchers = files.map((file) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)));
      const reload = () => this.reset();
      watcher.onDidChange(reload);
      watcher.onDidCreate(reload);
      watcher.onDidDelete(reload);
      return watcher;
    });
  }
}
