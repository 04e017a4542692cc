// The fidelity table: requests whose answer from a real kube-apiserver is known, with that answer.
// Each case names its source: the real v1.24 server of shared/reference/kubernetes-token-api.md, or
// the kube-apiserver source the text was read from (kubernetes/kubernetes and the staging repositories
// apimachinery, apiserver at their release tags). A case runs against every release the local server
// can act as; an answer that depends on the release is a function of what that release switches.
import { decodeJwt, generateKeyPair, SignJWT } from 'jose';
import type { Answered, Exchange, Expected } from './fidelityExchange';
import { createLegacyTokenSecret } from './seed';
import type { LocalCluster } from './server';
import type { VersionBehaviour } from './version';

/** What one step of a case leaves for the next, such as a token it was issued. */
export type Memo = Record<string, string>;

export interface Answer {
  readonly status: number;
  /** The JSON body's fields, exactly; fields not listed may be present, fields set to undefined must not. */
  readonly body?: Expected;
  /** A body that is not JSON. */
  readonly text?: string;
  readonly headers?: Readonly<Record<string, string | RegExp | undefined>>;
  /** What a field list cannot say, such as a JWT's claims. */
  readonly check?: (answer: Answered, cluster: LocalCluster, memo: Memo) => void;
}

export interface Step {
  /** Done to the cluster first, as its users or controllers would. */
  readonly before?: (cluster: LocalCluster, memo: Memo) => unknown;
  readonly request: Exchange | ((cluster: LocalCluster, memo: Memo) => Exchange);
  readonly expect: Answer | ((behaviour: VersionBehaviour, cluster: LocalCluster, memo: Memo) => Answer);
  /** Keeps part of the answer for later steps. */
  readonly keep?: (answer: Answered, memo: Memo) => void;
}

export interface FidelityCase {
  readonly name: string;
  readonly source: string;
  readonly steps: readonly Step[];
}

const realV124 = 'status, reason and message seen on a real kube-apiserver v1.24 (reference)';
const seenOnV124 = (detail: string) => `real kube-apiserver v1.24 (reference): ${detail}`;
const kubeSource = (where: string) => `kube-apiserver source: ${where}`;

const tokenPath = (name = 'vault-auth', namespace = 'demo') => `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`;
const reviewPath = '/apis/authentication.k8s.io/v1/tokenreviews';
const sarPath = '/apis/authorization.k8s.io/v1/subjectaccessreviews';
const ssrrPath = '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews';
const subjectAccessReview = (spec: unknown) => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec });
const accountGroups = ['system:serviceaccounts', 'system:serviceaccounts:demo', 'system:authenticated'];
const tokenRequest = (spec: unknown, metadata?: unknown) => ({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', ...(metadata ? { metadata } : {}), spec });
const tokenReview = (token: string, audiences?: string[]) => ({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token, ...(audiences ? { audiences } : {}) } });

/** A Status as kube-apiserver sends it; details undefined means the Status has none. */
function failure(code: number, reason: string, message: string, details?: Expected): Expected {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details, code };
}
const badRequest = (message: string) => ({ status: 400, body: failure(400, 'BadRequest', message) });
const cannotHandle = (kind: string, version: string, error: string, target = 'TokenRequest') => badRequest(`${kind} in version "${version}" cannot be handled as a ${target}: ${error}`);

const claimsOf = (answer: Answered) => decodeJwt((answer.json as { status: { token: string } }).status.token);
const keepToken = (answer: Answered, memo: Memo) => {
  memo.token = (answer.json as { status: { token: string } }).status.token;
};
const uid = (cluster: LocalCluster, resource: 'pods' | 'secrets' | 'nodes' | 'serviceaccounts', name: string) => cluster.store.get(resource, resource === 'nodes' ? undefined : 'demo', name)!.metadata.uid;

/** A key the cluster never published: a token it signs fails the signature check, not the issuer check. */
const foreignKey = generateKeyPair('RS256');

const single = (request: Step['request'], expect: Step['expect']): readonly Step[] => [{ request, expect }];

