/**
 * The audiences Request Token offers first: each ServiceAccount's own last choice, so a token for
 * one account never starts from the audience chosen for another, and the recent ones below.
 */

/** The audiences last requested for one ServiceAccount of one cluster. */
export interface LastAudiences {
  readonly account: string;
  readonly audiences: readonly string[];
}

/** ServiceAccounts remembered; past this the least recently used is forgotten. */
export const maxRememberedAccounts = 200;
/** Audience sets of any account offered as recent. */
export const maxRecentAudiences = 8;

/** A ServiceAccount of a cluster: the same namespace/name on another server is another account. */
export function accountKey(server: string, namespace: string, name: string): string {
  return `${server} ${namespace}/${name}`;
}

const isAudienceList = (value: unknown): value is string[] => Array.isArray(value) && value.every((audience) => typeof audience === 'string');

/** What was stored, keeping only well-formed entries: the store outlives versions of this code. */
export function readLastAudiences(stored: unknown): LastAudiences[] {
  if (!Array.isArray(stored)) {
    return [];
  }
  return stored.filter((entry: Partial<LastAudiences> | null): entry is LastAudiences => typeof entry?.account === 'string' && isAudienceList(entry.audiences));
}

/** `remembered` with `account`'s choice first, most recent first, at most `maxRememberedAccounts`. */
export function rememberLast(remembered: readonly LastAudiences[], account: string, audiences: readonly string[]): LastAudiences[] {
  return [{ account, audiences: [...audiences] }, ...remembered.filter((entry) => entry.account !== account)].slice(0, maxRememberedAccounts);
}

/** `recent` with `audiences` first, at most `maxRecentAudiences`; the API server's own is always offered, so never kept. */
export function rememberRecent(recent: readonly (readonly string[])[], audiences: readonly string[]): (readonly string[])[] {
  if (audiences.length === 0) {
    return [...recent];
  }
  const key = JSON.stringify(audiences);
  return [audiences, ...recent.filter((entry) => JSON.stringify(entry) !== key)].slice(0, maxRecentAudiences);
}

export function lastFor(remembered: readonly LastAudiences[], account: string): readonly string[] | undefined {
  return remembered.find((entry) => entry.account === account)?.audiences;
}

export type AudienceChoiceReason = 'last' | 'default' | 'server' | 'recent';

export interface AudienceChoice {
  readonly audiences: readonly string[];
  readonly reason: AudienceChoiceReason;
}

/**
 * The audience sets to offer, without repeats, in this order: the account's last choice, the
 * configured default, the API server's own (what `kubectl create token` asks for), then the
 * recent sets of any account. The first is the one to preselect: never another account's.
 */
export function audienceChoices(last: readonly string[] | undefined, defaults: readonly string[], recent: readonly (readonly string[])[]): AudienceChoice[] {
  const candidates: AudienceChoice[] = [
    ...(last ? [{ audiences: last, reason: 'last' as const }] : []),
    ...(defaults.length > 0 ? [{ audiences: defaults, reason: 'default' as const }] : []),
    { audiences: [], reason: 'server' },
    ...recent.map((audiences) => ({ audiences, reason: 'recent' as const })),
  ];
  const seen = new Set<string>();
  return candidates.filter(({ audiences }) => {
    const key = JSON.stringify(audiences);
    const fresh = !seen.has(key);
    seen.add(key);
    return fresh;
  });
}
