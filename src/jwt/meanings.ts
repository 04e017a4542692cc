/** What the registered and common header parameters and claims mean, and which issuers are known identity providers. */

export const headerMeanings: Record<string, string> = {
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

export const claimMeanings: Record<string, string> = {
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

/** Real issuers are short; a longer one is matched against nothing, so no pattern runs over a huge claim. */
const maxIssuerLength = 2048;

/** The identity provider an issuer URL belongs to, when it is one of the known ones. */
export function providerOf(iss: string): string | undefined {
  return iss.length <= maxIssuerLength ? providers.find(([pattern]) => pattern.test(iss))?.[1] : undefined;
}
