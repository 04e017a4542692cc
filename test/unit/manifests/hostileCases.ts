// Crafted manifests, each with the exact outcome it must have: every finding (code, severity and
// the text it covers) and what the lens would send. Hostile ones (alias bombs, deep nesting, huge or
// invisible text) and real-world slips (YAML 1.1 scalars, misspelt kinds, anchors across documents).

export interface HostileCase {
  name: string;
  text: string;
  /** Every finding as `code/severity "covered text"`, the text cut at 30 characters. */
  findings: string[];
  /** tokenManifests(text), without offsets, errors as their codes. */
  sends: Record<string, unknown>[];
}

const head = (kind = 'TokenRequest', apiVersion = 'authentication.k8s.io/v1') => `apiVersion: ${apiVersion}\nkind: ${kind}\n`;
const meta = 'metadata:\n  name: vault-auth\n  namespace: demo\n';
/** A TokenRequest for demo/vault-auth with this spec (indented lines). */
const request = (spec: string, extra = '') => `${head()}${meta}${extra}spec:\n${spec}`;
const review = (spec: string) => `${head('TokenReview')}spec:\n${spec}`;
/** What the lens sends for such a request. */
const sent = (fields: Record<string, unknown>, errors: string[] = [], kind = 'TokenRequest') => ({ kind, name: 'vault-auth', namespace: 'demo', audiences: [], ...fields, errors });
const reviewed = (fields: Record<string, unknown>, errors: string[] = []) => ({ kind: 'TokenReview', audiences: [], ...fields, errors });
const nested = (open: string, close: string, depth: number, inner = 'x') => open.repeat(depth) + inner + close.repeat(depth);

