/**
 * What a decoded JWT means, for people: a one-line summary first (Kubernetes tokens get their
 * own), then header, times and claims with the standard claim names explained. Every value taken
 * from the token is held in a phrase, quoted and cut short, so no view can show it as Markdown.
 */
import { caseVariantOf } from './algorithms';
import { cloudExchange } from './cloudExchange';
import type { DecodedJwt, JsonObject, RepeatedName } from './decode';
import { nameOf, serviceAccountOf, type ServiceAccountClaims } from './kubernetes';
import { code } from './markdown';
import { claimMeanings, headerMeanings, providerOf } from './meanings';
import { joined, ours, phrase, phraseValueLimit, quoted, type Phrase } from './phrase';
import { absoluteTime, claimSeconds, expiryPhrase, humanDuration, issuedPhrase, notBeforePhrase } from './time';
import * as l10n from '../text/l10n';

export type JwtKind = 'kubernetes-bound' | 'kubernetes-legacy' | 'oidc' | 'jwt' | 'jwe' | 'unsecured' | 'malformed';

export interface ClaimLine {
  readonly name: Phrase;
  readonly value: Phrase;
  readonly meaning?: string;
}

export interface TokenDescription {
  readonly kind: JwtKind;
  readonly title: string;
  readonly summary: Phrase;
  readonly warnings: readonly Phrase[];
  /** For a Kubernetes token issued for a cloud's audience: the exchange that cloud makes, and what it must trust. */
  readonly exchange?: Phrase;
  readonly header: readonly ClaimLine[];
  readonly times: readonly Phrase[];
  readonly claims: readonly ClaimLine[];
  /** Seconds since the epoch; undefined when the token never expires or cannot be read. */
  readonly expiresAt?: number;
  /**
   * True when a key could check the signature: a signed JWT whose `alg` is neither `none` nor a
   * name that differs from a registered one in case only. Offer "Verify signature" only then.
   */
  readonly verifiable: boolean;
}

const maxValueLength = 160;
const maxNameLength = 80;
const maxClaims = 60;
/** Audiences listed in the one-line summary; the claims list shows them all. */
const maxSummaryAudiences = 3;

