import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { APIBroker, ClusterExplorerV1_1 } from 'vscode-kubernetes-tools-api';
import type { ConfigurationV1_1 } from 'vscode-kubernetes-tools-api/js/configuration/v1_1';
import { messageOf } from '../../errors';
import { kubeconfigToFollow, kubernetesExtensionId, serviceAccountFolder, serviceAccountOfNode, type ServiceAccountName } from '../../kubernetesExtension/clusterExplorer';
import { visibleText } from '../../text/visibleText';
import type { ClusterConnection } from '../explorer/clusterConnection';
import { CommandArgumentError } from '../jwt/tokenSource';

/**
 * The link to Microsoft's Kubernetes extension, through its published API only: a Service Accounts
 * folder in its Clusters view, the ServiceAccount its nodes name, and its kubeconfig followed while
 * kubeSaTokens.kubeconfigPath is unset. Without that extension it holds nothing and loads nothing.
 */
export class KubernetesExtensionLink implements vscode.Disposable {
  private explorer: ClusterExplorerV1_1 | undefined;
  private configuration: ConfigurationV1_1 | undefined;
  private connecting: Promise<void> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly connection: ClusterConnection,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      vscode.extensions.onDidChange(() => this.connectIfInstalled()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.followKubeconfig()),
    );
  }

  /**
   * Connects once the Kubernetes extension is installed. It is activated here, after our own
   * activation (onStartupFinished) and without holding it up: its Clusters view must have our
   * folder before it draws, and our first session must already read its kubeconfig.
   */
  connectIfInstalled(): void {
    const extension = vscode.extensions.getExtension<APIBroker | undefined>(kubernetesExtensionId);
    if (!extension || this.connecting) {
      return;
    }
    this.connecting = this.connect(extension).catch((error: unknown) => {
      this.log.warn(`The Kubernetes extension's API is not available: ${messageOf(error)}`);
    });
  }

  /** The ServiceAccount a node of the Clusters view names, resolved by that extension; anything else is refused. */
  serviceAccountOf(target: unknown): ServiceAccountName {
    if (!this.explorer) {
      throw new CommandArgumentError(vscode.l10n.t('This command runs on a ServiceAccount in the Kubernetes extension\'s Clusters view, and that extension is not installed or not active.'));
    }
    const account = serviceAccountOfNode(this.explorer.resolveCommandTarget(target));
    if (!account) {
      throw new CommandArgumentError(vscode.l10n.t('This command runs on a ServiceAccount in the Kubernetes extension\'s Clusters view; it was called with something else and did nothing.'));
    }
    this.checkSameContext();
    return account;
  }

  dispose(): void {
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  private async connect(extension: vscode.Extension<APIBroker | undefined>): Promise<void> {
    const broker = extension.isActive ? extension.exports : await extension.activate();
    const explorer = broker?.get?.('clusterexplorer', 'v1_1');
    const configuration = broker?.get?.('configuration', 'v1_1');
    if (configuration?.available) {
      this.configuration = configuration.api as ConfigurationV1_1;
      this.subscriptions.push(this.configuration.onDidChangeKubeconfigPath(() => this.followKubeconfig()));
      this.followKubeconfig();
    }
    if (explorer?.available) {
      this.explorer = explorer.api as ClusterExplorerV1_1;
      this.explorer.registerNodeContributor(this.explorer.nodeSources.resourceFolder(...serviceAccountFolder()).at(undefined));
      // Its tree may have been drawn before we registered.
      this.explorer.refresh();
    }
    this.log.info(`Linked to the Kubernetes extension: Clusters view ${explorer?.available ? 'v1_1' : `unavailable (${explorer?.reason ?? 'no API'})`}, configuration ${configuration?.available ? 'v1_1' : `unavailable (${configuration?.reason ?? 'no API'})`}.`);
  }

  /** In Restricted Mode a workspace could set that extension's kubeconfig setting: it is followed only in a trusted one. */
  private followKubeconfig(): void {
    const path = this.configuration && vscode.workspace.isTrusted ? kubeconfigToFollow(this.configuration.getKubeconfigPath(), process.env, homedir()) : undefined;
    this.connection.followKubeconfig(path);
  }

  /** The Clusters view shows the kubeconfig's current-context (as kubectl does); a context picked in our view differs from it. */
  private checkSameContext(): void {
    const session = this.connection.current();
    const shown = session.kubeconfig.currentContext;
    if (shown !== undefined && shown !== session.context.name) {
      throw new Error(
        vscode.l10n.t('The Kubernetes extension shows context {0}, but Kubernetes SA Tokens uses {1} in this window. Switch to {2} (Switch Context…) to act on its ServiceAccounts.', visibleText(shown, 200), visibleText(session.context.name, 200), visibleText(shown, 200)),
      );
    }
  }
}