const aliases: HostileCase[] = [
  {
    name: 'audiences through an alias in the same document',
    text: request('  audiences: *aud\n', 'x-defaults: &aud [vault]\n'),
    findings: ['unknown-field/error "x-defaults"'],
    sends: [sent({ audiences: ['vault'] }, ['unknown-field'])],
  },
  {
    name: 'audiences through an alias to an anchor in an earlier document',
    text: `defaults: &aud [vault]\n---\n${request('  audiences: *aud\n')}`,
    findings: ['alias-unknown/error "*aud"'],
    sends: [sent({}, ['alias-unknown'])],
  },
  {
    name: 'a short expirationSeconds through an alias',
    text: request('  audiences: [vault]\n  expirationSeconds: *short\n', 'x: &short 60\n'),
    findings: ['unknown-field/error "x"', 'expiration-too-short/error "*short"'],
    sends: [sent({ audiences: ['vault'], expirationSeconds: 60 }, ['unknown-field', 'expiration-too-short'])],
  },
  {
    name: 'an anchored spec shared by two List items',
    text: `apiVersion: v1\nkind: List\nitems:\n- ${head().replace('\n', '\n  ')}  spec: &spec {audiences: [vault], expirationSeconds: 60}\n- ${head().replace('\n', '\n  ')}  spec: *spec\n`,
    findings: ['expiration-too-short/error "60"', 'expiration-too-short/error "*spec"'],
    sends: [
      { kind: 'TokenRequest', audiences: ['vault'], expirationSeconds: 60, errors: ['expiration-too-short'] },
      { kind: 'TokenRequest', audiences: ['vault'], expirationSeconds: 60, errors: ['expiration-too-short'] },
    ],
  },
  {
    name: 'spec through an alias to another document',
    text: `${request('  &spec {audiences: [vault]}\n')}---\n${request('  *spec\n')}`,
    findings: ['alias-unknown/error "*spec"'],
    sends: [sent({ audiences: ['vault'] }), sent({}, ['alias-unknown'])],
  },
  {
    name: 'an alias to an anchor defined after it',
    text: request('  audiences: *aud\n  x: &aud [vault]\n'),
    findings: ['alias-unknown/error "*aud"'],
    sends: [sent({}, ['alias-unknown'])],
  },
  {
    name: 'a list that contains itself',
    text: request('  audiences: &a [vault, *a]\n'),
    findings: ['alias-cycle/error "*a"'],
    sends: [sent({ audiences: ['vault'] }, ['alias-cycle'])],
  },
  {
    name: 'a mapping that contains itself',
    text: request('  &s\n  audiences: [vault]\n  again: *s\n'),
    findings: ['alias-cycle/error "*s"'],
    sends: [sent({ audiences: ['vault'] }, ['alias-cycle'])],
  },
  {
    name: 'the later of two anchors with one name wins from there on',
    text: request('  audiences: [vault]\n  expirationSeconds: *t\n', 'x: [&t 60, &t 3600]\n'),
    findings: ['unknown-field/error "x"'],
    sends: [sent({ audiences: ['vault'], expirationSeconds: 3600 }, ['unknown-field'])],
  },
  {
    name: 'an alias as a mapping key',
    text: request('  *k : [vault]\n', 'x: &k audiences\n'),
    findings: ['unknown-field/error "x"'],
    sends: [sent({ audiences: ['vault'] }, ['unknown-field'])],
  },
  {
    name: 'an anchor on a key named by an alias value',
    text: review('  &t token: *t\n'),
    findings: ['token-not-jwt/information "*t"'],
    sends: [reviewed({ token: 'token' })],
  },
  {
    name: 'an alias to one audience where a list is needed',
    text: request('  audiences: *one\n', 'x: &one vault\n'),
    findings: ['unknown-field/error "x"', 'wrong-type/error "*one"'],
    sends: [sent({}, ['unknown-field', 'wrong-type'])],
  },
  {
    name: 'aliases as list items',
    text: request('  audiences: [*a, *b]\n', 'x: [&a vault, &b api]\n'),
    findings: ['unknown-field/error "x"'],
    sends: [sent({ audiences: ['vault', 'api'] }, ['unknown-field'])],
  },
  {
    name: 'an alias to a mapping where a list is needed',
    text: request('  audiences: *m\n', 'x: &m {a: b}\n'),
    findings: ['unknown-field/error "x"', 'wrong-type/error "*m"'],
    sends: [sent({}, ['unknown-field', 'wrong-type'])],
  },
  {
    name: 'a billion laughs in an unknown field',
    text: request(
      '  audiences: [vault]\n  lol: &a [x, x, x, x, x, x, x, x, x, x]\n  lol2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n  lol3: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n  lol4: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n  lol5: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n  lol6: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n',
    ),
    findings: ['alias-budget/error "*c"'],
    sends: [sent({ audiences: ['vault'] }, ['alias-budget'])],
  },
  {
    name: 'a billion laughs as the audiences',
    text: request('  audiences: *e\n', `x: [${['a', 'b', 'c', 'd', 'e'].map((name, index) => `&${name} [${Array(10).fill(index === 0 ? 'x' : `*${'abcde'[index - 1]}`).join(', ')}]`).join(', ')}]\n`),
    findings: ['alias-budget/error "*c"'],
    sends: [sent({}, ['alias-budget'])],
  },
  {
    name: 'ten thousand aliases to one anchor',
    text: request(`  audiences: [vault]\n  x: &a [1]\n  y: [${Array(10_001).fill('*a').join(',')}]\n`),
    findings: ['alias-budget/error "*a"'],
    sends: [sent({ audiences: ['vault'] }, ['alias-budget'])],
  },
  {
    name: 'kind and apiVersion through aliases',
    text: `x: [&v authentication.k8s.io/v1, &k TokenReview]\napiVersion: *v\nkind: *k\nspec:\n  token: abc\n`,
    findings: ['unknown-field/error "x"', 'token-not-jwt/information "abc"'],
    sends: [reviewed({ token: 'abc' }, ['unknown-field'])],
  },
  {
    name: 'List items that are aliases',
    text: `apiVersion: v1\nkind: List\nx: &r {apiVersion: authentication.k8s.io/v1, kind: TokenReview, spec: {token: abc}}\nitems: [*r, *r]\n`,
    findings: ['token-not-jwt/information "*r"', 'token-not-jwt/information "*r"'],
    sends: [reviewed({ token: 'abc' }), reviewed({ token: 'abc' })],
  },
  {
    name: 'an anchor on nothing: the alias is null',
    text: request('  audiences: [vault]\n  expirationSeconds: *none\n', 'x: &none\n'),
    findings: ['unknown-field/error "x"'],
    sends: [sent({ audiences: ['vault'] }, ['unknown-field'])],
  },
  {
    name: 'a boundObjectRef through an alias',
    text: request('  audiences: [vault]\n  boundObjectRef: *pod\n', 'x: &pod {kind: Deployment, apiVersion: apps/v1, name: web}\n'),
    findings: ['unknown-field/error "x"', 'unsupported-bound-kind/error "*pod"'],
    sends: [sent({ audiences: ['vault'], boundObjectRef: { kind: 'Deployment', apiVersion: 'apps/v1', name: 'web' } }, ['unknown-field', 'unsupported-bound-kind'])],
  },
];

