// A stand-in for Microsoft's Kubernetes extension, implementing the published API contract from the
// npm package vscode-kubernetes-tools-api's type definitions (see this folder's README).
import { execFile } from 'node:child_process';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { API, APIBroker, ClusterExplorerV1_1, ConfigurationV1 } from 'vscode-kubernetes-tools-api';
import type { ConfigurationV1_1 } from 'vscode-kubernetes-tools-api/js/configuration/v1_1';

type ResourceKind = ClusterExplorerV1_1.ResourceKind;

/** The view's own nodes; contributed ones keep the contributor's node. */
type ViewNode =
  | { readonly type: 'context'; readonly name: string; readonly active: boolean }
  | { readonly type: 'folder.resource'; readonly kind: ResourceKind; readonly pluralName: string }
  | { readonly type: 'folder.grouping'; readonly name: string; readonly contextValue: string | undefined; readonly children: readonly ClusterExplorerV1_1.NodeSource[] }
  | { readonly type: 'resource'; readonly kind: ResourceKind; readonly name: string; readonly namespace: string }
  | { readonly type: 'error'; readonly message: string }
  | { readonly type: 'extension'; readonly node: ClusterExplorerV1_1.Node };

const namespaceKind: ResourceKind = { manifestKind: 'Namespace', abbreviation: 'namespace', apiName: 'namespaces' };
const run = promisify(execFile);

/** As the real one: the setting, else KUBECONFIG, else ~/.kube/config. */
function kubeconfigPath(): ConfigurationV1_1.HostKubeconfigPath {
  // Read as the real one does: a key with a dot, inside the vs-kubernetes object (get() would split it).
  const setting: unknown = vscode.workspace.getConfiguration('vs-kubernetes')['vs-kubernetes.kubeconfig'];
  return { pathType: 'host', hostPath: (typeof setting === 'string' && setting) || process.env.KUBECONFIG || join(homedir(), '.kube', 'config') };
}

/** The real extension shells out to kubectl too; asynchronously, as the API server may live in this same process. */
async function kubectl(...args: string[]): Promise<string> {
  const { stdout } = await run('kubectl', ['--kubeconfig', kubeconfigPath().hostPath, ...args], { timeout: 20_000 });
  return stdout;
}

class ClustersView implements vscode.TreeDataProvider<ViewNode> {
  private readonly changed = new vscode.EventEmitter<ViewNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly contributors: ClusterExplorerV1_1.NodeContributor[] = [];
  private readonly customizers: ClusterExplorerV1_1.NodeUICustomizer[] = [];
  /** Built-in node sources and the contributors their at() made, to tell them from foreign ones. */
  private readonly builtInSources = new WeakMap<ClusterExplorerV1_1.NodeSource, () => Promise<ViewNode[]>>();
  private readonly builtInContributors = new WeakMap<ClusterExplorerV1_1.NodeContributor, { under: string | undefined; nodes: () => Promise<ViewNode[]> }>();
  /** Every node this view handed out: resolveCommandTarget answers for these only. */
  private readonly issued = new WeakSet<ViewNode>();

  readonly api: ClusterExplorerV1_1 = {
    resolveCommandTarget: (target) => (typeof target === 'object' && target !== null && this.issued.has(target as ViewNode) ? apiNodeOf(target as ViewNode) : undefined),
    registerNodeContributor: (contributor) => {
      this.contributors.push(contributor);
      this.refresh();
    },
    registerNodeUICustomizer: (customizer) => {
      this.customizers.push(customizer);
      this.refresh();
    },
    nodeSources: {
      resourceFolder: (displayName, pluralDisplayName, manifestKind, abbreviation, apiName) => {
        void displayName;
        return this.nodeSource(async () => [{ type: 'folder.resource', kind: { manifestKind, abbreviation, apiName }, pluralName: pluralDisplayName }]);
      },
      groupingFolder: (displayName, contextValue, ...children) => this.nodeSource(async () => [{ type: 'folder.grouping', name: displayName, contextValue, children }]),
    },
    refresh: () => this.refresh(),
  };

