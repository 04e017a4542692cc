import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig, type Cluster, type Context, type User } from '@kubernetes/client-node';
import { parseDocument } from 'yaml';
import { writeFileAtomically } from '../files/atomicWrite';
import { ClusterError } from './errors';
import type { ContextSummary, KubeconfigSummary } from './types';

/**
 * The kubeconfig files kubectl would read: an explicit path (a user-only setting) wins,
 * then every existing entry of KUBECONFIG, then ~/.kube/config.
 */
export function kubeconfigPaths(explicitPath: string | undefined, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string[] {
  if (explicitPath) {
    return [explicitPath];
  }
  const fromEnv = (env.KUBECONFIG ?? '').split(delimiter).filter((path) => path.length > 0);
  if (fromEnv.length > 0) {
    return [...new Set(fromEnv)].filter((path) => existsSync(path));
  }
  const defaultPath = join(home, '.kube', 'config');
  return existsSync(defaultPath) ? [defaultPath] : [];
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
export function loadKubeconfig(paths: readonly string[]): KubeConfig {
  if (paths.length === 0) {
    throw new ClusterError('No kubeconfig found: set KUBECONFIG, create ~/.kube/config, or choose a file with the kubeSaTokens.kubeconfigPath setting.', 'config');
  }
  const parts = paths.map((path) => {
    const part = new KubeConfig();
    try {
      part.loadFromFile(path);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new ClusterError(`Cannot read kubeconfig ${path}: ${reason}. Fix the file or point KUBECONFIG elsewhere.`, 'config');
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
    server: config.getCluster(context.cluster)?.server ?? '(unknown server)',
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

/** A copy of the merged config switched to another context, leaving the files untouched. */
export function withContext(config: KubeConfig, contextName: string): { config: KubeConfig; context: Context } {
  const context = config.getContextObject(contextName);
  if (!context) {
    throw new ClusterError(`Context ${contextName} is not in the kubeconfig. Pick one of its contexts.`, 'config');
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
    throw new ClusterError('No kubeconfig file to change.', 'config');
  }
  target.document.set('current-context', contextName);
  await writeFileAtomically(target.path, target.document.toString());
  return target.path;
}