const merges: HostileCase[] = [
  {
    name: 'a merge key bringing the audiences',
    text: request('  <<: *base\n  expirationSeconds: 3600\n', 'x: &base {audiences: [vault], expirationSeconds: 60}\n'),
    findings: ['unknown-field/error "x"'],
    sends: [sent({ audiences: ['vault'], expirationSeconds: 3600 }, ['unknown-field'])],
  },
  {
    name: 'a merge key that replaces a value written above it',
    text: request('  expirationSeconds: 3600\n  <<: {audiences: [vault], expirationSeconds: 60}\n'),
    findings: ['merge-order/warning "expirationSeconds"', 'expiration-too-short/error "60"'],
    sends: [sent({ audiences: ['vault'], expirationSeconds: 60 }, ['expiration-too-short'])],
  },
  {
    name: 'a list of merged mappings: the first wins',
    text: request('  <<: [{audiences: [vault]}, {audiences: [api], expirationSeconds: 7200}]\n'),
    findings: [],
    sends: [sent({ audiences: ['vault'], expirationSeconds: 7200 })],
  },
  {
    name: 'a merge key whose value is a number',
    text: request('  <<: 5\n  audiences: [vault]\n'),
    findings: ['merge-value/error "5"'],
    sends: [sent({ audiences: ['vault'] }, ['merge-value'])],
  },
  {
    name: 'a merge list holding a number',
    text: request('  <<: [{expirationSeconds: 3600}, 5]\n  audiences: [vault]\n'),
    findings: ['merge-value/error "[{expirationSeconds: 3600}, 5]"'],
    sends: [sent({ audiences: ['vault'] }, ['merge-value'])],
  },
  {
    name: 'a merge key naming a list through an alias',
    text: request('  <<: *list\n  audiences: [vault]\n', 'x: &list [{expirationSeconds: 3600}]\n'),
    findings: ['merge-value/error "*list"'],
    sends: [sent({ audiences: ['vault'] }, ['merge-value'])],
  },
  {
    name: 'a quoted "<<" is an ordinary key',
    text: request('  "<<": {audiences: [vault]}\n  audiences: [api]\n'),
    findings: ['unknown-field/error "\\"<<\\""'],
    sends: [sent({ audiences: ['api'] }, ['unknown-field'])],
  },
  {
    name: 'a merge key tagged !!merge',
    text: request('  !!merge <<: {audiences: [vault]}\n'),
    findings: [],
    sends: [sent({ audiences: ['vault'] })],
  },
  {
    name: 'kind and apiVersion from a merge at the root',
    text: `<<: {apiVersion: authentication.k8s.io/v1, kind: TokenReview}\nspec:\n  token: abc\n`,
    findings: ['token-not-jwt/information "abc"'],
    sends: [reviewed({ token: 'abc' })],
  },
  {
    name: 'a merged unknown field is reported where it is merged',
    text: request('  <<: *base\n', 'x: &base {audience: [vault]}\n'),
    findings: ['unknown-field/error "x"', 'missing-audiences/warning "spec"', 'unknown-field/error "*base"'],
    sends: [sent({}, ['unknown-field', 'unknown-field'])],
  },
  {
    name: 'a merge inside a merged mapping',
    text: request('  <<: *outer\n', 'x: [&inner {audiences: [vault]}, &outer {<<: *inner, expirationSeconds: 1200}]\n'),
    findings: ['unknown-field/error "x"'],
    sends: [sent({ audiences: ['vault'], expirationSeconds: 1200 }, ['unknown-field'])],
  },
];