  refresh(): void {
    this.changed.fire(undefined);
  }

  async getTreeItem(node: ViewNode): Promise<vscode.TreeItem> {
    const item = this.baseTreeItem(node);
    if (item.collapsibleState === vscode.TreeItemCollapsibleState.None && this.contributors.some((contributor) => this.contributes(contributor, node))) {
      item.collapsibleState = vscode.TreeItemCollapsibleState.Collapsed;
    }
    for (const customizer of this.customizers) {
      await customizer.customize(apiNodeOf(node), item);
    }
    return item;
  }

  async getChildren(parent?: ViewNode): Promise<ViewNode[]> {
    const own = await this.ownChildren(parent);
    const contributed = await Promise.all(this.contributors.filter((contributor) => parent && this.contributes(contributor, parent)).map((contributor) => this.contributedChildren(contributor, parent!)));
    const children = [...own, ...contributed.flat()];
    children.forEach((child) => this.issued.add(child));
    return children;
  }

  private nodeSource(nodes: () => Promise<ViewNode[]>): ClusterExplorerV1_1.NodeSource {
    const source: ClusterExplorerV1_1.NodeSource = {
      at: (under) => {
        const contributor: ClusterExplorerV1_1.NodeContributor = { contributesChildren: () => false, getChildren: async () => [] };
        this.builtInContributors.set(contributor, { under, nodes });
        return contributor;
      },
      if: (condition) => this.nodeSource(async () => ((await condition()) ? nodes() : [])),
      nodes: async () => (await nodes()).map((node) => ({ getChildren: async () => [], getTreeItem: () => this.baseTreeItem(node) })),
    };
    this.builtInSources.set(source, nodes);
    return source;
  }

  /** Built-in contributors hook in under a grouping folder of that name, or under the active context. */
  private contributes(contributor: ClusterExplorerV1_1.NodeContributor, parent: ViewNode): boolean {
    const builtIn = this.builtInContributors.get(contributor);
    if (builtIn) {
      return builtIn.under ? parent.type === 'folder.grouping' && parent.name === builtIn.under : parent.type === 'context' && parent.active;
    }
    return contributor.contributesChildren(apiNodeOf(parent));
  }

  private async contributedChildren(contributor: ClusterExplorerV1_1.NodeContributor, parent: ViewNode): Promise<ViewNode[]> {
    const builtIn = this.builtInContributors.get(contributor);
    if (builtIn) {
      return builtIn.nodes();
    }
    return (await contributor.getChildren(apiNodeOf(parent))).map((node): ViewNode => ({ type: 'extension', node }));
  }

  private async ownChildren(parent: ViewNode | undefined): Promise<ViewNode[]> {
    try {
      if (!parent) {
        const config = JSON.parse(await kubectl('config', 'view', '-o', 'json')) as { contexts?: { name: string }[]; 'current-context'?: string };
        return (config.contexts ?? []).map((context) => ({ type: 'context', name: context.name, active: context.name === config['current-context'] }));
      }
      switch (parent.type) {
        case 'context':
          return parent.active ? [{ type: 'folder.resource', kind: namespaceKind, pluralName: 'Namespaces' }] : [];
        case 'folder.resource':
          return await this.resources(parent.kind);
        case 'folder.grouping': {
          const nodes = await Promise.all(parent.children.map((source) => this.builtInSources.get(source)?.() ?? foreignNodes(source)));
          return nodes.flat();
        }
        case 'extension':
          return (await parent.node.getChildren()).map((node): ViewNode => ({ type: 'extension', node }));
        default:
          return [];
      }
    } catch (error) {
      return [{ type: 'error', message: error instanceof Error ? error.message.split('\n')[0] : String(error) }];
    }
  }

  /** `kubectl get` in the current namespace, as the real view lists a resource folder. */
  private async resources(kind: ResourceKind): Promise<ViewNode[]> {
    const lines = await kubectl('get', kind.abbreviation, '-o', 'custom-columns=NAME:.metadata.name,NAMESPACE:.metadata.namespace', '--no-headers');
    return lines
      .split('\n')
      .filter((line) => line.trim().length > 0)
      .map((line) => {
        const [name, namespace] = line.trim().split(/\s+/);
        return { type: 'resource', kind, name, namespace: namespace === '<none>' ? '' : namespace };
      });
  }

