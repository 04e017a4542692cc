/**
 * What a decoded JWT means, for people: a one-line summary first (Kubernetes tokens get their
 * own), then header, times and claims with the standard claim names explained.
 */
import type { DecodedJwt, JsonObject } from './decode';
import { code } from './markdown';
import { absoluteTime, expiryPhrase, humanDuration, issuedPhrase, notBeforePhrase } from './time';

export type TokenKind = 'kubernetes-bound' | 'kubernetes-legacy' | 'oidc' | 'jwt' | 'jwe' | 'unsecured' | 'malformed';

export interface ClaimLine {
  readonly name: string;
  readonly value: string;
  readonly meaning?: string;
}

export interface TokenDescription {
  readonly kind: TokenKind;
  readonly title: string;
  readonly summary: string;
  readonly warnings: readonly string[];
  readonly header: readonly ClaimLine[];
  readonly times: readonly string[];
  readonly claims: readonly ClaimLine[];
  /** Seconds since the epoch; undefined when the token never expires or cannot be read. */
  readonly expiresAt?: number;
  readonly serviceAccount?: { readonly namespace: string; readonly name: string };
  /** The payload, to copy as JSON. */
  readonly payload?: JsonObject;
}

const headerMeanings: Record<string, string> = {
  alg: 'signature algorithm',
  kid: 'key ID: which of the issuer\'s keys signed it',
  typ: 'media type of the token',
  cty: 'content type of the payload',
  enc: 'content encryption algorithm',
  x5t: 'SHA-1 thumbprint of the signing certificate',
  'x5t#S256': 'SHA-256 thumbprint of the signing certificate',
  jku: 'URL of the issuer\'s key set',
  zip: 'compression of the payload',
};

const claimMeanings: Record<string, string> = {
  iss: 'issuer: who created and signed the token',
  sub: 'subject: who the token is about',
  aud: 'audience: the services that may accept it',
  exp: 'expiry time',
  nbf: 'not valid before this time',
  iat: 'issued at',
  jti: 'unique token ID',
  azp: 'authorized party: the client the token was issued to',
  nonce: 'value binding an ID token to the sign-in request',
  at_hash: 'hash of the access token issued with this ID token',
  c_hash: 'hash of the authorization code',
  auth_time: 'when the person signed in',
  acr: 'authentication context class',
  amr: 'authentication methods used',
  sid: 'session ID',
  scope: 'scopes granted to the client',
  scp: 'scopes granted to the client',
  client_id: 'OAuth client the token was issued to',
  cid: 'OAuth client the token was issued to (Okta)',
  uid: 'user ID (Okta)',
  email: 'email address',
  email_verified: 'whether the identity provider verified the email address',
  name: 'full name',
  given_name: 'given name',
  family_name: 'family name',
  preferred_username: 'user name the person prefers',
  picture: 'URL of a profile picture',
  locale: 'locale',
  groups: 'groups the subject belongs to',
  roles: 'roles granted to the subject',
  hd: 'Google Workspace domain',
  tid: 'Microsoft Entra tenant ID',
  oid: 'Microsoft Entra object ID of the subject',
  upn: 'user principal name (Microsoft Entra)',
  appid: 'application ID of the client (Microsoft Entra)',
  ver: 'token format version',
  token_use: 'id or access token (Amazon Cognito)',
  'cognito:username': 'user name in the Cognito user pool',
  'cognito:groups': 'Cognito user pool groups',
  realm_access: 'Keycloak realm roles',
  resource_access: 'Keycloak client roles',
  typ: 'token type',
  repository: 'repository that ran the workflow (GitHub Actions)',
  ref: 'Git ref that ran the workflow (GitHub Actions)',
  actor: 'account that triggered the workflow',
  'kubernetes.io': 'Kubernetes: namespace, ServiceAccount and the object the token is bound to',
  'kubernetes.io/serviceaccount/namespace': 'Kubernetes: namespace of the ServiceAccount (legacy token)',
  'kubernetes.io/serviceaccount/secret.name': 'Kubernetes: Secret that stores this legacy token',
  'kubernetes.io/serviceaccount/service-account.name': 'Kubernetes: ServiceAccount name (legacy token)',
  'kubernetes.io/serviceaccount/service-account.uid': 'Kubernetes: ServiceAccount UID (legacy token)',
};