const yaml11: HostileCase[] = [
  {
    name: 'yes and on as audiences are booleans to kubectl',
    text: request('  audiences: [yes, on]\n'),
    findings: ['wrong-type/error "yes"', 'wrong-type/error "on"'],
    sends: [sent({}, ['wrong-type', 'wrong-type'])],
  },
  {
    name: 'y, n, off and No as audiences',
    text: request('  audiences:\n    - y\n    - n\n    - off\n    - No\n'),
    findings: ['wrong-type/error "y"', 'wrong-type/error "n"', 'wrong-type/error "off"', 'wrong-type/error "No"'],
    sends: [sent({}, ['wrong-type', 'wrong-type', 'wrong-type', 'wrong-type'])],
  },
  {
    name: 'quoted yes is a string',
    text: request('  audiences: ["yes", \'on\']\n'),
    findings: [],
    sends: [sent({ audiences: ['yes', 'on'] })],
  },
  {
    name: 'true is a boolean to every reader',
    text: request('  audiences: [true]\n'),
    findings: ['wrong-type/error "true"'],
    sends: [sent({}, ['wrong-type'])],
  },
  {
    name: 'a leading zero is octal to kubectl',
    text: request('  audiences: [vault]\n  expirationSeconds: 01750\n'),
    findings: ['yaml11-value/warning "01750"'],
    sends: [sent({ audiences: ['vault'], expirationSeconds: 1000 })],
  },
  {
    name: 'an octal value that kubectl reads as too short',
    text: request('  audiences: [vault]\n  expirationSeconds: 01000\n'),
    findings: ['expiration-too-short/error "01000"'],
    sends: [sent({ audiences: ['vault'], expirationSeconds: 512 }, ['expiration-too-short'])],
  },
  {
    name: '0o is octal to every reader',
    text: request('  audiences: [vault]\n  expirationSeconds: 0o1750\n'),
    findings: [],
    sends: [sent({ audiences: ['vault'], expirationSeconds: 1000 })],
  },
  {
    name: 'underscores in a number',
    text: request('  audiences: [vault]\n  expirationSeconds: 1_000\n'),
    findings: ['yaml11-value/warning "1_000"'],
    sends: [sent({ audiences: ['vault'], expirationSeconds: 1000 })],
  },
  {
    name: 'a binary number',
    text: request('  audiences: [vault]\n  expirationSeconds: 0b1111101000\n'),
    findings: ['yaml11-value/warning "0b1111101000"'],
    sends: [sent({ audiences: ['vault'], expirationSeconds: 1000 })],
  },
  {
    name: 'a signed hexadecimal number',
    text: request('  audiences: [vault]\n  expirationSeconds: +0x3E8\n'),
    findings: ['yaml11-value/warning "+0x3E8"'],
    sends: [sent({ audiences: ['vault'], expirationSeconds: 1000 })],
  },
  {
    name: 'hexadecimal is read alike',
    text: request('  audiences: [vault]\n  expirationSeconds: 0xE10\n'),
    findings: [],
    sends: [sent({ audiences: ['vault'], expirationSeconds: 3600 })],
  },
  {
    name: 'an exponent is a whole number',
    text: request('  audiences: [vault]\n  expirationSeconds: 36e2\n'),
    findings: [],
    sends: [sent({ audiences: ['vault'], expirationSeconds: 3600 })],
  },
  {
    name: 'a fraction is not a whole number',
    text: request('  audiences: [vault]\n  expirationSeconds: 600.5\n'),
    findings: ['wrong-type/error "600.5"'],
    sends: [sent({ audiences: ['vault'] }, ['wrong-type'])],
  },
  {
    name: 'infinity cannot be sent',
    text: request('  audiences: [vault]\n  expirationSeconds: .inf\n'),
    findings: ['non-finite-number/error ".inf"'],
    sends: [sent({ audiences: ['vault'] }, ['non-finite-number'])],
  },
  {
    name: 'NaN cannot be sent, even in an unknown field',
    text: request('  audiences: [vault]\n  x: .NaN\n'),
    findings: ['non-finite-number/error ".NaN"'],
    sends: [sent({ audiences: ['vault'] }, ['non-finite-number'])],
  },
  {
    name: 'a sexagesimal-looking audience stays a string',
    text: request('  audiences: [1:20, 2001-12-14]\n'),
    findings: [],
    sends: [sent({ audiences: ['1:20', '2001-12-14'] })],
  },
  {
    name: 'an audience with underscores and digits is a number to kubectl',
    text: request('  audiences: [1_000]\n'),
    findings: ['wrong-type/error "1_000"'],
    sends: [sent({}, ['wrong-type'])],
  },
  {
    name: 'a name that kubectl reads as octal',
    text: request('  audiences: [vault]\n').replace('name: vault-auth', 'name: 0777'),
    findings: ['wrong-type/error "0777"'],
    sends: [{ ...sent({ audiences: ['vault'] }, ['wrong-type']), name: undefined }],
  },
  {
    name: 'a namespace that kubectl reads as a boolean',
    text: request('  audiences: [vault]\n').replace('namespace: demo', 'namespace: yes'),
    findings: ['wrong-type/error "yes"'],
    sends: [{ ...sent({ audiences: ['vault'] }, ['wrong-type']), namespace: undefined }],
  },
  {
    name: 'a label value that kubectl reads as a boolean',
    text: request('  audiences: [vault]\n').replace('namespace: demo\n', 'namespace: demo\n  labels: {enabled: on}\n'),
    findings: ['wrong-type/error "on"'],
    sends: [sent({ audiences: ['vault'] }, ['wrong-type'])],
  },
  {
    name: 'yes as a controller flag is a boolean to kubectl only',
    text: request('  audiences: [vault]\n').replace('namespace: demo\n', 'namespace: demo\n  ownerReferences: [{apiVersion: v1, kind: Pod, name: web-0, uid: u, controller: yes}]\n'),
    findings: ['yaml11-value/warning "yes"'],
    sends: [sent({ audiences: ['vault'] })],
  },
  {
    name: 'a tag that keeps a number a string',
    text: request('  audiences: [vault]\n  expirationSeconds: !!str 600\n'),
    findings: ['wrong-type/error "600"'],
    sends: [sent({ audiences: ['vault'] }, ['wrong-type'])],
  },
  {
    name: 'a tag that makes a quoted number a number',
    text: request('  audiences: [vault]\n  expirationSeconds: !!int "600"\n'),
    findings: [],
    sends: [sent({ audiences: ['vault'], expirationSeconds: 600 })],
  },
  {
    name: 'a tagged quoted number with a leading zero',
    text: request('  audiences: [vault]\n  expirationSeconds: !!int "0600"\n'),
    findings: ['expiration-too-short/error "\\"0600\\""'],
    sends: [sent({ audiences: ['vault'], expirationSeconds: 384 }, ['expiration-too-short'])],
  },
  {
    name: 'a tag kubectl cannot apply',
    text: request('  audiences: [vault]\n  expirationSeconds: !!int yes\n'),
    findings: ['tag-value/error "yes"'],
    sends: [sent({ audiences: ['vault'] }, ['tag-value'])],
  },
  {
    name: 'a binary audience',
    text: request('  audiences: [!!binary dmF1bHQ=]\n'),
    findings: [],
    sends: [sent({ audiences: ['vault'] })],
  },
  {
    name: 'a binary audience that is not base64',
    text: request('  audiences: [!!binary "%%%"]\n'),
    findings: ['tag-value/error "\\"%%%\\""'],
    sends: [sent({}, ['tag-value'])],
  },
  {
    name: 'a local tag leaves the text a string',
    text: request('  audiences: [!vault 443]\n'),
    findings: [],
    sends: [sent({ audiences: ['443'] })],
  },
  {
    name: 'a TokenReview token that kubectl reads as a number',
    text: review('  token: 0x1F\n'),
    findings: ['wrong-type/error "0x1F"'],
    sends: [reviewed({}, ['wrong-type'])],
  },
  {
    name: 'a number too large for int64',
    text: request('  audiences: [vault]\n  expirationSeconds: 9223372036854775808\n'),
    findings: ['wrong-type/error "9223372036854775808"'],
    sends: [sent({ audiences: ['vault'] }, ['wrong-type'])],
  },
  {
    name: 'a number too large for a float stays text',
    text: request('  audiences: [1e400]\n'),
    findings: ['yaml11-value/warning "1e400"'],
    sends: [sent({ audiences: ['1e400'] })],
  },
];

