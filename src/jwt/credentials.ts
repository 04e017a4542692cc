/**
 * Kubernetes ServiceAccount tokens written in plain text in a file: who they act as, and until
 * when. Runs on every open and edit in the extension host, so its cost is bounded whatever the
 * file holds: other tokens are rejected without decoding, at most `maxReportedTokens` are
 * described, and at most `maxDecodedCharacters` of token text are decoded per document. The check
 * runs in slices (`PlaintextTokenCheck.advance`) so the extension host never stalls on a large
 * file, and what a decode found is kept by token text, so an edit re-decodes only the tokens it changed.
 */
import { visibleText } from '../text/visibleText';
import { decodeJwt } from './decode';
import { serviceAccountOf } from './kubernetes';
import { type FoundToken, TokenScanner } from './scan';
import { absoluteTime, claimSeconds, expiryPhrase, secondsUntilExpiryPhraseChanges } from './time';
import * as l10n from '../text/l10n';

export interface PlaintextToken {
  readonly start: number;
  readonly end: number;
  /** Where `start` is, counted as editors count: lines split at `\n` (a token never spans lines). */
  readonly line: number;
  readonly character: number;
  readonly message: string;
  /** "expired 3 days ago", for an end-of-line hint; undefined while the token is valid or never expires. */
  readonly expired?: string;
  /** In how many seconds the message's "expires in …" will read differently; undefined when it never changes. */
  readonly changesIn?: number;
}

export interface PlaintextTokenReport {
  /** The first `maxReportedTokens` ServiceAccount tokens, in file order. */
  readonly tokens: readonly PlaintextToken[];
  /** ServiceAccount tokens found after those, not listed one by one. */
  readonly omitted: number;
  /** Token-like strings not examined because the document exceeded the decoding budget. */
  readonly unchecked: number;
  /** One message about the omitted and unchecked ones, for a single diagnostic; undefined when there are none. */
  readonly summary?: string;
}

export const maxReportedTokens = 100;
export const maxDecodedCharacters = 2 * 1024 * 1024;
/** Namespaces and names are at most 253 characters in Kubernetes; more is shown cut. */
const maxNameLength = 253;

/**
 * Both kinds of ServiceAccount token name `kubernetes.io` in their payload (the bound tokens' claim,
 * the legacy tokens' claim prefix). Base64url writes those bytes in one of three ways depending on
 * their offset, so the encoded payload is searched for the three without decoding it. A token whose
 * JSON escapes a character of that name is not found: API servers never write one.
 */
const encodedMarkers = [0, 1, 2].map((offset) => {
  const marker = Buffer.from('kubernetes.io');
  const encoded = Buffer.concat([Buffer.alloc(offset), marker]).toString('base64url');
  // Characters that mix in bits of the bytes before or after the marker are left out.
  const first = [0, 2, 3][offset];
  const last = Math.floor(((offset + marker.length) * 8) / 6);
  return encoded.slice(first, last);
});

/** Whether a token's payload may name `kubernetes.io`, told without decoding it: false rules it out, true needs a decode. */
export function mayBeServiceAccountToken(token: string): boolean {
  const firstDot = token.indexOf('.');
  const secondDot = token.indexOf('.', firstDot + 1);
  if (secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
    return false;
  }
  const payload = token.slice(firstDot + 1, secondDot);
  return encodedMarkers.some((marker) => payload.includes(marker));
}

/** What a decode found out about a token that matters here; null when it is no ServiceAccount token. */
export type DecodedAccount = { readonly actsAs: string; readonly exp?: number } | null;

function decodedAccount(token: string): DecodedAccount {
  const decoded = decodeJwt(token);
  const account = decoded.form === 'jws' ? serviceAccountOf(decoded.payload) : undefined;
  if (decoded.form !== 'jws' || !account) {
    return null;
  }
  return {
    actsAs: `system:serviceaccount:${visibleText(account.namespace, maxNameLength)}:${visibleText(account.name, maxNameLength)}`,
    exp: claimSeconds(decoded.payload.exp)?.seconds,
  };
}

function describePlaintext(found: FoundToken, line: number, character: number, account: NonNullable<DecodedAccount>, nowSeconds: number): PlaintextToken {
  const { actsAs, exp } = account;
  const until = exp === undefined
    ? l10n.t('never expires (a legacy token: revoke it by deleting its Secret)')
    : exp > nowSeconds
      ? l10n.t('valid until {0} ({1})', absoluteTime(exp) ?? exp, expiryPhrase(exp, nowSeconds))
      : l10n.t('expired at {0} ({1})', absoluteTime(exp) ?? exp, expiryPhrase(exp, nowSeconds));
  return {
    start: found.start,
    end: found.end,
    line,
    character,
    message: l10n.t('Kubernetes ServiceAccount token in plain text: it acts as {0}; {1}.', actsAs, until),
    expired: exp !== undefined && exp <= nowSeconds ? expiryPhrase(exp, nowSeconds) : undefined,
    changesIn: exp === undefined ? undefined : secondsUntilExpiryPhraseChanges(exp, nowSeconds),
  };
}