function describeTime(payload: JsonObject, claim: 'iat' | 'nbf' | 'exp', warnings: Phrase[]): number | undefined {
  const value = payload[claim];
  const time = claimSeconds(value);
  if (time?.writtenAsString) {
    warnings.push(ours(l10n.t('`{0}` is a string, not a number: most verifiers reject such a token.', claim)));
  } else if (time === undefined && value !== undefined) {
    warnings.push(phrase`${ours(`\`${claim}\``)} is not a time (seconds since 1970): ${quoted(value, 40)}.`);
  }
  return time?.seconds;
}

function audiences(payload: JsonObject): unknown[] {
  const aud = payload.aud;
  return Array.isArray(aud) ? aud : aud === undefined ? [] : [aud];
}

/** `a`, `b`, `c` and 7 more. */
function audienceList(payload: JsonObject): Phrase | undefined {
  const all = audiences(payload);
  if (all.length === 0) {
    return undefined;
  }
  const listed = joined(all.slice(0, maxSummaryAudiences).map((audience) => quoted(audience, 60)), ', ');
  return all.length > maxSummaryAudiences ? phrase`${listed} and ${all.length - maxSummaryAudiences} more` : listed;
}

interface Times {
  readonly exp?: number;
  readonly lines: Phrase[];
}

function describeTimes(payload: JsonObject, nowSeconds: number, warnings: Phrase[]): Times {
  const lines: Phrase[] = [];
  const at = (seconds: number) => absoluteTime(seconds) ?? seconds;
  const iat = describeTime(payload, 'iat', warnings);
  const nbf = describeTime(payload, 'nbf', warnings);
  const exp = describeTime(payload, 'exp', warnings);
  if (iat !== undefined) {
    lines.push(ours(l10n.t('issued {0}: {1}', at(iat), issuedPhrase(iat, nowSeconds))));
  }
  if (nbf !== undefined && nbf !== iat) {
    lines.push(ours(l10n.t('not before {0}: {1}', at(nbf), notBeforePhrase(nbf, nowSeconds))));
  } else if (nbf !== undefined && nbf > nowSeconds) {
    lines.push(ours(l10n.t('not valid for another {0}', humanDuration(nbf - nowSeconds))));
  }
  if (exp !== undefined) {
    lines.push(ours(l10n.t('expires {0}: {1}', at(exp), expiryPhrase(exp, nowSeconds))));
  } else {
    lines.push(ours(l10n.t('never expires: the token has no `exp` claim')));
  }
  return { exp, lines };
}

function accountPhrase(account: ServiceAccountClaims): Phrase {
  return phrase`ServiceAccount ${quoted(`${account.namespace}/${account.name}`, 2 * phraseValueLimit)}`;
}

function describeKubernetesBound(payload: JsonObject, account: ServiceAccountClaims & { legacy: false }, times: Times, nowSeconds: number): Phrase {
  const { k8s } = account;
  const pod = nameOf(k8s.pod);
  const secret = nameOf(k8s.secret);
  const node = nameOf(k8s.node);
  const parts = [accountPhrase(account)];
  if (pod !== undefined) {
    parts.push(node !== undefined ? phrase`bound to Pod ${pod} on node ${node}` : phrase`bound to Pod ${pod}`);
  } else if (secret !== undefined) {
    parts.push(phrase`bound to Secret ${secret}`);
  } else if (node !== undefined) {
    parts.push(phrase`bound to Node ${node}`);
  }
  const aud = audienceList(payload);
  parts.push(aud ? phrase`audiences ${aud}` : ours(l10n.t('no audience')));
  parts.push(ours(times.exp !== undefined ? expiryPhrase(times.exp, nowSeconds) : l10n.t('never expires')));
  const warnAfter = claimSeconds(k8s.warnafter)?.seconds;
  if (warnAfter !== undefined) {
    times.lines.push(
      ours(
        l10n.t(
          'warnafter {0}: the API server extended this token\'s lifetime so old clients keep working; a client should fetch a new token after this time ({1}), and the API server reports uses after it as stale',
          absoluteTime(warnAfter) ?? warnAfter,
          warnAfter > nowSeconds ? l10n.t('in {0}', humanDuration(warnAfter - nowSeconds)) : l10n.t('{0} ago', humanDuration(nowSeconds - warnAfter)),
        ),
      ),
    );
  }
  return joined(parts, ', ');
}

function describeKubernetesLegacy(account: ServiceAccountClaims & { legacy: true }, warnings: Phrase[]): Phrase {
  const secret = account.secret ?? '?';
  warnings.push(phrase`A legacy Secret-based token never expires: it stays valid until Secret ${secret} in namespace ${account.namespace} is deleted. Delete that Secret to revoke it.`);
  return phrase`${accountPhrase(account)}, legacy token: never expires; stored in Secret ${secret}`;
}

function oidcKind(payload: JsonObject): string {
  if (payload.token_use === 'id' || 'nonce' in payload || 'at_hash' in payload) {
    return l10n.t('ID token');
  }
  if (payload.token_use === 'access' || 'scope' in payload || 'scp' in payload || 'client_id' in payload) {
    return l10n.t('access token');
  }
  return 'token';
}

/** Known names are our own words (the tables' keys); any other name is the token's and is quoted. */
function nameLine(name: string, meanings: Record<string, string>): Phrase {
  return Object.hasOwn(meanings, name) ? ours(name) : quoted(name, maxNameLength);
}

function claimLines(object: JsonObject, meanings: Record<string, string>, limit: number, part: 'header' | 'payload'): ClaimLine[] {
  const entries = Object.entries(object);
  // Object.hasOwn: a claim named `constructor` or `__proto__` must not pick up Object.prototype.
  const lines: ClaimLine[] = entries.slice(0, maxClaims).map(([name, value]) => ({
    name: part === 'header' ? nameLine(name, meanings) : quoted(name, maxNameLength),
    value: quoted(value, limit),
    meaning: Object.hasOwn(meanings, name) ? meanings[name] : undefined,
  }));
  if (entries.length > maxClaims) {
    lines.push({ name: ours('…'), value: ours(part === 'header' ? l10n.t('{0} more header parameters not shown', entries.length - maxClaims) : l10n.t('{0} more claims not shown', entries.length - maxClaims)) });
  }
  return lines;
}

function repeatedWarnings(repeated: readonly RepeatedName[]): Phrase[] {
  return repeated.map(
    ({ part, name }) => phrase`The ${ours(part)} repeats the name ${quoted(name, maxNameLength)}: JWT libraries disagree on such a token (some reject it, others read the first or the last value); this shows the last.`,
  );
}

/** What the header's `alg` means for the signature, as a warning; undefined for a registered signing algorithm. */
function algorithmWarning(alg: string): Phrase | undefined {
  if (alg === 'none') {
    return ours(l10n.t('UNSIGNED: `alg` is `none`, so anyone can forge this token. No server should accept it.'));
  }
  const registered = caseVariantOf(alg);
  return registered === undefined
    ? undefined
    : phrase`${ours(l10n.t('`alg`'))} is ${alg}, which differs in case from ${ours(code(registered))}: algorithm names are case-sensitive (RFC 7515), so it names no algorithm, and a correct library rejects the token.`;
}

/** Describes a decoded token as of `now` (milliseconds); `valueLimit` cuts long claim values. Never throws. */
export function describeJwt(decoded: DecodedJwt, now: number, valueLimit = maxValueLength): TokenDescription {
  const nowSeconds = Math.floor(now / 1000);
  const empty = { warnings: [], header: [], times: [], claims: [], verifiable: false };
  if (decoded.form === 'malformed') {
    return { ...empty, kind: 'malformed', title: l10n.t('Malformed JWT'), summary: ours(l10n.t('This looks like a JWT but cannot be decoded: {0}.', decoded.reason)) };
  }
  const header = claimLines(decoded.header, headerMeanings(), valueLimit, 'header');
  const alg = String(decoded.header.alg);
  if (decoded.form === 'jwe') {
    return {
      ...empty,
      kind: 'jwe',
      title: l10n.t('Encrypted JWT (JWE)'),
      summary: phrase`Encrypted with ${alg} / ${String(decoded.header.enc)}: only its header can be read without the recipient's key.`,
      warnings: repeatedWarnings(decoded.repeated),
      header,
    };
  }
  const { payload } = decoded;
  const warnings: Phrase[] = [];
  const algWarning = algorithmWarning(alg);
  if (algWarning) {
    warnings.push(algWarning);
  }
  warnings.push(...repeatedWarnings(decoded.repeated));
  const times = describeTimes(payload, nowSeconds, warnings);
  const claims = claimLines(payload, claimMeanings(), valueLimit, 'payload');
  // One literal, not a shared base object spread into each kind's: that copy took a fifth of describeJwt's time in a CPU profile.
  const described = (kind: JwtKind, title: string, summary: Phrase, exchange?: Phrase): TokenDescription => ({
    kind,
    title,
    summary,
    warnings,
    ...(exchange ? { exchange } : {}),
    header,
    times: times.lines,
    claims,
    expiresAt: times.exp,
    verifiable: algWarning === undefined,
  });
  const account = serviceAccountOf(payload);
  if (account?.legacy === false) {
    return described('kubernetes-bound', l10n.t('Kubernetes ServiceAccount token'), describeKubernetesBound(payload, account, times, nowSeconds), cloudExchange(payload, account));
  }
  if (account?.legacy === true) {
    return described('kubernetes-legacy', l10n.t('Kubernetes ServiceAccount token (legacy Secret)'), describeKubernetesLegacy(account, warnings));
  }
  const unsecured = alg === 'none';
  const iss = typeof payload.iss === 'string' ? payload.iss : undefined;
  const provider = iss === undefined ? undefined : providerOf(iss);
  const aud = audienceList(payload);
  const parts = [
    provider ? undefined : iss !== undefined ? phrase`issued by ${iss}` : ours(l10n.t('no issuer')),
    typeof payload.sub === 'string' ? phrase`for ${quoted(payload.sub, 60)}` : undefined,
    aud ? phrase`audience ${aud}` : undefined,
    ours(times.exp !== undefined ? expiryPhrase(times.exp, nowSeconds) : l10n.t('never expires')),
  ].filter((part): part is Phrase => part !== undefined);
  const kind: JwtKind = unsecured ? 'unsecured' : provider ? 'oidc' : 'jwt';
  const title = unsecured ? l10n.t('Unsigned JWT (alg: none)') : provider ? `${provider} ${oidcKind(payload)}` : 'JWT';
  return described(kind, title, joined(parts, ', '));
}