const providers: [RegExp, string][] = [
  [/^https:\/\/accounts\.google\.com\/?$/, 'Google'],
  [/^https:\/\/(login\.microsoftonline\.com|sts\.windows\.net)\//, 'Microsoft Entra ID'],
  [/^https:\/\/[^/]+\.okta(preview)?\.com(\/|$)/, 'Okta'],
  [/^https:\/\/cognito-idp\.[^/]+\.amazonaws\.com\//, 'Amazon Cognito'],
  [/^https:\/\/[^/]+\.auth0\.com\/?$/, 'Auth0'],
  [/\/realms\/[^/]+\/?$/, 'Keycloak'],
  [/^https:\/\/token\.actions\.githubusercontent\.com\/?$/, 'GitHub Actions'],
  [/^https:\/\/gitlab\.com\/?$/, 'GitLab'],
];

const maxValueLength = 160;
const maxClaims = 60;

/** A claim value on one line, cut short when long: hovers must stay readable whatever the payload holds. */
function shortValue(value: unknown, limit: number): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
  const oneLine = text.replace(/[\r\n\t]+/g, ' ');
  return oneLine.length > limit ? `${oneLine.slice(0, limit)}… (${oneLine.length} characters)` : oneLine;
}

/** A time claim as a number; numbers written as strings are read but reported, since most verifiers reject them. */
function timeClaim(payload: JsonObject, name: string, warnings: string[]): number | undefined {
  const value = payload[name];
  if (typeof value === 'number' && Number.isFinite(value)) {
    return value;
  }
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) {
    warnings.push(`\`${name}\` is a string, not a number: most verifiers reject such a token.`);
    return Number(value);
  }
  if (value !== undefined) {
    warnings.push(`\`${name}\` is not a time (seconds since 1970): ${code(shortValue(value, 40))}.`);
  }
  return undefined;
}

function asObject(value: unknown): JsonObject | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

function audiences(payload: JsonObject): string[] {
  const aud = payload.aud;
  return Array.isArray(aud) ? aud.map(String) : typeof aud === 'string' ? [aud] : [];
}

function nameOf(value: unknown): string | undefined {
  const name = asObject(value)?.name;
  return typeof name === 'string' ? name : undefined;
}

interface Times {
  readonly exp?: number;
  readonly lines: string[];
}

function describeTimes(payload: JsonObject, nowSeconds: number, warnings: string[]): Times {
  const lines: string[] = [];
  const line = (name: string, seconds: number, phrase: string) => lines.push(`${name} ${absoluteTime(seconds) ?? seconds}: ${phrase}`);
  const iat = timeClaim(payload, 'iat', warnings);
  const nbf = timeClaim(payload, 'nbf', warnings);
  const exp = timeClaim(payload, 'exp', warnings);
  if (iat !== undefined) {
    line('issued', iat, issuedPhrase(iat, nowSeconds));
  }
  if (nbf !== undefined && nbf !== iat) {
    line('not before', nbf, notBeforePhrase(nbf, nowSeconds));
  } else if (nbf !== undefined && nbf > nowSeconds) {
    lines.push(`not valid for another ${humanDuration(nbf - nowSeconds)}`);
  }
  if (exp !== undefined) {
    line('expires', exp, expiryPhrase(exp, nowSeconds));
  } else {
    lines.push('never expires: the token has no `exp` claim');
  }
  return { exp, lines };
}

function describeKubernetesBound(payload: JsonObject, k8s: JsonObject, times: Times, nowSeconds: number) {
  const namespace = String(k8s.namespace);
  const name = nameOf(k8s.serviceaccount) ?? '?';
  const pod = nameOf(k8s.pod);
  const secret = nameOf(k8s.secret);
  const node = nameOf(k8s.node);
  const parts = [`ServiceAccount ${code(`${namespace}/${name}`)}`];
  if (pod) {
    parts.push(node ? `bound to Pod ${code(pod)} on node ${code(node)}` : `bound to Pod ${code(pod)}`);
  } else if (secret) {
    parts.push(`bound to Secret ${code(secret)}`);
  } else if (node) {
    parts.push(`bound to Node ${code(node)}`);
  }
  const aud = audiences(payload);
  parts.push(aud.length > 0 ? `audiences ${aud.map((a) => code(a)).join(', ')}` : 'no audience');
  parts.push(times.exp !== undefined ? expiryPhrase(times.exp, nowSeconds) : 'never expires');
  const warnAfter = typeof k8s.warnafter === 'number' ? k8s.warnafter : undefined;
  if (warnAfter !== undefined) {
    times.lines.push(
      `warnafter ${absoluteTime(warnAfter) ?? warnAfter}: the API server extended this token's lifetime so old clients keep working; ` +
        `a client should fetch a new token after this time (${warnAfter > nowSeconds ? `in ${humanDuration(warnAfter - nowSeconds)}` : `${humanDuration(nowSeconds - warnAfter)} ago`}), and the API server reports uses after it as stale`,
    );
  }
  return { summary: parts.join(', '), serviceAccount: { namespace, name } };
}

