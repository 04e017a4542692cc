/**
 * The ServiceAccounts tree as plain data: its node kinds, their children, and how each one reads
 * (label, description, tooltip, icon). The VS Code adapter only turns these into TreeItems.
 */
import type { ContextSummary, IssuedToken, LegacyTokenSecret, NamespaceListing, ServiceAccountListing, ServiceAccountSummary } from '../cluster/types';
import { describeIssuedFor } from '../tokens/handoffFormats';
import { describeLifetime } from '../tokens/lifetime';
import { humanDuration, secondsUntilExpiryPhraseChanges } from '../jwt/time';
import { countServiceAccounts, filterListing, formatAge } from './listing';
import { presentPermissionNode, presentPermissions, type PermissionNode } from './permissionNodes';
import * as l10n from '../text/l10n';

export type Node =
  | { readonly kind: 'context'; readonly context: ContextSummary; readonly listing: ServiceAccountListing }
  | { readonly kind: 'namespace'; readonly namespace: NamespaceListing }
  | { readonly kind: 'serviceAccount'; readonly account: ServiceAccountSummary }
  | { readonly kind: 'issuedToken'; readonly issued: IssuedToken }
  | { readonly kind: 'legacySecret'; readonly account: ServiceAccountSummary; readonly secret: LegacyTokenSecret }
  | { readonly kind: 'message'; readonly text: string; readonly isError: boolean }
  | PermissionNode;

/** A codicon name, with the theme colour that marks a warning when there is one. */
export interface NodeIcon {
  readonly name: string;
  readonly warning?: boolean;
}

export interface NodePresentation {
  readonly label: string;
  readonly id?: string;
  readonly description?: string;
  readonly tooltip?: string;
  /** The tooltip is Markdown (ours, with values in code spans). */
  readonly markdownTooltip?: boolean;
  readonly icon: NodeIcon;
  readonly contextValue?: string;
  readonly collapsible: 'none' | 'collapsed' | 'expanded';
}

/** What the tree needs to know about tokens issued in this window. */
export interface IssuedTokenLookup {
  forServiceAccount(namespace: string, name: string): readonly IssuedToken[];
}

/**
 * `1 ServiceAccount`, `3 ServiceAccounts`: `one` and `other` are the translated forms, each with a
 * `{0}` for the number (a language's plural is not always an added "s").
 */
export function count(n: number, one: string, other: string): string {
  return (n === 1 ? one : other).replace('{0}', n.toLocaleString('en-US'));
}

/** `14:05:09`, the wall-clock time of day: enough to tell two tokens issued today apart. */
function timeOfDay(date: Date): string {
  return date.toTimeString().slice(0, 8);
}

/** `2026-11-27 14:05 (in 42 min)`: local time, and how far away it is. */
function readableTime(date: Date, now: number): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16).replace('T', ' ');
  const seconds = (date.getTime() - now) / 1000;
  return seconds > 0 ? l10n.t('{0} (in {1})', local, humanDuration(seconds)) : l10n.t('{0} ({1} ago)', local, humanDuration(seconds));
}

function contextPresentation(context: ContextSummary, listing: ServiceAccountListing, filter: string): NodePresentation {
  const total = countServiceAccounts(listing);
  // The most useful words first: the description is cut at the sidebar's default width.
  const shown = filter ? l10n.t('{0} of {1} (filter "{2}")', count(countServiceAccounts({ ...listing, namespaces: filterListing(listing.namespaces, filter) }), l10n.t('{0} match'), l10n.t('{0} matches')), total.toLocaleString('en-US'), filter) : count(total, l10n.t('{0} ServiceAccount'), l10n.t('{0} ServiceAccounts'));
  return {
    label: context.name,
    id: `context:${context.name}`,
    description: `${shown} · ${context.server}`,
    icon: { name: 'server-environment' },
    contextValue: 'context',
    collapsible: 'expanded',
    markdownTooltip: true,
    tooltip: [
      `**${context.name}**`,
      l10n.t('Cluster: `{0}`', context.server),
      l10n.t('User: `{0}`', context.user),
      l10n.t('Default namespace: `{0}`', context.namespace ?? 'default'),
      l10n.t('Loaded {0} in {1} requests', listing.strategy, listing.requestCount),
      ...(listing.legacySecretsError ? [`$(warning) ${listing.legacySecretsError}`] : []),
    ].join('\n\n'),
  };
}

function serviceAccountPresentation(account: ServiceAccountSummary, issued: number, now: number): NodePresentation {
  const legacy = account.legacyTokenSecrets.length;
  return {
    label: account.name,
    id: `serviceAccount:${account.namespace}/${account.name}`,
    // Warnings first: the description is cut at the sidebar's default width.
    description: [legacy > 0 ? count(legacy, l10n.t('{0} legacy token Secret'), l10n.t('{0} legacy token Secrets')) : '', issued > 0 ? l10n.t('{0} issued', issued) : '', formatAge(account.createdAt, now)].filter(Boolean).join(' · '),
    tooltip: legacy > 0 ? l10n.t('ServiceAccount {0}/{1}\nUID {2}\nHas {3}: credentials that never expire.', account.namespace, account.name, account.uid, count(legacy, l10n.t('{0} legacy token Secret'), l10n.t('{0} legacy token Secrets'))) : l10n.t('ServiceAccount {0}/{1}\nUID {2}', account.namespace, account.name, account.uid),
    icon: legacy > 0 ? { name: 'warning', warning: true } : { name: 'account' },
    contextValue: 'serviceAccount',
    // Its Permissions are always there to expand.
    collapsible: 'collapsed',
  };
}