const kinds: HostileCase[] = [
  { name: 'TokenRequest as apiVersion v1', text: `${head('TokenRequest', 'v1')}${meta}spec: {audiences: [vault]}\n`, findings: ['unsupported-api-version/error "v1"'], sends: [] },
  { name: 'TokenReview as apiVersion v1', text: `${head('TokenReview', 'v1')}spec: {token: abc}\n`, findings: ['unsupported-api-version/error "v1"', 'token-not-jwt/information "abc"'], sends: [] },
  { name: 'a group without a version', text: `${head('TokenReview', 'authentication.k8s.io')}spec: {token: abc}\n`, findings: ['unsupported-api-version/error "authentication.k8s.io"', 'token-not-jwt/information "abc"'], sends: [] },
  { name: 'a group with an empty version', text: `${head('TokenReview', 'authentication.k8s.io/')}spec: {token: abc}\n`, findings: ['unsupported-api-version/error "authentication.k8s.io/"', 'token-not-jwt/information "abc"'], sends: [] },
  { name: 'a version that does not exist', text: `${head('TokenRequest', 'authentication.k8s.io/v2')}${meta}spec: {audiences: [vault]}\n`, findings: ['unsupported-api-version/error "authentication.k8s.io/v2"'], sends: [] },
  { name: 'the removed v1beta1', text: `${head('TokenRequest', 'authentication.k8s.io/v1beta1')}${meta}spec: {audiences: [vault]}\n`, findings: ['removed-api-version/error "authentication.k8s.io/v1beta1"'], sends: [] },
  {
    name: 'the group in capitals',
    text: `${head('TokenRequest', 'Authentication.k8s.io/v1')}${meta}spec: {audiences: [vault]}\n`,
    findings: ['wrong-case/error "Authentication.k8s.io/v1"'],
    sends: [sent({ audiences: ['vault'] }, ['wrong-case'])],
  },
  { name: 'the authorization group', text: `${head('TokenReview', 'authorization.k8s.io/v1')}spec: {token: abc}\n`, findings: ['unsupported-api-version/error "authorization.k8s.io/v1"', 'token-not-jwt/information "abc"'], sends: [] },
  { name: 'a misspelt group', text: `${head('TokenReview', 'authentcation.k8s.io/v1')}spec: {token: abc}\n`, findings: ['unsupported-api-version/error "authentcation.k8s.io/v1"', 'token-not-jwt/information "abc"'], sends: [] },
  { name: 'a kind of the same name in another group is left alone', text: `${head('TokenRequest', 'example.com/v1')}spec: {anything: 1}\n`, findings: [], sends: [] },
  { name: 'a plural kind', text: `${head('TokenRequests')}${meta}spec: {audiences: [vault]}\n`, findings: ['unknown-kind/error "TokenRequests"'], sends: [sent({ audiences: ['vault'] }, ['unknown-kind'])] },
  { name: 'a kind in another case', text: `${head('Tokenrequest')}${meta}spec: {audiences: [vault]}\n`, findings: ['wrong-case/error "Tokenrequest"'], sends: [sent({ audiences: ['vault'] }, ['wrong-case'])] },
  { name: 'transposed letters in the kind', text: `${head('TokenReveiw')}spec: {token: abc}\n`, findings: ['unknown-kind/error "TokenReveiw"', 'token-not-jwt/information "abc"'], sends: [reviewed({ token: 'abc' }, ['unknown-kind'])] },
  { name: 'a hyphenated kind', text: `${head('token-request')}${meta}spec: {audiences: [vault]}\n`, findings: ['unknown-kind/error "token-request"'], sends: [sent({ audiences: ['vault'] }, ['unknown-kind'])] },
  { name: 'a plural lower-case kind', text: `${head('tokenreviews')}spec: {token: abc}\n`, findings: ['unknown-kind/error "tokenreviews"', 'token-not-jwt/information "abc"'], sends: [reviewed({ token: 'abc' }, ['unknown-kind'])] },
  { name: 'a longer kind is another kind', text: `${head('TokenRequestPolicy')}spec: {x: 1}\n`, findings: [], sends: [] },
  {
    name: 'a misspelt apiVersion key',
    text: `apiversion: authentication.k8s.io/v1\nkind: TokenReview\nspec: {token: abc}\n`,
    findings: ['unknown-field/error "apiversion"', 'missing-api-version/error "TokenReview"', 'token-not-jwt/information "abc"'],
    sends: [],
  },
  { name: 'a number as apiVersion', text: `apiVersion: 1\nkind: TokenReview\nspec: {token: abc}\n`, findings: ['unsupported-api-version/error "1"', 'token-not-jwt/information "abc"'], sends: [] },
  { name: 'a kind: List with a misspelt item kind', text: `apiVersion: v1\nkind: List\nitems:\n- {apiVersion: authentication.k8s.io/v1, kind: TokenReviw, spec: {token: abc}}\n`, findings: ['unknown-kind/error "TokenReviw"', 'token-not-jwt/information "abc"'], sends: [reviewed({ token: 'abc' }, ['unknown-kind'])] },
];

