/** What the registered and common header parameters and claims mean, and which issuers are known identity providers. */
import * as l10n from '../text/l10n';

/** Made on first use and again after the extension configured the language, not when this module loads; read per claim by the hover. */
export const headerMeanings = l10n.localised((): Record<string, string> => ({
  alg: l10n.t('signature algorithm'),
  kid: l10n.t('key ID: which of the issuer\'s keys signed it'),
  typ: l10n.t('media type of the token'),
  cty: l10n.t('content type of the payload'),
  enc: l10n.t('content encryption algorithm'),
  x5t: l10n.t('SHA-1 thumbprint of the signing certificate'),
  'x5t#S256': l10n.t('SHA-256 thumbprint of the signing certificate'),
  jku: l10n.t('URL of the issuer\'s key set'),
  zip: l10n.t('compression of the payload'),
}));

export const claimMeanings = l10n.localised((): Record<string, string> => ({
  iss: l10n.t('issuer: who created and signed the token'),
  sub: l10n.t('subject: who the token is about'),
  aud: l10n.t('audience: the services that may accept it'),
  exp: l10n.t('expiry time'),
  nbf: l10n.t('not valid before this time'),
  iat: l10n.t('issued at'),
  jti: l10n.t('unique token ID'),
  azp: l10n.t('authorized party: the client the token was issued to'),
  nonce: l10n.t('value binding an ID token to the sign-in request'),
  at_hash: l10n.t('hash of the access token issued with this ID token'),
  c_hash: l10n.t('hash of the authorization code'),
  auth_time: l10n.t('when the person signed in'),
  acr: l10n.t('authentication context class'),
  amr: l10n.t('authentication methods used'),
  sid: l10n.t('session ID'),
  scope: l10n.t('scopes granted to the client'),
  scp: l10n.t('scopes granted to the client'),
  client_id: l10n.t('OAuth client the token was issued to'),
  cid: l10n.t('OAuth client the token was issued to (Okta)'),
  uid: l10n.t('user ID (Okta)'),
  email: l10n.t('email address'),
  email_verified: l10n.t('whether the identity provider verified the email address'),
  name: l10n.t('full name'),
  given_name: l10n.t('given name'),
  family_name: l10n.t('family name'),
  preferred_username: l10n.t('user name the person prefers'),
  picture: l10n.t('URL of a profile picture'),
  locale: 'locale',
  groups: l10n.t('groups the subject belongs to'),
  roles: l10n.t('roles granted to the subject'),
  hd: l10n.t('Google Workspace domain'),
  tid: l10n.t('Microsoft Entra tenant ID'),
  oid: l10n.t('Microsoft Entra object ID of the subject'),
  upn: l10n.t('user principal name (Microsoft Entra)'),
  appid: l10n.t('application ID of the client (Microsoft Entra)'),
  ver: l10n.t('token format version'),
  token_use: l10n.t('id or access token (Amazon Cognito)'),
  'cognito:username': l10n.t('user name in the Cognito user pool'),
  'cognito:groups': l10n.t('Cognito user pool groups'),
  realm_access: l10n.t('Keycloak realm roles'),
  resource_access: l10n.t('Keycloak client roles'),
  typ: l10n.t('token type'),
  repository: l10n.t('repository that ran the workflow (GitHub Actions)'),
  ref: l10n.t('Git ref that ran the workflow (GitHub Actions)'),
  actor: l10n.t('account that triggered the workflow'),
  'kubernetes.io': l10n.t('Kubernetes: namespace, ServiceAccount and the object the token is bound to'),
  'kubernetes.io/serviceaccount/namespace': l10n.t('Kubernetes: namespace of the ServiceAccount (legacy token)'),
  'kubernetes.io/serviceaccount/secret.name': l10n.t('Kubernetes: Secret that stores this legacy token'),
  'kubernetes.io/serviceaccount/service-account.name': l10n.t('Kubernetes: ServiceAccount name (legacy token)'),
  'kubernetes.io/serviceaccount/service-account.uid': l10n.t('Kubernetes: ServiceAccount UID (legacy token)'),
}));

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