function describeKubernetesLegacy(payload: JsonObject) {
  const namespace = String(payload['kubernetes.io/serviceaccount/namespace']);
  const name = String(payload['kubernetes.io/serviceaccount/service-account.name'] ?? '?');
  const secret = payload['kubernetes.io/serviceaccount/secret.name'];
  return {
    summary: `ServiceAccount ${code(`${namespace}/${name}`)}, legacy token: never expires; stored in Secret ${code(String(secret ?? '?'))}`,
    serviceAccount: { namespace, name },
  };
}

function oidcKind(payload: JsonObject): 'ID token' | 'access token' | 'token' {
  if (payload.token_use === 'id' || 'nonce' in payload || 'at_hash' in payload) {
    return 'ID token';
  }
  if (payload.token_use === 'access' || 'scope' in payload || 'scp' in payload || 'client_id' in payload) {
    return 'access token';
  }
  return 'token';
}

function claimLines(object: JsonObject, meanings: Record<string, string>, limit: number): ClaimLine[] {
  const entries = Object.entries(object);
  // Object.hasOwn: a claim named `constructor` or `__proto__` must not pick up Object.prototype.
  const lines: ClaimLine[] = entries.slice(0, maxClaims).map(([name, value]) => ({ name, value: shortValue(value, limit), meaning: Object.hasOwn(meanings, name) ? meanings[name] : undefined }));
  if (entries.length > maxClaims) {
    lines.push({ name: '…', value: `${entries.length - maxClaims} more claims not shown` });
  }
  return lines;
}

/** Describes a decoded token as of `now` (milliseconds); `valueLimit` cuts long claim values. */
export function describeJwt(decoded: DecodedJwt, now: number, valueLimit = maxValueLength): TokenDescription {
  const nowSeconds = Math.floor(now / 1000);
  if (decoded.form === 'malformed') {
    return { kind: 'malformed', title: 'Malformed JWT', summary: `This looks like a JWT but cannot be decoded: ${decoded.reason}.`, warnings: [], header: [], times: [], claims: [] };
  }
  const header = claimLines(decoded.header, headerMeanings, valueLimit);
  if (decoded.form === 'jwe') {
    return {
      kind: 'jwe',
      title: 'Encrypted JWT (JWE)',
      summary: `Encrypted with ${code(String(decoded.header.alg))} / ${code(String(decoded.header.enc ?? '?'))}: only its header can be read without the recipient's key.`,
      warnings: [],
      header,
      times: [],
      claims: [],
    };
  }
  const { payload } = decoded;
  const warnings: string[] = [];
  const unsecured = String(decoded.header.alg).toLowerCase() === 'none';
  if (unsecured) {
    warnings.push('UNSIGNED: `alg` is `none`, so anyone can forge this token. No server should accept it.');
  }
  const times = describeTimes(payload, nowSeconds, warnings);
  const claims = claimLines(payload, claimMeanings, valueLimit);
  const base = { warnings, header, claims, times: times.lines, expiresAt: times.exp, payload };
  const k8s = asObject(payload['kubernetes.io']);
  if (k8s && typeof k8s.namespace === 'string' && nameOf(k8s.serviceaccount)) {
    return { ...base, kind: 'kubernetes-bound', title: 'Kubernetes ServiceAccount token', ...describeKubernetesBound(payload, k8s, times, nowSeconds) };
  }
  if (payload.iss === 'kubernetes/serviceaccount' && typeof payload['kubernetes.io/serviceaccount/namespace'] === 'string') {
    return { ...base, kind: 'kubernetes-legacy', title: 'Kubernetes ServiceAccount token (legacy Secret)', ...describeKubernetesLegacy(payload) };
  }
  const expiry = times.exp !== undefined ? expiryPhrase(times.exp, nowSeconds) : 'never expires';
  const aud = audiences(payload);
  const forWhom = [typeof payload.sub === 'string' ? `for ${code(shortValue(payload.sub, 60))}` : '', aud.length > 0 ? `audience ${aud.map((a) => code(shortValue(a, 60))).join(', ')}` : '']
    .filter(Boolean)
    .join(', ');
  const iss = typeof payload.iss === 'string' ? payload.iss : undefined;
  const provider = iss ? providers.find(([pattern]) => pattern.test(iss))?.[1] : undefined;
  const kind: TokenKind = unsecured ? 'unsecured' : provider ? 'oidc' : 'jwt';
  const title = unsecured ? 'Unsigned JWT (alg: none)' : provider ? `${provider} ${oidcKind(payload)}` : 'JWT';
  const issuedBy = provider ? '' : iss ? `issued by ${code(shortValue(iss, 80))}` : 'no issuer';
  return { ...base, kind, title, summary: [issuedBy, forWhom, expiry].filter(Boolean).join(', ') };
}
