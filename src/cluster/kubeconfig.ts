import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { parseDocument } from 'yaml';
import { writeFileAtomically } from '../files/atomicWrite';
import { ClusterError, type ExplicitKubeconfigSource, type KubeconfigSource } from './errors';
import type { ContextSummary, KubeconfigSummary } from './types';
import * as l10n from '../text/l10n';

/** The kubeconfig files to read, and where their paths came from. */
export interface KubeconfigFiles {
  readonly source: KubeconfigSource;
  /** The paths looked at, in kubectl's merge order, whether or not they exist (to say where nothing was found). */
  readonly lookedAt: readonly string[];
  /** Those that exist: what is read. */
  readonly existing: readonly string[];
}

/**
 * The kubeconfig files kubectl would read: an explicit path (a user-only setting, or the Kubernetes
 * extension's setting when ours is unset: `explicitSource`) wins, then every entry of KUBECONFIG
 * (read once each, missing ones skipped), then ~/.kube/config.
 */
export function kubeconfigPaths(explicitPath: string | undefined, env: NodeJS.ProcessEnv = process.env, home: string = homedir(), explicitSource: ExplicitKubeconfigSource = 'setting'): KubeconfigFiles {
  const fromEnv = [...new Set((env.KUBECONFIG ?? '').split(delimiter).filter((path) => path.length > 0))];
  const [source, lookedAt]: [KubeconfigSource, string[]] = explicitPath ? [explicitSource, [explicitPath]] : fromEnv.length > 0 ? ['env', fromEnv] : ['default', [join(home, '.kube', 'config')]];
  return { source, lookedAt, existing: lookedAt.filter((path) => existsSync(path)) };
}

function missingMessage(files: KubeconfigFiles): string {
  switch (files.source) {
    case 'setting':
      return l10n.t('The kubeconfig {0}, set in the kubeSaTokens.kubeconfigPath setting, does not exist. Choose another file, or clear the setting to use KUBECONFIG or ~/.kube/config.', files.lookedAt[0]);
    case 'kubernetes-extension':
      return l10n.t("The kubeconfig {0}, from the Kubernetes extension's kubeconfig setting (followed while kubeSaTokens.kubeconfigPath is unset), does not exist. Choose another kubeconfig in the Kubernetes extension, or choose one in the kubeSaTokens.kubeconfigPath setting.", files.lookedAt[0]);
    case 'env':
      return l10n.t('None of the kubeconfig files listed in KUBECONFIG exist: {0}. Fix KUBECONFIG (then restart VS Code), or choose a file in the kubeSaTokens.kubeconfigPath setting.', files.lookedAt.join(', '));
    case 'default':
      return l10n.t("No kubeconfig found: KUBECONFIG is not set and {0} does not exist. Create it (for example with your cloud provider's get-credentials command), set KUBECONFIG, or choose a file in the kubeSaTokens.kubeconfigPath setting.", files.lookedAt[0]);
  }
}

/** A kubeconfig file that cannot be read: where its path came from, why, and what to do about it there. */
function unreadableMessage(source: KubeconfigSource, path: string, reason: string): string {
  switch (source) {
    case 'setting':
      return l10n.t('Cannot read the kubeconfig {0} (set in the kubeSaTokens.kubeconfigPath setting): {1}. Fix it, or choose another file (clearing the setting uses KUBECONFIG or ~/.kube/config).', path, reason);
    case 'kubernetes-extension':
      return l10n.t("Cannot read the kubeconfig {0} (the Kubernetes extension's kubeconfig setting, followed while kubeSaTokens.kubeconfigPath is unset): {1}. Fix it, or choose another kubeconfig in the Kubernetes extension or in the kubeSaTokens.kubeconfigPath setting.", path, reason);
    case 'env':
      return l10n.t('Cannot read the kubeconfig {0} (listed in KUBECONFIG): {1}. Fix it, or take it out of KUBECONFIG (then restart VS Code).', path, reason);
    case 'default':
      return l10n.t("Cannot read the kubeconfig {0} (kubectl's default): {1}. Fix it, or choose another file in the kubeSaTokens.kubeconfigPath setting.", path, reason);
  }
}