const audiences: HostileCase[] = [
  { name: 'an empty audience', text: request('  audiences: [""]\n'), findings: ['empty-audience/error "\\"\\""'], sends: [sent({ audiences: [''] }, ['empty-audience'])] },
  { name: 'an audience of spaces', text: request('  audiences: ["  "]\n'), findings: ['audience-whitespace/warning "\\"  \\""'], sends: [sent({ audiences: ['  '] })] },
  { name: 'an audience with a space before it', text: request('  audiences: [" vault"]\n'), findings: ['audience-whitespace/warning "\\" vault\\""'], sends: [sent({ audiences: [' vault'] })] },
  { name: 'an empty audience after a good one', text: request('  audiences:\n    - vault\n    - ""\n'), findings: ['empty-audience/error "\\"\\""'], sends: [sent({ audiences: ['vault', ''] }, ['empty-audience'])] },
  { name: 'an empty audience in a TokenReview', text: review('  token: abc\n  audiences: [""]\n'), findings: ['token-not-jwt/information "abc"', 'empty-audience/warning "\\"\\""'], sends: [reviewed({ token: 'abc', audiences: [''] })] },
  { name: 'an audience with a line break from a block scalar', text: request('  audiences:\n    - |\n      vault\n'), findings: ['audience-whitespace/warning "|\\n      vault\\n"'], sends: [sent({ audiences: ['vault\n'] })] },
  { name: 'an empty string as the audiences', text: request('  audiences: ""\n'), findings: ['wrong-type/error "\\"\\""'], sends: [sent({}, ['wrong-type'])] },
  {
    name: 'audience misspelt: the fix renames it',
    text: request('  audience: [vault]\n'),
    findings: ['missing-audiences/warning "spec"', 'unknown-field/error "audience"'],
    sends: [sent({}, ['unknown-field'])],
  },
  {
    name: 'Audiences in capitals with a comment',
    text: request('  Audiences: [vault] # who takes the token\n'),
    findings: ['missing-audiences/warning "spec"', 'unknown-field/error "Audiences"'],
    sends: [sent({}, ['unknown-field'])],
  },
  { name: 'one audience that is not a list', text: request('  audiences: vault # one\n'), findings: ['wrong-type/error "vault"'], sends: [sent({}, ['wrong-type'])] },
  { name: 'a quoted key', text: request('  "audiences": [vault]\n'), findings: [], sends: [sent({ audiences: ['vault'] })] },
];

const long = 'a'.repeat(100_000);
const spoof = 'vault\u202Eadmin\u200B';

const text: HostileCase[] = [
  {
    name: 'a 100,000-character name',
    text: request('  audiences: [vault]\n').replace('name: vault-auth', `name: ${long}`),
    findings: ['invalid-dns-name/error "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…"'],
    sends: [{ ...sent({ audiences: ['vault'] }, ['invalid-dns-name']), name: long }],
  },
  {
    name: 'a 100,000-character key written plainly is too long a key for YAML',
    text: request(`  audiences: [vault]\n  ${long}: 1\n`),
    findings: ['yaml-syntax/error "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…"'],
    sends: [sent({ audiences: ['vault'] }, ['yaml-syntax'])],
  },
  {
    name: 'a 100,000-character explicit key',
    text: request(`  audiences: [vault]\n  ? ${long}\n  : 1\n`),
    findings: ['unknown-field/error "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…"'],
    sends: [sent({ audiences: ['vault'] }, ['unknown-field'])],
  },
  {
    name: 'a 100,000-character kind is no token kind',
    text: `${head(long)}spec: {}\n`,
    findings: [],
    sends: [],
  },
  {
    name: 'a 100,000-character bound kind',
    text: request(`  audiences: [vault]\n  boundObjectRef: {kind: ${long}, name: x}\n`),
    findings: ['unsupported-bound-kind/error "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…"'],
    sends: [sent({ audiences: ['vault'], boundObjectRef: { kind: long, name: 'x' } }, ['unsupported-bound-kind'])],
  },
  {
    name: 'a 100,000-character apiVersion',
    text: `${head('TokenReview', `authentication.k8s.io/${long}`)}spec: {token: abc}\n`,
    findings: ['unsupported-api-version/error "authentication.k8s.io/aaaaaaaa…"', 'token-not-jwt/information "abc"'],
    sends: [],
  },
  {
    name: 'a bidirectional override and a zero-width space in a key',
    text: request(`  audiences: [vault]\n  "${spoof}": 1\n`),
    findings: ['unknown-field/error "\\"vault‮admin​\\""'],
    sends: [sent({ audiences: ['vault'] }, ['unknown-field'])],
  },
  {
    name: 'a bidirectional override in a name',
    text: request('  audiences: [vault]\n').replace('name: vault-auth', `name: "${spoof}"`),
    findings: ['invalid-dns-name/error "\\"vault‮admin​\\""'],
    sends: [{ ...sent({ audiences: ['vault'] }, ['invalid-dns-name']), name: spoof }],
  },
  {
    name: 'a raw control character',
    text: request('  audiences: [vau\u0001lt]\n'),
    findings: ['control-character/error "\u0001"'],
    sends: [sent({ audiences: ['vau\u0001lt'] }, ['control-character'])],
  },
  {
    name: 'a control character in a comment',
    text: request('  audiences: [vault] # \u0007\n'),
    findings: ['control-character/error "\u0007"'],
    sends: [sent({ audiences: ['vault'] }, ['control-character'])],
  },
  {
    name: 'an escaped control character is fine',
    text: request('  audiences: ["vau\\u0001lt"]\n'),
    findings: [],
    sends: [sent({ audiences: ['vau\u0001lt'] })],
  },
  {
    name: 'a lone surrogate in a name',
    text: request('  audiences: [vault]\n').replace('name: vault-auth', 'name: a\uD800b'),
    findings: ['control-character/error "\uD800"'],
    sends: [{ ...sent({ audiences: ['vault'] }, ['control-character']), name: 'a\uD800b' }],
  },
  {
    name: 'a byte order mark, then CRLF lines',
    text: `\uFEFF${request('  audiences: [vault]\n  expirationSeconds: 60\n').replace(/\n/g, '\r\n')}`,
    findings: ['expiration-too-short/error "60"'],
    sends: [sent({ audiences: ['vault'], expirationSeconds: 60 }, ['expiration-too-short'])],
  },
];

