/**
 * The published JWT rules of gitleaks and trufflehog, translated from Go to JavaScript, so they can be
 * run on the same files as our scan. Each returns the matches it would report in one file's text.
 *
 * gitleaks, rule `jwt`: github.com/gitleaks/gitleaks, config/gitleaks.toml (generated from
 * cmd/generate/config/rules/jwt.go through utils.GenerateUniqueTokenRegex), commit
 * b58d3f102cf3a2c84cb7f923d05c25c9b1aed84b (2026-07-22; the rule last changed in 09242ce9c8a6):
 *   regex = '''\b(ey[a-zA-Z0-9]{17,}\.ey[a-zA-Z0-9\/\\_-]{17,}\.(?:[a-zA-Z0-9\/\\_-]{10,}={0,2})?)(?:[\x60'"\s;]|\\[nr]|$)'''
 *   entropy = 3, keywords = ["ey"]
 * detect/detect.go reports group 1 as the secret and drops it when its Shannon entropy (over runes,
 * detect/utils.go shannonEntropy) is <= 3. The global allowlist (paths such as node_modules, stopwords)
 * does not change the result here: the same files are given to every tool, and no planted token holds
 * a stopword.
 *
 * trufflehog, detector JWT: github.com/trufflesecurity/trufflehog, pkg/detectors/jwt/jwt.go, commit
 * 3ab759fef4bb5935d4fe9ac68b503d05346b8364 (2026-08-21; the file last changed in 7f04a89676cb):
 *   keyPat = `\b((?:eyJ|ewogIC|ewoid)[A-Za-z0-9_-]{12,}={0,2}\.(?:eyJ|ewo)[A-Za-z0-9_-]{12,}={0,2}\.[A-Za-z0-9_-]{12,})\b`
 * then, without verification (no network): golang-jwt's ParseUnverified must succeed (three parts, a
 * header and a payload that decode to JSON objects, `alg` a registered method), HS256/384/512 tokens
 * are dropped ("we can't in general do signature verification on HMAC-based algorithms"), and the
 * signature must decode. Equal matches in one chunk are reported once.
 *
 * Translation from Go's RE2 to JavaScript: both pick the leftmost match and prefer as Perl does, so the
 * same text matches; RE2's `\s` is `[\t\n\f\r ]` (JavaScript's also takes \v and Unicode spaces), written
 * out below; `$` without (?m) is the end of the text in both; `\b` is ASCII in both (no `u` flag).
 * Not modelled: trufflehog's decoders (it also looks inside base64, UTF-16 and escaped-Unicode
 * text; no planted token is hidden that way) and its chunking (10 KB chunks with overlap; a token
 * shorter than the overlap is never cut).
 */

export interface RuleMatch {
  /** UTF-16 offsets of the reported secret in the file's text. */
  readonly start: number;
  readonly end: number;
}

const gitleaksJwt = /\b(ey[a-zA-Z0-9]{17,}\.ey[a-zA-Z0-9\/\\_-]{17,}\.(?:[a-zA-Z0-9\/\\_-]{10,}={0,2})?)(?:[\x60'"\t\n\f\r ;]|\\[nr]|$)/g;
const trufflehogJwt = /\b((?:eyJ|ewogIC|ewoid)[A-Za-z0-9_-]{12,}={0,2}\.(?:eyJ|ewo)[A-Za-z0-9_-]{12,}={0,2}\.[A-Za-z0-9_-]{12,})\b/g;

/** gitleaks detect/utils.go: Shannon entropy in bits over the runes of `data`. */
function shannonEntropy(data: string): number {
  const counts = new Map<string, number>();
  const runes = [...data];
  for (const rune of runes) {
    counts.set(rune, (counts.get(rune) ?? 0) + 1);
  }
  let entropy = 0;
  for (const count of counts.values()) {
    const frequency = count / runes.length;
    entropy -= frequency * Math.log2(frequency);
  }
  return entropy;
}

export function gitleaksMatches(text: string): RuleMatch[] {
  const matches: RuleMatch[] = [];
  for (const match of text.matchAll(gitleaksJwt)) {
    const secret = match[1];
    if (shannonEntropy(secret) > 3) {
      matches.push({ start: match.index, end: match.index + secret.length });
    }
  }
  return matches;
}

/** golang-jwt v5 DecodeSegment with WithPaddingAllowed: padded segments by URLEncoding, others by RawURLEncoding. */
function goDecodeSegment(segment: string): Buffer | undefined {
  const padded = segment.endsWith('=');
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(segment) || (padded ? segment.length % 4 !== 0 : segment.length % 4 === 1)) {
    return undefined;
  }
  return Buffer.from(segment.replace(/=+$/, ''), 'base64url');
}

function jsonObject(bytes: Buffer | undefined): Record<string, unknown> | undefined {
  if (!bytes) {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The signing methods golang-jwt v5 registers (GetSigningMethod); an unknown `alg` fails ParseUnverified. */
const registeredMethods = new Set(['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'ES256', 'ES384', 'ES512', 'PS256', 'PS384', 'PS512', 'EdDSA', 'none']);

export function trufflehogMatches(text: string): RuleMatch[] {
  const matches: RuleMatch[] = [];
  const seen = new Set<string>();
  for (const match of text.matchAll(trufflehogJwt)) {
    const token = match[1];
    if (seen.has(token)) {
      continue;
    }
    seen.add(token);
    const parts = token.split('.');
    const header = jsonObject(goDecodeSegment(parts[0]));
    const claims = jsonObject(goDecodeSegment(parts[1]));
    if (parts.length !== 3 || !header || !claims || typeof header.alg !== 'string' || !registeredMethods.has(header.alg)) {
      continue;
    }
    if (['HS256', 'HS384', 'HS512'].includes(header.alg) || !goDecodeSegment(parts[2])) {
      continue;
    }
    matches.push({ start: match.index, end: match.index + token.length });
  }
  return matches;
}
