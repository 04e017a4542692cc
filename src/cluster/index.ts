/**
 * Entry point of the lazily loaded cluster bundle (dist/cluster.js). Everything that needs
 * @kubernetes/client-node is reached through here, so activation never pays for loading it.
 */
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { ClusterError } from './errors';
import { kubeconfigPaths, loadKubeconfig, summarizeContext, summarizeKubeconfig, withContext } from './kubeconfig';
import { RequestScope } from './requestScope';
import { listServiceAccounts } from './serviceAccounts';
import type { ContextSummary, KubeconfigSummary, ServiceAccountListing } from './types';

export { ClusterError } from './errors';
export type * from './types';

export interface SessionOptions {
  /** A kubeconfig path the user chose in a machine-scoped setting; otherwise KUBECONFIG or ~/.kube/config. */
  readonly kubeconfigPath?: string;
  /** A context picked in the editor; otherwise the kubeconfig's current-context. */
  readonly contextName?: string;
  readonly timeoutMs: number;
}

/** One kubeconfig context, ready to make API calls. */
export class ClusterSession {
  private constructor(
    private readonly config: KubeConfig,
    readonly kubeconfig: KubeconfigSummary,
    readonly context: ContextSummary,
    private readonly timeoutMs: number,
  ) {}

  static open(options: SessionOptions): ClusterSession {
    const files = kubeconfigPaths(options.kubeconfigPath);
    const loaded = loadKubeconfig(files);
    const contextName = options.contextName ?? loaded.getCurrentContext();
    if (!contextName) {
      throw new ClusterError('The kubeconfig has no current-context. Switch to one of its contexts.', 'config');
    }
    const config = withContext(loaded, contextName);
    const context = config.getContextObject(contextName);
    if (!context) {
      throw new ClusterError(`Context ${contextName} is not in the kubeconfig. Pick one of its contexts.`, 'config');
    }
    return new ClusterSession(config, summarizeKubeconfig(loaded, files), summarizeContext(config, context), options.timeoutMs);
  }

  listServiceAccounts(cancel?: AbortSignal): Promise<ServiceAccountListing> {
    const scope = new RequestScope(this.timeoutMs, cancel);
    return listServiceAccounts(this.config.makeApiClient(CoreV1Api), scope, this.context.namespace, this.context.user);
  }
}