const structure: HostileCase[] = [
  { name: '10,000 nested flow lists', text: request(`  audiences: ${nested('[', ']', 10_000)}\n`), findings: ['too-deep/error "["'], sends: [] },
  { name: '10,000 nested flow mappings', text: request(`  audiences: ${nested('{a: ', '}', 10_000)}\n`), findings: ['too-deep/error "{"'], sends: [] },
  { name: '10,000 nested block lists', text: request(`  audiences:\n    ${'- '.repeat(10_000)}x\n`), findings: ['too-deep/error "-"'], sends: [] },
  { name: '10,000 nested complex keys', text: request(`  audiences:\n    ${'? '.repeat(10_000)}x\n`), findings: ['too-deep/error "?"'], sends: [] },
  { name: '100,000 unclosed brackets', text: request(`  audiences: ${'['.repeat(100_000)}\n`), findings: ['too-deep/error "["'], sends: [] },
  { name: 'deep nesting in another document is left alone', text: `kind: ConfigMap\ndata: ${nested('[', ']', 5_000)}\n---\n${request('  audiences: [vault]\n')}`, findings: [], sends: [sent({ audiences: ['vault'] })] },
  { name: '90 levels in an unknown field are read', text: request(`  audiences: [vault]\n  x: ${nested('[', ']', 90)}\n`), findings: ['unknown-field/error "x"'], sends: [sent({ audiences: ['vault'] }, ['unknown-field'])] },
  {
    name: 'aliases nesting past 100 levels',
    text: request(`  audiences: [vault]\n  x: [${Array.from({ length: 120 }, (_, index) => (index === 0 ? '&l0 [x]' : `&l${index} [*l${index - 1}]`)).join(', ')}]\n`),
    findings: ['too-deep/error "*l96"'],
    sends: [sent({ audiences: ['vault'] }, ['too-deep'])],
  },
  { name: 'a document larger than 3 MiB', text: request(`  audiences: [vault]\n  x: "${'a'.repeat(3 * 1024 * 1024)}"\n`), findings: ['too-large/warning "kind: TokenRequest"'], sends: [] },
  {
    name: 'a YAML 1.1 directive',
    text: `%YAML 1.1\n---\n${request('  audiences: [vault]\n')}`,
    findings: ['yaml-directive/error "%YAML 1.1"'],
    sends: [sent({ audiences: ['vault'] }, ['yaml-directive'])],
  },
  {
    name: 'a TAG directive and a local tag',
    text: `%TAG !k! tag:example.com,2000:\n---\n${request('  audiences: [!k!aud vault]\n')}`,
    findings: ['yaml-directive/error "%TAG !k! tag:example.com,2000:"'],
    sends: [sent({ audiences: ['vault'] }, ['yaml-directive'])],
  },
  {
    name: 'a second document after an end marker, which kubectl never reads',
    text: `${review('  token: abc\n')}...\n${review('  token: def\n')}`,
    findings: ['token-not-jwt/information "abc"', 'ignored-document/warning "TokenReview"', 'token-not-jwt/information "def"'],
    sends: [reviewed({ token: 'abc' }), reviewed({ token: 'def' })],
  },
  { name: 'tabs as indentation', text: request('\taudiences: [vault]\n'), findings: ['yaml-syntax/error "\\t"'], sends: [sent({}, ['yaml-syntax'])] },
  { name: 'a list as a key', text: request('  ? [a]\n  : b\n  audiences: [vault]\n'), findings: ['map-key/error "[a]"'], sends: [sent({ audiences: ['vault'] }, ['map-key'])] },
  { name: 'a null key', text: request('  ~: 1\n  audiences: [vault]\n'), findings: ['map-key/error "~"'], sends: [sent({ audiences: ['vault'] }, ['map-key'])] },
  { name: 'a key kubectl reads as a boolean', text: request('  audiences: [vault]\n  on: 1\n'), findings: ['unknown-field/error "on"'], sends: [sent({ audiences: ['vault'] }, ['unknown-field'])] },
  {
    name: 'a duplicate key: kubectl keeps the last',
    text: request('  audiences: [vault]\n  expirationSeconds: 60\n  expirationSeconds: 3600\n'),
    findings: ['duplicate-key/error "expirationSeconds"'],
    sends: [sent({ audiences: ['vault'], expirationSeconds: 3600 }, ['duplicate-key'])],
  },
  {
    name: 'a whole document in flow style',
    text: '{apiVersion: authentication.k8s.io/v1, kind: TokenRequest, metadata: {name: vault-auth, namespace: demo}, spec: {audience: [vault], expirationSeconds: "3600"}}\n',
    findings: ['missing-audiences/warning "spec"', 'unknown-field/error "audience"', 'wrong-type/error "\\"3600\\""'],
    sends: [sent({}, ['unknown-field', 'wrong-type'])],
  },
  {
    name: 'comments after every value',
    text: request('  audiences: [vault] # who\n  expirationSeconds: "3600" # how long\n'),
    findings: ['wrong-type/error "\\"3600\\""'],
    sends: [sent({ audiences: ['vault'] }, ['wrong-type'])],
  },
  {
    name: 'spec: null is no spec',
    text: request('  null\n').replace('spec:\n  null\n', 'spec: null\n'),
    findings: ['missing-spec/warning "spec"'],
    sends: [sent({})],
  },
  {
    name: 'spec through an alias to null',
    text: request('  *none\n', 'x: &none ~\n').replace('spec:\n  *none\n', 'spec: *none\n'),
    findings: ['unknown-field/error "x"', 'missing-spec/warning "spec"'],
    sends: [sent({}, ['unknown-field'])],
  },
  { name: 'an empty file', text: '', findings: [], sends: [] },
  { name: 'only a document marker', text: '---\n', findings: [], sends: [] },
  { name: 'a scalar document', text: 'TokenRequest\n', findings: [], sends: [] },
  { name: 'a list at the root', text: '- kind: TokenRequest\n', findings: [], sends: [] },
];