  private baseTreeItem(node: ViewNode): vscode.TreeItem {
    switch (node.type) {
      case 'context': {
        const item = new vscode.TreeItem(node.name, node.active ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.contextValue = node.active ? 'vsKubernetes.cluster' : 'vsKubernetes.cluster.inactive';
        return item;
      }
      case 'folder.resource':
        return Object.assign(new vscode.TreeItem(node.pluralName, vscode.TreeItemCollapsibleState.Collapsed), { contextValue: node.kind.apiName ? 'vsKubernetes.kindk8s-watchable' : 'vsKubernetes.kind' });
      case 'folder.grouping':
        return Object.assign(new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.Collapsed), { contextValue: node.contextValue });
      case 'resource': {
        const item = new vscode.TreeItem(node.name, vscode.TreeItemCollapsibleState.None);
        item.contextValue = `vsKubernetes.resource.${node.kind.abbreviation}${node.kind.apiName ? 'k8s-watchable' : ''}`;
        item.tooltip = node.namespace ? `Namespace: ${node.namespace}` : undefined;
        return item;
      }
      case 'error':
        return new vscode.TreeItem(`Error: ${node.message}`);
      case 'extension':
        return node.node.getTreeItem();
    }
  }
}

function foreignNodes(source: ClusterExplorerV1_1.NodeSource): Promise<ViewNode[]> {
  return source.nodes().then((nodes) => nodes.map((node): ViewNode => ({ type: 'extension', node })));
}

/** What the API shows of a node: the discriminated union of the package's types. */
function apiNodeOf(node: ViewNode): ClusterExplorerV1_1.ClusterExplorerNode {
  switch (node.type) {
    case 'context':
      return { nodeType: node.active ? 'context' : 'context.inactive', name: node.name };
    case 'folder.resource':
      return { nodeType: 'folder.resource', resourceKind: node.kind };
    case 'folder.grouping':
      return { nodeType: 'folder.grouping' };
    case 'resource':
      return { nodeType: 'resource', namespace: node.namespace, name: node.name, resourceKind: node.kind };
    case 'error':
      return { nodeType: 'error' };
    case 'extension':
      return { nodeType: 'extension' };
  }
}

/** The API broker, and (for the tests only: the real one exposes no tree) the Clusters view's data. */
export type StandInExports = APIBroker & { readonly clustersView: Pick<vscode.TreeDataProvider<object>, 'getChildren' | 'getTreeItem'> };

export function activate(context: vscode.ExtensionContext): StandInExports {
  const view = new ClustersView();
  const kubeconfigChanged = new vscode.EventEmitter<ConfigurationV1_1.KubeconfigPath>();
  const configuration: ConfigurationV1 & ConfigurationV1_1 = {
    getKubeconfigPath: kubeconfigPath,
    onDidChangeKubeconfigPath: kubeconfigChanged.event,
    onDidChangeContext: new vscode.EventEmitter<string | null>().event,
    onDidChangeNamespace: new vscode.EventEmitter<string>().event,
  };
  context.subscriptions.push(
    kubeconfigChanged,
    vscode.window.createTreeView('extension.vsKubernetesExplorer', { treeDataProvider: view, showCollapseAll: true }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('vs-kubernetes')) {
        kubeconfigChanged.fire(kubeconfigPath());
        view.refresh();
      }
    }),
  );
  return {
    clustersView: view as ClustersView as Pick<vscode.TreeDataProvider<object>, 'getChildren' | 'getTreeItem'>,
    get(component: string, version: string): API<unknown> {
      if (component === 'clusterexplorer' && version === 'v1_1') {
        return { available: true, api: view.api };
      }
      if (component === 'configuration' && (version === 'v1' || version === 'v1_1')) {
        return { available: true, api: configuration };
      }
      return { available: false, reason: 'version-unknown' };
    },
  };
}