/** How `node` reads as of `now`; `tokens` counts what was issued per ServiceAccount. */
export function presentNode(node: Node, tokens: IssuedTokenLookup, now: number, filter = ''): NodePresentation {
  switch (node.kind) {
    case 'context':
      return contextPresentation(node.context, node.listing, filter);
    case 'namespace': {
      const { namespace } = node;
      return {
        label: namespace.name,
        id: `namespace:${namespace.name}`,
        icon: { name: namespace.error ? 'warning' : 'symbol-namespace' },
        description: namespace.error ? l10n.t('cannot list') : count(namespace.serviceAccounts.length, l10n.t('{0} ServiceAccount'), l10n.t('{0} ServiceAccounts')),
        tooltip: namespace.error,
        contextValue: 'namespace',
        collapsible: 'collapsed',
      };
    }
    case 'serviceAccount':
      return serviceAccountPresentation(node.account, tokens.forServiceAccount(node.account.namespace, node.account.name).length, now);
    case 'issuedToken': {
      const { issued } = node;
      return {
        label: describeIssuedFor(issued, now),
        // Two tokens for the same audiences differ by when they were issued.
        description: l10n.t('issued {0}', timeOfDay(issued.issuedAt)),
        icon: { name: 'key' },
        tooltip: [l10n.t('Issued {0}', readableTime(issued.issuedAt, now)), l10n.t('Expires {0}, by the token\'s exp claim', readableTime(issued.expiresAt, now)), ...describeLifetime(issued).details].join('\n'),
        contextValue: 'issuedToken',
        collapsible: 'none',
      };
    }
    case 'legacySecret':
      return {
        label: node.secret.name,
        icon: { name: 'unlock', warning: true },
        description: l10n.t('legacy token, never expires · {0}', formatAge(node.secret.createdAt, now)),
        tooltip: l10n.t('Secret {0}/{1} holds a legacy ServiceAccount token that never expires. Prefer short-lived tokens from TokenRequest and delete this Secret when nothing uses it.', node.account.namespace, node.secret.name),
        contextValue: 'legacySecret',
        collapsible: 'none',
      };
    case 'permissions':
      return presentPermissions(node.account, undefined);
    case 'permissionScope':
    case 'permissionRule':
    case 'permissionNote':
      return presentPermissionNode(node);
    case 'message':
      return {
        label: node.text,
        icon: { name: node.isError ? 'error' : 'info' },
        tooltip: node.text,
        description: node.isError ? l10n.t('Retry') : undefined,
        contextValue: node.isError ? 'error' : undefined,
        collapsible: 'none',
      };
  }
}

/** The children of a node below the root; `filter` narrows namespaces and ServiceAccounts. */
export function childrenOf(node: Node, tokens: IssuedTokenLookup, filter: string): Node[] {
  switch (node.kind) {
    case 'context': {
      const namespaces = filterListing(node.listing.namespaces, filter);
      if (namespaces.length === 0) {
        return [{ kind: 'message', text: filter ? l10n.t('Nothing matches "{0}".', filter) : l10n.t('No namespaces you may list.'), isError: false }];
      }
      return namespaces.map((namespace) => ({ kind: 'namespace', namespace }));
    }
    case 'namespace':
      if (node.namespace.error) {
        return [{ kind: 'message', text: node.namespace.error, isError: true }];
      }
      return node.namespace.serviceAccounts.map((account) => ({ kind: 'serviceAccount', account }));
    case 'serviceAccount': {
      const { account } = node;
      return [
        { kind: 'permissions', account },
        ...tokens.forServiceAccount(account.namespace, account.name).map((issued): Node => ({ kind: 'issuedToken', issued })),
        ...account.legacyTokenSecrets.map((secret): Node => ({ kind: 'legacySecret', account, secret })),
      ];
    }
    case 'permissionScope':
      return [...node.rules];
    default:
      return [];
  }
}

/**
 * In how many milliseconds the words of the issued tokens' rows ("expires in 14 min", "in 3 min"
 * in their tooltips) change, so the tree is redrawn then and not on a fixed beat; undefined: none shown.
 */
export function msUntilIssuedTokensChange(tokens: readonly IssuedToken[], now: number): number | undefined {
  const seconds = tokens.flatMap((issued) => [issued.expiresAt, issued.issuedAt].map((date) => secondsUntilExpiryPhraseChanges(date.getTime() / 1000, now / 1000)));
  return seconds.length > 0 ? Math.min(...seconds) * 1000 : undefined;
}