const values: HostileCase[] = [
  { name: 'an empty namespace is the context namespace', text: request('  audiences: [vault]\n').replace('namespace: demo', 'namespace: ""'), findings: [], sends: [{ ...sent({ audiences: ['vault'] }), namespace: undefined }] },
  { name: 'an empty name is no name', text: request('  audiences: [vault]\n').replace('name: vault-auth', 'name: ""'), findings: [], sends: [{ ...sent({ audiences: ['vault'] }), name: undefined }] },
  { name: 'a token in a folded block', text: review('  token: >-\n    abc\n    def\n'), findings: ['token-not-jwt/information ">-\\n    abc\\n    def\\n"'], sends: [reviewed({ token: 'abc def' })] },
  {
    name: 'a bound kind in lower case is still checked for a name',
    text: request('  audiences: [vault]\n  boundObjectRef: {kind: pod}\n'),
    findings: ['bound-name-missing/error "boundObjectRef"', 'unsupported-bound-kind/error "pod"'],
    sends: [sent({ audiences: ['vault'], boundObjectRef: { kind: 'pod' } }, ['unsupported-bound-kind', 'bound-name-missing'])],
  },
  { name: 'a misspelt bound name is renamed', text: request('  audiences: [vault]\n  boundObjectRef: {kind: Pod, nmae: web-0}\n'), findings: ['bound-name-missing/error "boundObjectRef"', 'unknown-field/error "nmae"'], sends: [sent({ audiences: ['vault'], boundObjectRef: { kind: 'Pod' } }, ['unknown-field', 'bound-name-missing'])] },
  { name: 'one second over the maximum', text: request('  audiences: [vault]\n  expirationSeconds: 4294967297\n'), findings: ['expiration-too-long/error "4294967297"'], sends: [sent({ audiences: ['vault'], expirationSeconds: 4294967297 }, ['expiration-too-long'])] },
  { name: 'a duration instead of seconds', text: request('  audiences: [vault]\n  expirationSeconds: 1h\n'), findings: ['wrong-type/error "1h"'], sends: [sent({ audiences: ['vault'] }, ['wrong-type'])] },
  { name: 'a misspelt spec', text: `${head()}${meta}specs:\n  audiences: [vault]\n`, findings: ['missing-spec/warning "TokenRequest"', 'unknown-field/error "specs"'], sends: [sent({}, ['unknown-field'])] },
  { name: 'a misspelt token', text: review('  tokn: abc\n'), findings: ['missing-token/error "spec"', 'unknown-field/error "tokn"'], sends: [reviewed({}, ['unknown-field', 'missing-token'])] },
];

export const hostileCases: HostileCase[] = [...aliases, ...merges, ...yaml11, ...kinds, ...audiences, ...text, ...structure, ...values];
