/**
 * The "Permissions" part of the ServiceAccounts tree as plain data: the node under each
 * ServiceAccount, its children once loaded (scopes, rules, notes), and the danger flags they and
 * the ServiceAccount show. Loading is the adapter's; what it loaded is passed in.
 */
import type { ServiceAccountSummary } from '../cluster/types';
import { dangersOf, dangersOfGrant, type Danger, type DangerousRight } from '../rbac/dangers';
import type { GrantedRule, PermissionsOutcome } from '../rbac/permissions';
import { describeSource } from '../rbac/permissionsDocument';
import { describeGrant, describeMissingRole, describeOrigin, describeDanger, groupByScope } from '../rbac/ruleText';
import { visibleText } from '../text/visibleText';
import { count, type NodePresentation } from './treeNodes';
import * as l10n from '../text/l10n';

export type PermissionNode =
  | { readonly kind: 'permissions'; readonly account: ServiceAccountSummary }
  | { readonly kind: 'permissionScope'; readonly account: ServiceAccountSummary; readonly title: string; readonly rules: readonly PermissionNode[]; readonly dangerous: number }
  | { readonly kind: 'permissionRule'; readonly grant: GrantedRule; readonly dangers: readonly DangerousRight[] }
  | { readonly kind: 'permissionNote'; readonly text: string; readonly tooltip?: string; readonly warning: boolean };

/** What loading one ServiceAccount's permissions came to, with its dangers counted once. */
export interface LoadedPermissions {
  readonly outcome: PermissionsOutcome;
  readonly dangers: readonly Danger[];
}

export function loadedPermissions(outcome: PermissionsOutcome): LoadedPermissions {
  return { outcome, dangers: outcome.kind === 'computed' ? dangersOf(outcome.permissions) : [] };
}

const accountId = (account: ServiceAccountSummary) => `${account.namespace}/${account.name}`;

function dangerLines(dangers: readonly Danger[]): string[] {
  return dangers.map((danger) => `⚠ ${describeDanger(danger.right.what, danger.where, danger.right.why)}`);
}

/** The Permissions node: what it found once loaded, its dangers first. */
export function presentPermissions(account: ServiceAccountSummary, loaded: LoadedPermissions | undefined): NodePresentation {
  const base = { label: 'Permissions', id: `permissions:${accountId(account)}`, contextValue: 'permissions', collapsible: 'collapsed' as const };
  if (!loaded) {
    return { ...base, icon: { name: 'shield' }, tooltip: l10n.t('What this ServiceAccount may do: expand to read the RBAC bindings that name it.') };
  }
  const { outcome, dangers } = loaded;
  if (outcome.kind === 'unavailable') {
    return { ...base, icon: { name: 'shield' }, description: l10n.t('cannot see'), tooltip: visibleText(outcome.message, 1000) };
  }
  const rules = count(outcome.permissions.grants.length, l10n.t('{0} rule'), l10n.t('{0} rules'));
  return {
    ...base,
    icon: dangers.length > 0 ? { name: 'warning', warning: true } : { name: 'shield' },
    description: dangers.length > 0 ? `${count(dangers.length, l10n.t('{0} dangerous right'), l10n.t('{0} dangerous rights'))} · ${rules}` : rules,
    tooltip: [describeSource(outcome.permissions), ...dangerLines(dangers)].join('\n'),
  };
}

/** The ServiceAccount's own row, flagged once its permissions were loaded and hold dangerous rights. */
export function flagServiceAccount(presentation: NodePresentation, loaded: LoadedPermissions | undefined): NodePresentation {
  if (!loaded || loaded.dangers.length === 0) {
    return presentation;
  }
  return {
    ...presentation,
    icon: { name: 'warning', warning: true },
    description: [count(loaded.dangers.length, l10n.t('{0} dangerous right'), l10n.t('{0} dangerous rights')), presentation.description].filter(Boolean).join(' · '),
    tooltip: [presentation.tooltip, l10n.t('Dangerous rights:'), ...dangerLines(loaded.dangers)].filter(Boolean).join('\n'),
  };
}