export const fidelityCases: readonly FidelityCase[] = [
  // Accepted by the old local server, refused with 400 by a real one.
  {
    name: 'a TokenReview posted to the token subresource',
    source: `${seenOnV124('400')}; text: apimachinery conversion/converter.go Convert ("unknown conversion") through handlers/rest.go transformDecodeError`,
    steps: single({ path: tokenPath(), body: tokenReview('x') }, cannotHandle('TokenReview', 'v1', 'converting (v1.TokenReview) to (authentication.TokenRequest): unknown conversion')),
  },
  {
    name: 'a TokenRequest whose kind is in the wrong case',
    source: `${seenOnV124('400')}; text: apimachinery runtime/error.go notRegisteredErr, legacyscheme as -trimpath builds name it`,
    steps: single(
      { path: tokenPath(), body: { apiVersion: 'authentication.k8s.io/v1', kind: 'tokenrequest', spec: {} } },
      cannotHandle('tokenrequest', 'v1', 'no kind "tokenrequest" is registered for version "authentication.k8s.io/v1" in scheme "pkg/api/legacyscheme/scheme.go:30"'),
    ),
  },
  {
    name: 'a TokenRequest whose apiVersion is in the wrong case',
    source: `${seenOnV124('400')}; text: apimachinery runtime/error.go notRegisteredErr`,
    steps: single(
      { path: tokenPath(), body: { apiVersion: 'Authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} } },
      cannotHandle('TokenRequest', 'v1', 'no kind "TokenRequest" is registered for version "Authentication.k8s.io/v1" in scheme "pkg/api/legacyscheme/scheme.go:30"'),
    ),
  },
  {
    name: 'a TokenRequest of authentication.k8s.io/v1beta1, which never had one',
    source: `${seenOnV124('400')}; text: apimachinery runtime/error.go notRegisteredErr`,
    steps: single(
      { path: tokenPath(), body: { apiVersion: 'authentication.k8s.io/v1beta1', kind: 'TokenRequest', spec: {} } },
      cannotHandle('TokenRequest', 'v1beta1', 'no kind "TokenRequest" is registered for version "authentication.k8s.io/v1beta1" in scheme "pkg/api/legacyscheme/scheme.go:30"'),
    ),
  },
  {
    name: 'a TokenReview of authentication.k8s.io/v1beta1 posted to v1',
    source: kubeSource('apiserver handlers/create.go AcceptsGroupVersion'),
    steps: single({ path: reviewPath, body: { ...tokenReview('x'), apiVersion: 'authentication.k8s.io/v1beta1' } }, badRequest('the API version in the data (authentication.k8s.io/v1beta1) does not match the expected API version (authentication.k8s.io/v1)')),
  },
  {
    name: 'a label value that is a number',
    source: `${seenOnV124('400')}; text: sigs.k8s.io/json decode.go UnmarshalTypeError (map keys are not in the field path)`,
    steps: single({ path: tokenPath(), body: tokenRequest({}, { labels: { tier: 1 } }) }, cannotHandle('TokenRequest', 'v1', 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string')),
  },
  {
    name: 'a label value that is a boolean',
    source: `${seenOnV124('400')}; text: sigs.k8s.io/json decode.go UnmarshalTypeError`,
    steps: single({ path: tokenPath(), body: tokenRequest({}, { labels: { enabled: true } }) }, cannotHandle('TokenRequest', 'v1', 'json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string')),
  },
  {
    name: 'a TokenReview whose spec.token is a number',
    source: `${seenOnV124('400')}; text: sigs.k8s.io/json decode.go UnmarshalTypeError`,
    steps: single({ path: reviewPath, body: { ...tokenReview('x'), spec: { token: 123 } } }, cannotHandle('TokenReview', 'v1', 'json: cannot unmarshal number into Go struct field TokenReviewSpec.spec.token of type string', 'TokenReview')),
  },
  {
    name: 'metadata.name: 123 is a decode error, not a name mismatch',
    source: `${seenOnV124('400, not 422')}; text: sigs.k8s.io/json decode.go UnmarshalTypeError`,
    steps: single({ path: tokenPath(), body: tokenRequest({}, { name: 123 }) }, cannotHandle('TokenRequest', 'v1', 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string')),
  },
  {
    name: "a body whose namespace is not the URL's",
    source: `${realV124}; apiserver registry/rest/meta.go EnsureObjectNamespaceMatchesRequestNamespace`,
    steps: single({ path: tokenPath(), body: tokenRequest({}, { namespace: 'payments' }) }, badRequest('the namespace of the provided object does not match the namespace sent on the request')),
  },
  {
    name: 'a Pod binding without a name',
    source: `${realV124}; apiserver registry/generic/registry NamespaceKeyFunc`,
    steps: single({ path: tokenPath(), body: tokenRequest({ boundObjectRef: { apiVersion: 'v1', kind: 'Pod' } }) }, badRequest('Name parameter required.')),
  },
  {
    name: 'an unsupported field selector',
    source: `${realV124}; kubernetes pkg/apis/core/v1/conversion.go field label conversion`,
    steps: single({ path: '/api/v1/namespaces/demo/serviceaccounts?fieldSelector=spec.bogus%3D1' }, badRequest('field label not supported: spec.bogus')),
  },
  {
    name: 'a field selector without an operator',
    source: kubeSource('apimachinery pkg/fields/selector.go parseSelector'),
    steps: single({ path: '/api/v1/namespaces/demo/pods?fieldSelector=bogus' }, badRequest("invalid selector: 'bogus'; can't understand 'bogus'")),
  },
  {
    name: 'a Pod field selector the server indexes',
    source: kubeSource('kubernetes pkg/apis/core/v1/conversion.go: spec.serviceAccountName is a Pod field label'),
    steps: single({ path: '/api/v1/namespaces/demo/pods?fieldSelector=spec.serviceAccountName%3Dvault-auth' }, { status: 200, body: { kind: 'PodList', items: [{ metadata: { name: 'web-0' } }] } }),
  },

  // Worded as Go words them.
  {
    name: 'a fractional expirationSeconds names the number',
    source: seenOnV124('"cannot unmarshal number 3600.5 into Go struct field …"; encoding/json literalStore'),
    steps: single({ path: tokenPath(), body: tokenRequest({ expirationSeconds: 3600.5 }) }, cannotHandle('TokenRequest', 'v1', 'json: cannot unmarshal number 3600.5 into Go struct field TokenRequestSpec.spec.expirationSeconds of type int64')),
  },
  {
    name: 'audiences given as a string',
    source: seenOnV124('"cannot unmarshal string into Go struct field … of type []string"'),
    steps: single({ path: tokenPath(), body: tokenRequest({ audiences: 'vault' }) }, cannotHandle('TokenRequest', 'v1', 'json: cannot unmarshal string into Go struct field TokenRequestSpec.spec.audiences of type []string')),
  },
  {
    name: 'an audience that is a number ([vault, 443])',
    source: seenOnV124('"… number into Go struct field … of type string"; list indexes are not in the field path'),
    steps: single({ path: tokenPath(), body: tokenRequest({ audiences: ['vault', 443] }) }, cannotHandle('TokenRequest', 'v1', 'json: cannot unmarshal number into Go struct field TokenRequestSpec.spec.audiences of type string')),
  },
  {
    name: 'malformed JSON',
    source: kubeSource('apimachinery serializer/json/meta.go Interpret, Go scanner.go, apiserver handlers/rest.go summarizeData'),
    steps: single(
      { path: reviewPath, body: '{"spec": {"token": "x",}}' },
      badRequest('the object provided is unrecognized (must be of type TokenReview): couldn\'t get version/kind; json parse error: invalid character \'}\' looking for beginning of object key string ({"spec": {"token": "x",}})'),
    ),
  },
  {
    name: 'a YAML body sent as JSON (kubectl create --raw sends no Content-Type)',
    source: kubeSource('apiserver negotiation (no Content-Type is JSON), meta.go Interpret, rest.go summarizeData (hex when not "{")'),
    steps: single(
      { path: tokenPath(), body: 'apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\n' },
      badRequest("the object provided is unrecognized (must be of type TokenRequest): couldn't get version/kind; json parse error: invalid character 'a' looking for beginning of value (61706956657273696f6e3a2061757468656e7469636174696f6e2e6b3873 ...)"),
    ),
  },
  {
    name: 'a body in a media type the server does not read',
    source: kubeSource('apiserver handlers/negotiation errors.go errUnsupportedMediaType'),
    steps: single(
      { path: tokenPath(), body: '{}', contentType: 'text/plain' },
      { status: 415, body: failure(415, 'UnsupportedMediaType', 'the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf') },
    ),
  },
  {
    name: 'TokenReview audiences are printed as Go lists',
    source: seenOnV124('["a" "b"] lists; pkg/serviceaccount/jwt.go %q of authenticator.Audiences'),
    steps: [
      { request: { path: tokenPath(), body: tokenRequest({ audiences: ['vault', 'extra'] }) }, expect: { status: 201 }, keep: keepToken },
      {
        request: (_, memo) => ({ path: reviewPath, body: tokenReview(memo.token, ['other', 'more']) }),
        expect: { status: 201, body: { status: { authenticated: undefined, user: {}, error: '[invalid bearer token, token audiences ["vault" "extra"] is invalid for the target audiences ["other" "more"]]' } } },
      },
    ],
  },
  {
    name: 'a token signed by a key the server does not know',
    source: seenOnV124('invalid bearer token, square/go-jose: error in cryptographic primitive'),
    steps: [
      {
        before: async (cluster, memo) => {
          const { privateKey } = await foreignKey;
          const now = Math.floor(Date.now() / 1000);
          memo.token = await new SignJWT({ aud: [cluster.url], exp: now + 600, iat: now, iss: cluster.url, nbf: now, sub: 'system:serviceaccount:demo:vault-auth' }).setProtectedHeader({ alg: 'RS256', kid: 'unknown' }).sign(privateKey);
        },
        request: (_, memo) => ({ path: reviewPath, body: tokenReview(memo.token) }),
        expect: { status: 201, body: { status: { user: {}, error: '[invalid bearer token, square/go-jose: error in cryptographic primitive]' } } },
      },
    ],
  },
  {
    name: 'a continue token that is not base64url JSON',
    source: kubeSource('apiserver storage decodeContinue: Go json.Unmarshal of the decoded bytes (scanner.go quoteChar)'),
    steps: single({ path: '/api/v1/serviceaccounts?limit=2&continue=garbage' }, badRequest("invalid continue token: continue key is not valid: invalid character '\\u0081' looking for beginning of value")),
  },
  {
    name: 'a continue token that is not base64url',
    source: kubeSource('apiserver storage decodeContinue: base64.RawURLEncoding'),
    steps: single({ path: '/api/v1/serviceaccounts?limit=2&continue=a%3Db' }, badRequest('invalid continue token: continue key is not valid: illegal base64 data at input byte 1')),
  },
  {
    name: 'a continue token of an encoding version the server does not know',
    source: kubeSource('1.24 apiserver storage/etcd3/store.go quotes the version; 1.25 on storage/continue.go does not'),
    steps: single({ path: `/api/v1/serviceaccounts?limit=2&continue=${Buffer.from('{"v":"x","rv":1,"start":"a"}').toString('base64url')}` }, (behaviour) =>
      badRequest(`invalid continue token: continue key is not valid: server does not recognize this encoded version ${behaviour.quotesContinueVersion ? '"x"' : 'x'}`),
    ),
  },

  // What a real server does that the old local server did not.
  {
    name: "TokenReview authenticates the server's own static tokens",
    source: seenOnV124('static token-file tokens authenticate; audience-agnostic authenticators answer for the API server audiences'),
    steps: single(
      (cluster) => ({ path: reviewPath, body: tokenReview((/token: (\S+)/.exec(cluster.kubeconfigYaml('restricted')) ?? [])[1] ?? '') }),
      (_, cluster) => ({ status: 201, body: { status: { authenticated: true, user: { username: 'restricted', uid: undefined, groups: ['system:authenticated'] }, audiences: [cluster.url] } } }),
    ),
  },
  {
    name: 'a review is cached for 10 s: a token of a Pod deleted a moment ago still authenticates, then is invalidated',
    source: seenOnV124('the cache and "[invalid bearer token, service account token has been invalidated]"; kube-apiserver TokenSuccessCacheTTL 10s'),
    steps: [
      {
        before: (cluster) => cluster.store.create('pods', { name: 'short-lived', namespace: 'demo' }, { spec: { serviceAccountName: 'vault-auth', nodeName: 'node-1' }, status: { phase: 'Running' } }),
        request: { path: tokenPath(), body: tokenRequest({ audiences: ['vault'], boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'short-lived' } }) },
        expect: { status: 201 },
        keep: keepToken,
      },
      { request: (_, memo) => ({ path: reviewPath, body: tokenReview(memo.token, ['vault']) }), expect: { status: 201, body: { status: { authenticated: true } } } },
      {
        before: (cluster) => cluster.store.delete('pods', 'demo', 'short-lived'),
        request: (_, memo) => ({ path: reviewPath, body: tokenReview(memo.token, ['vault']) }),
        expect: { status: 201, body: { status: { authenticated: true, user: { extra: { 'authentication.kubernetes.io/pod-name': ['short-lived'] } } } } },
      },
      {
        before: (cluster) => cluster.advanceClock(11),
        request: (_, memo) => ({ path: reviewPath, body: tokenReview(memo.token, ['vault']) }),
        expect: { status: 201, body: { status: { authenticated: undefined, user: {}, error: '[invalid bearer token, service account token has been invalidated]' } } },
      },
    ],
  },
  {
    name: 'a token bound to a Secret deleted and recreated',
    source: seenOnV124('secret UID (…) does not match service account secret ref claim (…)'),
    steps: [
      {
        before: (cluster) => cluster.store.create('secrets', { name: 'recreated', namespace: 'demo' }, { type: 'Opaque' }),
        request: { path: tokenPath(), body: tokenRequest({ audiences: ['vault'], boundObjectRef: { apiVersion: 'v1', kind: 'Secret', name: 'recreated' } }) },
        expect: { status: 201 },
        keep: keepToken,
      },
      {
        before: (cluster, memo) => {
          memo.oldUid = uid(cluster, 'secrets', 'recreated');
          cluster.store.delete('secrets', 'demo', 'recreated');
          cluster.store.create('secrets', { name: 'recreated', namespace: 'demo' }, { type: 'Opaque' });
        },
        request: (_, memo) => ({ path: reviewPath, body: tokenReview(memo.token, ['vault']) }),
        expect: (_, cluster, memo) => ({ status: 201, body: { status: { error: `[invalid bearer token, secret UID (${uid(cluster, 'secrets', 'recreated')}) does not match service account secret ref claim (${memo.oldUid})]` } } }),
      },
    ],
  },
  {
    name: 'a legacy token whose Secret was deleted',
    source: kubeSource('kubernetes pkg/serviceaccount/legacy.go Validate'),
    steps: [
      {
        before: async (cluster, memo) => {
          await createLegacyTokenSecret(cluster.store, cluster.tokens, cluster.caPem, 'demo', 'web');
          const secret = cluster.store.get('secrets', 'demo', 'web-token-legacy')!;
          memo.token = Buffer.from((secret.data as { token: string }).token, 'base64').toString('utf8');
          cluster.store.delete('secrets', 'demo', 'web-token-legacy');
        },
        request: (_, memo) => ({ path: reviewPath, body: tokenReview(memo.token) }),
        expect: { status: 201, body: { status: { user: {}, error: '[invalid bearer token, Token has been invalidated]' } } },
      },
    ],
  },
  {
    name: "kubelet's 3607 s for a Pod and the API audience is issued for a year, with warnafter",
    source: seenOnV124('--service-account-extend-token-expiration; status.expirationTimestamp still 3607 s'),
    steps: single({ path: tokenPath(), body: tokenRequest({ expirationSeconds: 3607, boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'web-0' } }) }, {
      status: 201,
      body: { spec: { expirationSeconds: 3607 } },
      check: (answer) => {
        const claims = claimsOf(answer);
        const kubernetes = claims['kubernetes.io'] as { warnafter: number };
        if (claims.exp! - claims.iat! !== 365 * 24 * 3600 || kubernetes.warnafter - claims.iat! !== 3607) {
          throw new Error(`exp ${claims.exp! - claims.iat!} s, warnafter ${kubernetes.warnafter - claims.iat!} s after iat`);
        }
        const expiry = Date.parse((answer.json as { status: { expirationTimestamp: string } }).status.expirationTimestamp) / 1000;
        if (Math.abs(expiry - claims.iat! - 3607) > 1) {
          throw new Error(`status.expirationTimestamp is ${expiry - claims.iat!} s after iat`);
        }
      },
    }),
  },
  {
    name: 'the same 3607 s for another audience is not extended',
    source: kubeSource('kubernetes token.go: only for the API server audiences (isKubeAudiences)'),
    steps: single({ path: tokenPath(), body: tokenRequest({ audiences: ['vault'], expirationSeconds: 3607, boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'web-0' } }) }, {
      status: 201,
      check: (answer) => {
        const claims = claimsOf(answer);
        if (claims.exp! - claims.iat! !== 3607 || 'warnafter' in (claims['kubernetes.io'] as object)) {
          throw new Error(`extended: ${JSON.stringify(claims)}`);
        }
      },
    }),
  },
  {
    name: 'a YAML body',
    source: seenOnV124('YAML request bodies are accepted'),
    steps: single(
      { path: tokenPath(), body: 'apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nspec:\n  audiences: [vault]\n  expirationSeconds: 600\n', contentType: 'application/yaml' },
      { status: 201, body: { spec: { audiences: ['vault'], expirationSeconds: 600 } } },
    ),
  },
  {
    name: 'a YAML 1.1 boolean as a label value',
    source: kubeSource('sigs.k8s.io/yaml YAMLToJSON (go-yaml v2: yes is true), then sigs.k8s.io/json'),
    steps: single(
      { path: tokenPath(), body: 'apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nmetadata:\n  labels:\n    enabled: yes\nspec: {}\n', contentType: 'application/yaml' },
      cannotHandle('TokenRequest', 'v1', 'json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string'),
    ),
  },
  {
    name: 'GET on the token subresource',
    source: `${seenOnV124('405')}; body: go-restful's ServiceError through apiserver server/handler.go serviceErrorHandler`,
    steps: single({ path: tokenPath() }, { status: 405, body: failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {}) }),
  },
  {
    name: 'a path no handler serves',
    source: seenOnV124('plain-text 404; Go net/http NotFound'),
    steps: single({ path: '/nothing/here' }, { status: 404, text: '404 page not found\n', headers: { 'content-type': 'text/plain; charset=utf-8' } }),
  },
  {
    name: 'a path below /api that no route serves',
    source: kubeSource('go-restful 404 through apiserver server/handler.go serviceErrorHandler'),
    steps: single({ path: '/api/v1/widgets' }, { status: 404, body: failure(404, 'NotFound', 'the server could not find the requested resource', {}) }),
  },

  // The shape of the answers.
  {
    name: 'a TokenRequest reply: creationTimestamp, managedFields, and boundObjectRef as sent',
    source: seenOnV124('creationTimestamp and managedFields; boundObjectRef echoed without a uid'),
    steps: single(
      { path: tokenPath(), body: tokenRequest({ audiences: ['vault'], boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'web-0' } }), headers: { 'User-Agent': 'fidelity/1.0' } },
      {
        status: 201,
        body: {
          kind: 'TokenRequest',
          apiVersion: 'authentication.k8s.io/v1',
          metadata: {
            name: 'vault-auth',
            namespace: 'demo',
            creationTimestamp: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
            managedFields: [
              {
                manager: 'fidelity',
                operation: 'Update',
                apiVersion: 'authentication.k8s.io/v1',
                time: /Z$/,
                fieldsType: 'FieldsV1',
                fieldsV1: { 'f:spec': { 'f:audiences': {}, 'f:boundObjectRef': { '.': {}, 'f:apiVersion': {}, 'f:kind': {}, 'f:name': {} }, 'f:expirationSeconds': {} } },
                subresource: 'token',
              },
            ],
          },
          spec: { audiences: ['vault'], expirationSeconds: 3600, boundObjectRef: { kind: 'Pod', apiVersion: 'v1', name: 'web-0', uid: undefined } },
        },
      },
    ),
  },
  {
    name: 'a TokenReview reply: null creationTimestamp and managedFields',
    source: seenOnV124('creationTimestamp and managedFields on TokenReview replies'),
    steps: single(
      { path: reviewPath, body: tokenReview('garbage', ['vault']), headers: { 'User-Agent': 'fidelity/1.0' } },
      {
        status: 201,
        body: {
          metadata: { creationTimestamp: null, managedFields: [{ manager: 'fidelity', operation: 'Update', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:audiences': {}, 'f:token': {} } } }] },
          spec: { token: 'garbage', audiences: ['vault'] },
          status: { user: {}, error: 'invalid bearer token' },
        },
      },
    ),
  },
  {
    name: 'list items carry no apiVersion or kind',
    source: seenOnV124('list items carry no per-item apiVersion/kind'),
    steps: single({ path: '/api/v1/namespaces/demo/serviceaccounts?limit=1' }, { status: 200, body: { kind: 'ServiceAccountList', apiVersion: 'v1', items: [{ apiVersion: undefined, kind: undefined, metadata: { name: 'ci-deployer' } }] } }),
  },
  {
    name: 'a metadata-only list is plain application/json',
    source: seenOnV124('metadata-only lists answer with plain application/json'),
    steps: single(
      { path: '/api/v1/namespaces/payments/secrets', headers: { Accept: 'application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io' } },
      { status: 200, headers: { 'content-type': 'application/json' }, body: { kind: 'PartialObjectMetadataList', items: [{ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 'ci-deployer-token-legacy' } }] } },
    ),
  },
  ...(
    [
      ['serviceaccounts', '/api/v1/namespaces/demo/serviceaccounts', ['Name', 'Secrets', 'Age']],
      ['namespaces', '/api/v1/namespaces', ['Name', 'Status', 'Age']],
      ['secrets', '/api/v1/namespaces/demo/secrets', ['Name', 'Type', 'Data', 'Age']],
      ['pods', '/api/v1/namespaces/demo/pods', ['Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates']],
      ['nodes', '/api/v1/nodes', ['Name', 'Status', 'Roles', 'Age', 'Version', 'Internal-IP', 'External-IP', 'OS-Image', 'Kernel-Version', 'Container-Runtime']],
    ] as const
  ).map(
    ([resource, path, columns]): FidelityCase => ({
      name: `the Table of ${resource}: the real columns, plain application/json`,
      source: `${seenOnV124('Table lists answer with plain application/json')}; columns: kubernetes pkg/printers/internalversion/printers.go`,
      steps: single(
        { path, headers: { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' } },
        { status: 200, headers: { 'content-type': 'application/json' }, body: { kind: 'Table', columnDefinitions: columns.map((name) => ({ name, type: 'string' })) } },
      ),
    }),
  ),
  {
    name: 'API answers are private and carry an Audit-Id; the JWKS keeps its own caching',
    source: `${seenOnV124('Cache-Control: no-cache, private')}; apiserver DefaultBuildHandlerChain WithAuditID (echoes a given Audit-Id) and WithCacheControl`,
    steps: [
      { request: { path: '/api/v1/namespaces' }, expect: { status: 200, headers: { 'cache-control': 'no-cache, private', 'audit-id': /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/ } } },
      { request: { path: '/version', headers: { 'Audit-Id': 'chosen-by-the-client' } }, expect: { status: 200, headers: { 'audit-id': 'chosen-by-the-client' } } },
      { request: { path: '/openid/v1/jwks' }, expect: { status: 200, headers: { 'cache-control': 'public, max-age=3600', 'content-type': 'application/jwk-set+json' } } },
    ],
  },
  {
    name: 'discovery: serviceaccounts/token is authentication.k8s.io/v1 TokenRequest',
    source: seenOnV124('serviceaccounts/token carries group authentication.k8s.io, version v1, kind TokenRequest, verbs [create]'),
    steps: single({ path: '/api/v1' }, {
      status: 200,
      check: (answer) => {
        const token = (answer.json as { resources: Record<string, unknown>[] }).resources.find((resource) => resource.name === 'serviceaccounts/token');
        const expected = { name: 'serviceaccounts/token', singularName: '', namespaced: true, group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest', verbs: ['create'] };
        if (JSON.stringify(token) !== JSON.stringify(expected)) {
          throw new Error(`serviceaccounts/token: ${JSON.stringify(token)}`);
        }
      },
    }),
  },
  {
    name: '/openapi/v2 is served, as JSON and as the protobuf kubectl asks for',
    source: seenOnV124('/openapi/v2 is served; content types from kube-openapi pkg/handler/handler.go'),
    steps: [
      {
        request: { path: '/openapi/v2' },
        expect: { status: 200, body: { swagger: '2.0', definitions: { 'io.k8s.api.authentication.v1.TokenReview': { required: ['spec'] }, 'io.k8s.api.authentication.v1.TokenRequest': { required: ['spec'] } } } },
      },
      {
        request: { path: '/openapi/v2', headers: { Accept: 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' } },
        expect: {
          status: 200,
          headers: { 'content-type': 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf' },
          check: (answer) => {
            // Document field 1 (swagger), length 3, "2.0".
            if (!answer.text.startsWith('\n\u00032.0')) {
              throw new Error(`protobuf starts ${JSON.stringify(answer.text.slice(0, 8))}`);
            }
          },
        },
      },
    ],
  },
  {
    name: 'an unknown field under fieldValidation=Strict',
    source: `${seenOnV124('dropped silently even with Strict')}; from 1.25 (ServerSideFieldValidation beta): sigs.k8s.io/json strict errors through apimachinery runtime StrictDecodingError`,
    steps: single({ path: `${tokenPath()}?fieldValidation=Strict`, body: tokenRequest({ audience: ['vault'] }) }, (behaviour, cluster) =>
      behaviour.serverSideFieldValidation ? cannotHandle('TokenRequest', 'v1', 'strict decoding error: unknown field "spec.audience"') : { status: 201, body: { spec: { audiences: [cluster.url] } } },
    ),
  },
  {
    name: 'an unknown field without fieldValidation: a warning from 1.25',
    source: kubeSource('apiserver handlers/rest.go fieldValidation (Warn by default once the gate is on), warning header from apimachinery util/net NewWarningHeader'),
    steps: single({ path: tokenPath(), body: tokenRequest({ audience: ['vault'] }) }, (behaviour) => ({ status: 201, headers: { warning: behaviour.serverSideFieldValidation ? '299 - "unknown field \\"spec.audience\\""' : undefined } })),
  },
  {
    name: 'the unknown-field warning comes with a refusal too',
    source: kubeSource('apiserver pkg/endpoints/filters/warning.go: the recorder writes each warning into the headers as it is added'),
    steps: single({ path: tokenPath(), body: tokenRequest({ audience: ['vault'], expirationSeconds: 100 }) }, (behaviour) => ({
      status: 422,
      headers: { warning: behaviour.serverSideFieldValidation ? '299 - "unknown field \\"spec.audience\\""' : undefined },
    })),
  },
  {
    name: 'a warning about a field named outside Latin-1 is sent as UTF-8',
    source: kubeSource('apimachinery util/net NewWarningHeader (valid UTF-8 is written as is); Go writes header bytes unchanged'),
    steps: single({ path: tokenPath(), body: tokenRequest({ 受众: ['vault'] }) }, (behaviour) => ({
      status: 201,
      check: (answer) => {
        // Node's client reads header bytes as Latin-1: turned back into bytes, they are the UTF-8 text.
        const warning = answer.headers.warning === undefined ? undefined : Buffer.from(String(answer.headers.warning), 'latin1').toString('utf8');
        const expected = behaviour.serverSideFieldValidation ? '299 - "unknown field \\"spec.受众\\""' : undefined;
        if (warning !== expected) {
          throw new Error(`Warning: ${warning}`);
        }
      },
    })),
  },
  {
    name: 'a repeated field under fieldValidation=Strict',
    source: kubeSource('sigs.k8s.io/json DisallowDuplicateFields; before 1.25 the last one wins'),
    steps: single({ path: `${tokenPath()}?fieldValidation=Strict`, body: '{"spec":{"audiences":["a"]},"spec":{"audiences":["b"]}}' }, (behaviour) =>
      behaviour.serverSideFieldValidation ? cannotHandle('TokenRequest', 'v1', 'strict decoding error: duplicate field "spec"') : { status: 201, body: { spec: { audiences: ['b'] } } },
    ),
  },
  {
    name: 'a repeated YAML key under fieldValidation=Strict',
    source: kubeSource('apimachinery serializer/json json.go YAMLToJSONStrict (go-yaml v2 strict text)'),
    steps: single(
      { path: `${tokenPath()}?fieldValidation=Strict`, body: 'apiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nspec:\n  audiences: [a]\nspec:\n  audiences: [b]\n', contentType: 'application/yaml' },
      (behaviour) =>
        behaviour.serverSideFieldValidation
          ? cannotHandle('TokenRequest', 'v1', 'strict decoding error: yaml: unmarshal errors:\n  line 5: key "spec" already set in map')
          : { status: 201, body: { spec: { audiences: ['b'] } } },
    ),
  },
  {
    name: 'a fieldValidation the server does not know',
    source: kubeSource('apimachinery meta/v1/validation ValidateFieldValidation, field.NotSupported'),
    steps: single({ path: `${tokenPath()}?fieldValidation=Bogus`, body: tokenRequest({}) }, {
      status: 422,
      body: failure(422, 'Invalid', 'CreateOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "Bogus": supported values: "", "Ignore", "Strict", "Warn"', {
        group: 'meta.k8s.io',
        kind: 'CreateOptions',
        causes: [{ reason: 'FieldValueNotSupported', message: 'Unsupported value: "Bogus": supported values: "", "Ignore", "Strict", "Warn"', field: 'fieldValidation' }],
      }),
    }),
  },

  // What each release switches.
  {
    name: '/version reports the release',
    source: kubeSource('apiserver /version'),
    steps: single({ path: '/version' }, (behaviour, cluster) => ({ status: 200, body: { major: '1', minor: String(behaviour.minor), gitVersion: `v${cluster.version}.0-local` } })),
  },
  {
    name: 'a Node binding',
    source: `${seenOnV124('cannot bind token to object of type /v1, Kind=Node')}; 1.29–1.30: kubernetes token.go with ServiceAccountTokenNodeBinding off (alpha); from 1.31 on by default (kube_features.go)`,
    steps: single({ path: tokenPath(), body: tokenRequest({ boundObjectRef: { apiVersion: 'v1', kind: 'Node', name: 'node-2' } }) }, (behaviour, cluster) => {
      switch (behaviour.nodeBinding) {
        case 'unknown-kind':
          return badRequest('cannot bind token to object of type /v1, Kind=Node');
        case 'gate-disabled':
          return badRequest('cannot bind token to a Node object as the "ServiceAccountTokenNodeBinding" feature-gate is disabled');
        case 'enabled':
          return {
            status: 201,
            check: (answer) => {
              const kubernetes = claimsOf(answer)['kubernetes.io'] as Record<string, unknown>;
              if (JSON.stringify(kubernetes.node) !== JSON.stringify({ name: 'node-2', uid: uid(cluster, 'nodes', 'node-2') }) || 'pod' in kubernetes) {
                throw new Error(`claims ${JSON.stringify(kubernetes)}`);
              }
            },
          };
      }
    }),
  },
  {
    name: 'a Pod-bound token: jti and the node claim from 1.30',
    source: `${seenOnV124('claims aud, exp, iat, iss, kubernetes.io, nbf, sub; no jti')}; ServiceAccountTokenJTI and ServiceAccountTokenPodNodeInfo beta (on) in 1.30 (kube_features.go)`,
    steps: single({ path: tokenPath(), body: tokenRequest({ audiences: ['vault'], boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'web-0' } }) }, (behaviour, cluster) => ({
      status: 201,
      check: (answer) => {
        const claims = claimsOf(answer);
        const expected = behaviour.tokenJti ? ['aud', 'exp', 'iat', 'iss', 'jti', 'kubernetes.io', 'nbf', 'sub'] : ['aud', 'exp', 'iat', 'iss', 'kubernetes.io', 'nbf', 'sub'];
        const node = (claims['kubernetes.io'] as { node?: unknown }).node;
        const expectedNode = behaviour.podNodeInfo ? { name: 'node-1', uid: uid(cluster, 'nodes', 'node-1') } : undefined;
        if (JSON.stringify(Object.keys(claims)) !== JSON.stringify(expected) || JSON.stringify(node) !== JSON.stringify(expectedNode)) {
          throw new Error(`claims ${JSON.stringify(claims)}`);
        }
      },
    })),
  },
  {
    name: 'a Pod-bound token reviewed: extra has credential-id and the node from 1.30',
    source: `${seenOnV124('extra has only pod-name and pod-uid')}; kubernetes pkg/serviceaccount/claims.go (CredentialIDForJTI), gates as above`,
    steps: [
      { request: { path: tokenPath(), body: tokenRequest({ audiences: ['vault'], boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'web-0' } }) }, expect: { status: 201 }, keep: keepToken },
      {
        request: (_, memo) => ({ path: reviewPath, body: tokenReview(memo.token, ['vault']) }),
        expect: (behaviour, cluster, memo) => {
          const pod = { 'authentication.kubernetes.io/pod-name': ['web-0'], 'authentication.kubernetes.io/pod-uid': [uid(cluster, 'pods', 'web-0')] };
          const jti = decodeJwt(memo.token).jti;
          const extra = behaviour.tokenJti
            ? { 'authentication.kubernetes.io/credential-id': [`JTI=${jti}`], 'authentication.kubernetes.io/node-name': ['node-1'], 'authentication.kubernetes.io/node-uid': [uid(cluster, 'nodes', 'node-1')], ...pod }
            : pod;
          return {
            status: 201,
            body: { status: { authenticated: true, user: { username: 'system:serviceaccount:demo:vault-auth', groups: ['system:serviceaccounts', 'system:serviceaccounts:demo', 'system:authenticated'] }, audiences: ['vault'] } },
            check: (answer) => {
              const actual = (answer.json as { status: { user: { extra: unknown } } }).status.user.extra;
              if (JSON.stringify(actual) !== JSON.stringify(extra)) {
                throw new Error(`extra ${JSON.stringify(actual)}, expected ${JSON.stringify(extra)}`);
              }
            },
          };
        },
      },
    ],
  },
  {
    name: 'SelfSubjectReview v1 from 1.28; before, the path is not served',
    source: kubeSource('KEP-3325: authentication.k8s.io/v1 SelfSubjectReview GA in 1.28; a missing route is go-restful 404'),
    steps: single({ path: '/apis/authentication.k8s.io/v1/selfsubjectreviews', body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } }, (behaviour) =>
      behaviour.selfSubjectReviewV1
        ? { status: 201, body: { kind: 'SelfSubjectReview', status: { userInfo: { username: 'admin' } } } }
        : { status: 404, body: failure(404, 'NotFound', 'the server could not find the requested resource', {}) },
    ),
  },
  {
    name: 'authentication.k8s.io/v1 discovery lists selfsubjectreviews from 1.28',
    source: kubeSource('KEP-3325 (GA 1.28)'),
    steps: single({ path: '/apis/authentication.k8s.io/v1' }, (behaviour) => ({
      status: 200,
      body: { resources: [...(behaviour.selfSubjectReviewV1 ? [{ name: 'selfsubjectreviews' }] : []), { name: 'tokenreviews' }] },
    })),
  },

  // Answers a real v1.24 server gave, kept by every release.
  {
    name: 'expirationSeconds below 10 minutes',
    source: realV124,
    steps: single({ path: tokenPath(), body: tokenRequest({ audiences: ['vault'], expirationSeconds: 100 }) }, {
      status: 422,
      body: failure(422, 'Invalid', 'TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 100: may not specify a duration less than 10 minutes', {
        group: 'authentication.k8s.io',
        kind: 'TokenRequest',
        causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: 100: may not specify a duration less than 10 minutes', field: 'spec.expirationSeconds' }],
      }),
    }),
  },
  {
    name: "a body name that is not the URL's",
    source: realV124,
    steps: single({ path: tokenPath(), body: tokenRequest({}, { name: 'other' }) }, {
      status: 422,
      body: { reason: 'Invalid', message: 'TokenRequest.authentication.k8s.io "vault-auth" is invalid: metadata.name: Invalid value: "other": must match the service account name if specified', details: { name: 'vault-auth', causes: [{ field: 'metadata.name' }] } },
    }),
  },
  {
    name: 'a binding to a Deployment',
    source: realV124,
    steps: single({ path: tokenPath(), body: tokenRequest({ boundObjectRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' } }) }, badRequest('cannot bind token to object of type apps/v1, Kind=Deployment')),
  },
  {
    name: 'a Pod binding with another uid',
    source: realV124,
    steps: single({ path: tokenPath(), body: tokenRequest({ boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'web-0', uid: 'not-it' } }) }, {
      status: 409,
      body: failure(409, 'Conflict', 'Operation cannot be fulfilled on Pod "web-0": the UID in the bound object reference (not-it) does not match the UID in record. The object might have been deleted and then recreated', { name: 'web-0', kind: 'Pod' }),
    }),
  },
  {
    name: 'a Pod that runs as another ServiceAccount',
    source: realV124,
    steps: single({ path: tokenPath('web'), body: tokenRequest({ boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'web-0' } }) }, badRequest('cannot bind token for serviceaccount "web" to pod running with different serviceaccount name.')),
  },
  {
    name: 'a Pod, a ServiceAccount and a namespace that do not exist',
    source: realV124,
    steps: [
      { request: { path: tokenPath(), body: tokenRequest({ boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'nope' } }) }, expect: { status: 404, body: failure(404, 'NotFound', 'pods "nope" not found', { name: 'nope', kind: 'pods' }) } },
      { request: { path: tokenPath('nope'), body: tokenRequest({}) }, expect: { status: 404, body: failure(404, 'NotFound', 'serviceaccounts "nope" not found', { name: 'nope', kind: 'serviceaccounts' }) } },
      { request: { path: tokenPath('default', 'x'), body: tokenRequest({}) }, expect: { status: 404, body: { message: 'namespaces "x" not found' } } },
    ],
  },
  {
    name: 'a review without a token',
    source: realV124,
    steps: single({ path: reviewPath, body: tokenReview('') }, badRequest('token is required for TokenReview in authentication')),
  },
  {
    name: 'a bearer token the server does not know',
    source: realV124,
    steps: single({ path: '/api/v1/namespaces', headers: { Authorization: 'Bearer not-a-token' } }, { status: 401, body: failure(401, 'Unauthorized', 'Unauthorized') }),
  },

  // RBAC and the access reviews (shared/reference/kubernetes-rbac-api.md), served by every release.
  {
    name: 'a SubjectAccessReview a RoleBinding allows names the binding, the role and the subject',
    source: seenOnV124('status {allowed, reason "RBAC: allowed by RoleBinding …"}, creationTimestamp null, managedFields'),
    steps: single(
      { path: sarPath, body: subjectAccessReview({ user: 'system:serviceaccount:demo:vault-auth', groups: accountGroups, resourceAttributes: { namespace: 'demo', verb: 'get', resource: 'secrets' } }), headers: { 'User-Agent': 'kubectl/v1.24.0' } },
      {
        status: 201,
        body: {
          kind: 'SubjectAccessReview',
          apiVersion: 'authorization.k8s.io/v1',
          metadata: { creationTimestamp: null, managedFields: [{ manager: 'kubectl', operation: 'Update', apiVersion: 'authorization.k8s.io/v1' }] },
          spec: { resourceAttributes: { namespace: 'demo', verb: 'get', resource: 'secrets' }, user: 'system:serviceaccount:demo:vault-auth', groups: accountGroups },
          status: { allowed: true, denied: undefined, reason: 'RBAC: allowed by RoleBinding "vault-auth-secret-reader/demo" of Role "secret-reader" to ServiceAccount "vault-auth/demo"' },
        },
      },
    ),
  },
  {
    name: 'a SubjectAccessReview: a group binding is named too, and without the groups in the spec it is denied with no reason',
    source: seenOnV124('groups are not implied; a denial is {"allowed": false}'),
    steps: [
      {
        request: { path: sarPath, body: subjectAccessReview({ user: 'system:serviceaccount:demo:vault-auth', groups: accountGroups, nonResourceAttributes: { path: '/openid/v1/jwks', verb: 'get' } }) },
        expect: { status: 201, body: { status: { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "all-sa-discovery-extra" of ClusterRole "system:service-account-issuer-discovery" to Group "system:serviceaccounts:demo"' } } },
      },
      {
        request: { path: sarPath, body: subjectAccessReview({ user: 'system:serviceaccount:demo:default', resourceAttributes: { namespace: 'demo', verb: 'get', resource: 'configmaps' } }) },
        expect: {
          status: 201,
          check: (answer) => {
            const status = JSON.stringify((answer.json as { status: unknown }).status);
            if (status !== '{"allowed":false}') {
              throw new Error(`status ${status}, expected {"allowed":false}`);
            }
          },
        },
      },
    ],
  },
  {
    name: 'a SubjectAccessReview with neither user nor group',
    source: `${seenOnV124('422 spec.user')}; kind: rest.go NewInvalid(authorizationapi.Kind(sar.Kind)) of an internal object without TypeMeta`,
    steps: single({ path: sarPath, body: subjectAccessReview({ resourceAttributes: { verb: 'get', resource: 'pods' } }) }, {
      status: 422,
      body: failure(422, 'Invalid', '.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified', {
        name: undefined,
        group: 'authorization.k8s.io',
        kind: undefined,
        causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: "": at least one of user or group must be specified', field: 'spec.user' }],
      }),
    }),
  },
  {
    name: 'a SubjectAccessReview by a user who may not create one',
    source: realV124,
    steps: single(
      { user: 'restricted', path: sarPath, body: subjectAccessReview({ user: 'x', resourceAttributes: { verb: 'get', resource: 'pods' } }) },
      {
        status: 403,
        body: failure(403, 'Forbidden', 'subjectaccessreviews.authorization.k8s.io is forbidden: User "restricted" cannot create resource "subjectaccessreviews" in API group "authorization.k8s.io" at the cluster scope', {
          group: 'authorization.k8s.io',
          kind: 'subjectaccessreviews',
        }),
      },
    ),
  },
  {
    name: 'a SelfSubjectRulesReview as an impersonated ServiceAccount, which gets its groups added',
    source: seenOnV124('rules of each binding in turn, the issuer URLs twice, incomplete false, spec {}'),
    steps: single({ path: ssrrPath, body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'demo' } }, headers: { 'Impersonate-User': 'system:serviceaccount:demo:vault-auth' } }, {
      status: 201,
      body: { kind: 'SelfSubjectRulesReview', metadata: { creationTimestamp: null, managedFields: undefined }, spec: {}, status: { incomplete: false, evaluationError: undefined } },
      check: (answer) => {
        const status = (answer.json as { status: { resourceRules: unknown[]; nonResourceRules: { nonResourceURLs: string[] }[] } }).status;
        const first = JSON.stringify(status.resourceRules[0]);
        if (first !== '{"verbs":["create"],"apiGroups":["authorization.k8s.io"],"resources":["selfsubjectaccessreviews","selfsubjectrulesreviews"]}') {
          throw new Error(`first resource rule ${first}`);
        }
        if (!status.resourceRules.some((rule) => JSON.stringify(rule) === '{"verbs":["get","list"],"apiGroups":[""],"resources":["secrets"]}')) {
          throw new Error('no rule of the Role secret-reader');
        }
        if (status.nonResourceRules.filter((rule) => rule.nonResourceURLs.includes('/openid/v1/jwks')).length !== 2) {
          throw new Error('the issuer documents should be listed once per binding');
        }
      },
    }),
  },
  {
    name: 'impersonating a ServiceAccount without the right to',
    source: realV124,
    steps: single(
      { user: 'restricted', path: ssrrPath, body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'demo' } }, headers: { 'Impersonate-User': 'system:serviceaccount:demo:vault-auth' } },
      {
        status: 403,
        body: failure(403, 'Forbidden', 'serviceaccounts "vault-auth" is forbidden: User "restricted" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "demo"', { name: 'vault-auth', kind: 'serviceaccounts' }),
      },
    ),
  },
  {
    name: 'a bare kube-apiserver has the bootstrap ClusterRoles, edit with an aggregationRule',
    source: seenOnV124('bootstrap ClusterRoles; edit aggregates rbac.authorization.k8s.io/aggregate-to-edit'),
    steps: single({ path: '/apis/rbac.authorization.k8s.io/v1/clusterroles/edit' }, {
      status: 200,
      body: {
        kind: 'ClusterRole',
        apiVersion: 'rbac.authorization.k8s.io/v1',
        metadata: { name: 'edit', labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults', 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } },
        aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } }] },
      },
    }),
  },
];
