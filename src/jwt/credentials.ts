/**
 * Kubernetes ServiceAccount tokens written in plain text in a file: who they act as, and until
 * when. Runs on every open and edit in the extension host, so its cost is bounded whatever the
 * file holds: other tokens are rejected without decoding, at most `maxReportedTokens` are
 * described, and at most `maxDecodedCharacters` of token text are decoded per document.
 */
import { visibleText } from '../text/visibleText';
import { decodeJwt } from './decode';
import { serviceAccountOf } from './kubernetes';
import { scanTokens } from './scan';
import { absoluteTime, claimSeconds, expiryPhrase, secondsUntilExpiryPhraseChanges } from './time';

export interface PlaintextToken {
  readonly start: number;
  readonly end: number;
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

function mayBeServiceAccountToken(token: string): boolean {
  const firstDot = token.indexOf('.');
  const secondDot = token.indexOf('.', firstDot + 1);
  if (secondDot < 0 || token.indexOf('.', secondDot + 1) >= 0) {
    return false;
  }
  const payload = token.slice(firstDot + 1, secondDot);
  return encodedMarkers.some((marker) => payload.includes(marker));
}

function describePlaintext(start: number, end: number, token: string, nowSeconds: number): PlaintextToken | undefined {
  const decoded = decodeJwt(token);
  const account = decoded.form === 'jws' ? serviceAccountOf(decoded.payload) : undefined;
  if (decoded.form !== 'jws' || !account) {
    return undefined;
  }
  const actsAs = `system:serviceaccount:${visibleText(account.namespace, maxNameLength)}:${visibleText(account.name, maxNameLength)}`;
  const exp = claimSeconds(decoded.payload.exp)?.seconds;
  const until = exp === undefined
    ? 'never expires (a legacy token: revoke it by deleting its Secret)'
    : `${exp > nowSeconds ? 'valid until' : 'expired at'} ${absoluteTime(exp) ?? exp} (${expiryPhrase(exp, nowSeconds)})`;
  return {
    start,
    end,
    message: `Kubernetes ServiceAccount token in plain text: it acts as ${actsAs}; ${until}.`,
    expired: exp !== undefined && exp <= nowSeconds ? expiryPhrase(exp, nowSeconds) : undefined,
    changesIn: exp === undefined ? undefined : secondsUntilExpiryPhraseChanges(exp, nowSeconds),
  };
}

function summaryOf(omitted: number, unchecked: number): string | undefined {
  const parts: string[] = [];
  if (omitted > 0) {
    parts.push(`${omitted} more Kubernetes ServiceAccount token${omitted === 1 ? ' is' : 's are'} written in plain text in this file; only the first ${maxReportedTokens} are marked.`);
  }
  if (unchecked > 0) {
    parts.push(`${unchecked} more token-like string${unchecked === 1 ? ' was' : 's were'} not checked: this file holds more than ${maxDecodedCharacters / (1024 * 1024)} MiB of tokens that may be ServiceAccount tokens.`);
  }
  return parts.length > 0 ? `${parts.join(' ')} Move credentials out of files into a secret store.` : undefined;
}

/** Never throws; the work done is linear in the text and bounded per document. */
export function plaintextServiceAccountTokens(text: string, now: number): PlaintextTokenReport {
  const nowSeconds = Math.floor(now / 1000);
  const tokens: PlaintextToken[] = [];
  let omitted = 0;
  let unchecked = 0;
  let budget = maxDecodedCharacters;
  for (const found of scanTokens(text)) {
    if (!mayBeServiceAccountToken(found.text)) {
      continue;
    }
    if (found.text.length > budget) {
      unchecked++;
      continue;
    }
    budget -= found.text.length;
    const token = describePlaintext(found.start, found.end, found.text, nowSeconds);
    if (token && tokens.length < maxReportedTokens) {
      tokens.push(token);
    } else if (token) {
      omitted++;
    }
  }
  return { tokens, omitted, unchecked, summary: summaryOf(omitted, unchecked) };
}