function firstByName<T extends { readonly name: string }>(lists: readonly (readonly T[])[]): T[] {
  const byName = new Map<string, T>();
  for (const list of lists) {
    for (const item of list) {
      if (!byName.has(item.name)) {
        byName.set(item.name, item);
      }
    }
  }
  return [...byName.values()];
}

/** Loads and merges kubeconfig files as kubectl does: the first file to define a name or the current context wins. */
export function loadKubeconfig(files: KubeconfigFiles): KubeConfig {
  if (files.existing.length === 0) {
    throw new ClusterError(missingMessage(files), 'config', undefined, { reason: 'kubeconfig-missing', source: files.source });
  }
  const parts = files.existing.map((path) => {
    const part = new KubeConfig();
    try {
      part.loadFromFile(path);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new ClusterError(unreadableMessage(files.source, path, reason), 'config', undefined, {
        reason: 'kubeconfig-unreadable',
        source: files.source,
        path,
      });
    }
    return part;
  });
  const merged = new KubeConfig();
  merged.loadFromOptions({
    clusters: firstByName<Cluster>(parts.map((part) => part.getClusters())),
    users: firstByName<User>(parts.map((part) => part.getUsers())),
    contexts: firstByName<Context>(parts.map((part) => part.getContexts())),
    currentContext: parts.map((part) => part.getCurrentContext()).find((name) => !!name) ?? '',
  });
  return merged;
}

export function summarizeContext(config: KubeConfig, context: Context): ContextSummary {
  const user = config.getUser(context.user);
  const execCommand = (user?.exec as { command?: string } | undefined)?.command ?? (user?.authProvider?.config?.exec as { command?: string } | undefined)?.command;
  return {
    name: context.name,
    cluster: context.cluster,
    server: config.getCluster(context.cluster)?.server ?? l10n.t('(unknown server)'),
    user: context.user,
    namespace: context.namespace,
    ...(execCommand ? { execCommand } : {}),
  };
}

/** The contexts a person can pick from, with nothing secret in them. */
export function summarizeKubeconfig(config: KubeConfig, files: readonly string[]): KubeconfigSummary {
  return {
    files,
    currentContext: config.getCurrentContext() || undefined,
    contexts: config.getContexts().map((context) => summarizeContext(config, context)),
  };
}

/**
 * A copy of the merged config switched to another context, leaving the files untouched.
 * `chosen`: the context was picked in the editor rather than read from current-context.
 */
export function withContext(config: KubeConfig, contextName: string, chosen: boolean): { config: KubeConfig; context: Context } {
  const context = config.getContextObject(contextName);
  if (!context) {
    const message = chosen
      ? l10n.t('Context {0}, picked in this window, is no longer in the kubeconfig. Switch to one of its contexts.', contextName)
      : l10n.t("The kubeconfig's current-context {0} is not one of its contexts. Switch to one of them.", contextName);
    throw new ClusterError(message, 'config', undefined, { reason: 'context-missing', context: contextName, chosen });
  }
  const copy = new KubeConfig();
  copy.loadFromOptions({ clusters: config.getClusters(), users: config.getUsers(), contexts: config.getContexts(), currentContext: contextName });
  return { config: copy, context };
}

/**
 * Makes a context kubectl's current one too. As kubectl does, the value is changed in the first
 * file that sets it, or else the first file; the rest of the file (comments, order) and its mode
 * are kept, and it is replaced atomically, so a crash never leaves a half-written kubeconfig.
 */
export async function setCurrentContextInFiles(paths: readonly string[], contextName: string): Promise<string> {
  const documents = paths.map((path) => ({ path, document: parseDocument(readFileSync(path, 'utf8')) }));
  const target = documents.find(({ document }) => document.get('current-context')) ?? documents[0];
  if (!target) {
    throw new ClusterError(l10n.t('No kubeconfig file to change.'), 'config');
  }
  target.document.set('current-context', contextName);
  await writeFileAtomically(target.path, target.document.toString());
  return target.path;
}
