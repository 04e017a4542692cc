/**
 * Why the ServiceAccounts view shows no tree. Each value is a `kubeSaTokens.treeProblem` context
 * key value with its own welcome view in package.json, which names the cause and where it came
 * from and offers the buttons that fix it; the view's message above it holds the exact error.
 */
import type { ClusterError } from '../cluster/errors';
import { isClusterFailure } from '../errors';
import { meansUnreachable } from './clusterState';

export const treeProblems = [
  'kubeconfig-missing-setting',
  'kubeconfig-missing-kubernetes-extension',
  'kubeconfig-missing-env',
  'kubeconfig-missing-default',
  'kubeconfig-unreadable-setting',
  'kubeconfig-unreadable-kubernetes-extension',
  'kubeconfig-unreadable-env',
  'kubeconfig-unreadable-default',
  'no-current-context',
  'stale-context-chosen',
  'stale-context-current',
  'unreachable',
  'unauthorized',
  'forbidden',
  'error',
] as const;

export type TreeProblem = (typeof treeProblems)[number];

/**
 * The problem a failed load shows, from the error's typed kind and reason, never its text.
 * The error may come from the other bundle (its own ClusterError class), so its fields are read, not its class.
 */
export function treeProblemOf(error: unknown): TreeProblem {
  if (!isClusterFailure(error)) {
    return 'error';
  }
  const config = (error as Partial<Pick<ClusterError, 'configProblem'>>).configProblem;
  switch (config?.reason) {
    case 'kubeconfig-missing':
      return `kubeconfig-missing-${config.source}`;
    case 'kubeconfig-unreadable':
      return `kubeconfig-unreadable-${config.source}`;
    case 'no-current-context':
      return 'no-current-context';
    case 'context-missing':
      return config.chosen ? 'stale-context-chosen' : 'stale-context-current';
  }
  if (meansUnreachable(error)) {
    return 'unreachable';
  }
  if (error.kind === 'unauthorized' || error.kind === 'forbidden') {
    return error.kind;
  }
  return 'error';
}