function ruleNode(grant: GrantedRule): PermissionNode {
  return { kind: 'permissionRule', grant, dangers: dangersOfGrant(grant) };
}

/** The Permissions node's children: one row saying why there are none, or notes, missing roles, then each scope. */
export function permissionChildren(account: ServiceAccountSummary, loaded: LoadedPermissions): PermissionNode[] {
  const { outcome } = loaded;
  if (outcome.kind === 'unavailable') {
    return [{ kind: 'permissionNote', text: l10n.t('Cannot see its permissions: ask for {0}', visibleText(outcome.askFor, 300)), tooltip: visibleText(outcome.message, 1000), warning: true }];
  }
  const { permissions } = outcome;
  const notes: PermissionNode[] = [
    ...(permissions.source === 'rules-review' ? [{ kind: 'permissionNote' as const, text: l10n.t('From a rules review as the ServiceAccount, in {0} only', visibleText(account.namespace, 100)), tooltip: permissions.notes.map((note) => visibleText(note, 1000)).join('\n'), warning: false }] : []),
    ...(permissions.incomplete ? [{ kind: 'permissionNote' as const, text: l10n.t('The server says this list may be incomplete (webhook or Node authorizers)'), warning: true }] : []),
    ...permissions.missingRoles.map((missing): PermissionNode => ({ kind: 'permissionNote', text: describeMissingRole(missing), warning: true })),
  ];
  const scopes = groupByScope(permissions).map((group): PermissionNode => {
    const rules = group.grants.map(ruleNode);
    return { kind: 'permissionScope', account, title: group.title, rules, dangerous: rules.filter((rule) => rule.kind === 'permissionRule' && rule.dangers.length > 0).length };
  });
  return [...notes, ...(scopes.length > 0 ? scopes : [{ kind: 'permissionNote' as const, text: l10n.t('No RBAC rule grants it anything'), warning: false }])];
}

/** How the rows below the Permissions node read. */
export function presentPermissionNode(node: Exclude<PermissionNode, { kind: 'permissions' }>): NodePresentation {
  switch (node.kind) {
    case 'permissionScope':
      return {
        label: node.title,
        id: `permissions:${accountId(node.account)}:${node.title}`,
        description: [count(node.rules.length, l10n.t('{0} rule'), l10n.t('{0} rules')), node.dangerous > 0 ? l10n.t('{0} dangerous', node.dangerous) : ''].filter(Boolean).join(' · '),
        icon: node.dangerous > 0 ? { name: 'warning', warning: true } : { name: node.title === 'Cluster-wide' ? 'globe' : 'symbol-namespace' },
        // Open where something is dangerous; the discovery rules everyone holds stay folded.
        collapsible: node.dangerous > 0 ? 'expanded' : 'collapsed',
      };
    case 'permissionRule': {
      const origin = describeOrigin(node.grant.via);
      const dangerous = node.dangers.map((right) => right.what);
      return {
        label: describeGrant(node.grant),
        description: [dangerous.length > 0 ? `⚠ ${dangerous.join(', ')}` : '', node.grant.via ? `${node.grant.via.binding.kind} ${visibleText(node.grant.via.binding.name, 120)}` : l10n.t('rules review')].filter(Boolean).join(' · '),
        tooltip: [`${describeGrant(node.grant)}`, origin, ...node.dangers.map((right) => `⚠ ${l10n.t('Dangerous, {0}: {1}', right.what, right.why)}`)].join('\n'),
        icon: dangerous.length > 0 ? { name: 'warning', warning: true } : { name: 'circle-small' },
        contextValue: 'permissionRule',
        collapsible: 'none',
      };
    }
    case 'permissionNote':
      return { label: node.text, tooltip: node.tooltip ?? node.text, icon: node.warning ? { name: 'warning', warning: true } : { name: 'info' }, collapsible: 'none' };
  }
}