function summaryOf(omitted: number, unchecked: number): string | undefined {
  const parts: string[] = [];
  if (omitted > 0) {
    parts.push(omitted === 1 ? l10n.t('{0} more Kubernetes ServiceAccount token is written in plain text in this file; only the first {1} are marked.', omitted, maxReportedTokens) : l10n.t('{0} more Kubernetes ServiceAccount tokens are written in plain text in this file; only the first {1} are marked.', omitted, maxReportedTokens));
  }
  if (unchecked > 0) {
    parts.push(unchecked === 1 ? l10n.t('{0} more token-like string was not checked: this file holds more than {1} MiB of tokens that may be ServiceAccount tokens.', unchecked, maxDecodedCharacters / (1024 * 1024)) : l10n.t('{0} more token-like strings were not checked: this file holds more than {1} MiB of tokens that may be ServiceAccount tokens.', unchecked, maxDecodedCharacters / (1024 * 1024)));
  }
  return parts.length > 0 ? l10n.t('{0} Move credentials out of files into a secret store.', parts.join(' ')) : undefined;
}

/** How long the extension host lets one slice of a check run before it handles other events: well under 50 ms. */
export const plaintextCheckSliceMs = 20;

/** How many tokens are examined between two questions to `shouldYield`: asking costs a clock read. */
const tokensPerYieldCheck = 16;

/**
 * One check of one text, done in as many slices as the caller likes: `advance` works until
 * `shouldYield` says so and returns the report once the whole text is checked. Lines are counted
 * as the scan moves forward, so placing a token costs nothing extra, whatever its offset.
 */
export class PlaintextTokenCheck {
  private readonly scanner: TokenScanner;
  private readonly nowSeconds: number;
  private readonly tokens: PlaintextToken[] = [];
  private omitted = 0;
  private unchecked = 0;
  private budget = maxDecodedCharacters;
  private line = 0;
  private lineStart = 0;
  /** The first line break at or after `lineStart` (-1: none), once looked for. */
  private nextNewline: number | undefined;
  /** What this check decoded or reused, by token text: hand it to the next check of the same document. */
  readonly decoded = new Map<string, DecodedAccount>();

  /** `known`: what an earlier check of the same document decoded, so unchanged tokens are not decoded again. */
  constructor(
    private readonly text: string,
    now: number,
    private readonly known: ReadonlyMap<string, DecodedAccount> = new Map(),
  ) {
    this.scanner = new TokenScanner(text);
    this.nowSeconds = Math.floor(now / 1000);
  }

  /** Checks on until `shouldYield()` is true (asked every few tokens) or the text is done; the report once it is done. Never throws. */
  advance(shouldYield: () => boolean): PlaintextTokenReport | undefined {
    for (let examined = 1; ; examined++) {
      const found = this.scanner.next();
      if (!found) {
        return { tokens: this.tokens, omitted: this.omitted, unchecked: this.unchecked, summary: summaryOf(this.omitted, this.unchecked) };
      }
      this.examine(found);
      if (examined % tokensPerYieldCheck === 0 && shouldYield()) {
        return undefined;
      }
    }
  }

  private examine(found: FoundToken): void {
    if (!mayBeServiceAccountToken(found.text)) {
      return;
    }
    if (found.text.length > this.budget) {
      this.unchecked++;
      return;
    }
    this.budget -= found.text.length;
    const account = this.accountOf(found.text);
    if (account && this.tokens.length < maxReportedTokens) {
      this.moveTo(found.start);
      this.tokens.push(describePlaintext(found, this.line, found.start - this.lineStart, account, this.nowSeconds));
    } else if (account) {
      this.omitted++;
    }
  }

  private accountOf(token: string): DecodedAccount {
    let account = this.decoded.get(token);
    if (account === undefined) {
      const earlier = this.known.get(token);
      account = earlier !== undefined ? earlier : decodedAccount(token);
      this.decoded.set(token, account);
    }
    return account;
  }

  /** Counts the line breaks up to `offset`, reading each character at most once over the whole check. */
  private moveTo(offset: number): void {
    this.nextNewline ??= this.text.indexOf('\n');
    while (this.nextNewline >= 0 && this.nextNewline < offset) {
      this.line++;
      this.lineStart = this.nextNewline + 1;
      this.nextNewline = this.text.indexOf('\n', this.lineStart);
    }
  }
}

/** The whole check at once (tests, and texts known to be small). Never throws; the work done is linear in the text and bounded per document. */
export function plaintextServiceAccountTokens(text: string, now: number): PlaintextTokenReport {
  return new PlaintextTokenCheck(text, now).advance(() => false) as PlaintextTokenReport;
}
