// kubectl's reading of scalars (YAML 1.1 through go-yaml v2), against what kubectl 1.32 sent to the
// local API server for the same text (`kubectl create -f` of a TokenReview, request body at -v=9).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kubectlReading, readsAsItself } from '../../../src/manifests/yaml11';

/** Plain scalar as written → the JSON kubectl sent for it. */
const observedPlain: [string, string][] = [
  ['yes', 'true'],
  ['on', 'true'],
  ['y', 'true'],
  ['n', 'false'],
  ['Off', 'false'],
  ['0777', '511'],
  ['0o17', '15'],
  ['1_000', '1000'],
  ['0x1F', '31'],
  ['0b101', '5'],
  ['1:20', '"1:20"'],
  ['2001-12-14', '"2001-12-14"'],
  ['~', 'null'],
  ['+0x1F', '31'],
  ['1e3', '1000'],
  ['-0b11', '-3'],
  ['0x_1F', '31'],
  ['1__0', '10'],
  ['_1', '"_1"'],
  ['1_', '1'],
  ['+12', '12'],
  ['0.5', '0.5'],
  ['.5', '0.5'],
  ['1.', '1'],
  ['2001-12-14T21:59:43.10-05:00', '"2001-12-14T21:59:43.10-05:00"'],
  ['2001-12-14 21:59:43.10', '"2001-12-14 21:59:43.10"'],
  ['08', '8'],
  ['09.5', '9.5'],
  ['0o8', '"0o8"'],
  ['00', '0'],
  ['-0', '0'],
  ['+0o17', '15'],
  ['0B101', '5'],
  ['0X1F', '31'],
  ['0O17', '15'],
  ['1_0.5', '10.5'],
  ['12e03', '12000'],
  ['=', '"="'],
  ['<<', '"<<"'],
  ['1e400', '"1e400"'],
  ['9223372036854775808', '9223372036854776000'],
  ['18446744073709551616', '18446744073709552000'],
  ['-9223372036854775809', '-9223372036854776000'],
  ['', 'null'],
];

/** Tagged scalar (tag, text, plain) → the JSON kubectl sent, or its error. */
const observedTagged: [string, string, boolean, string][] = [
  ['tag:yaml.org,2002:int', '0600', false, '384'],
  ['tag:yaml.org,2002:str', '600', true, '"600"'],
  ['tag:yaml.org,2002:bool', 'yes', false, 'true'],
  ['!foo', '12', true, '"12"'],
  ['tag:yaml.org,2002:float', '1', true, '1'],
  ['tag:yaml.org,2002:int', '600', false, '600'],
  ['tag:yaml.org,2002:null', '', false, 'null'],
  ['tag:yaml.org,2002:binary', 'aGVsbG8=', true, '"hello"'],
  ['tag:yaml.org,2002:timestamp', '2001-12-14', true, '"2001-12-14"'],
  ['tag:yaml.org,2002:float', '1_000', true, '1000'],
  ['tag:yaml.org,2002:str', '', true, '""'],
  ['tag:yaml.org,2002:int', 'yes', true, 'error: yaml: cannot decode !!bool `yes` as a !!int'],
  ['tag:yaml.org,2002:null', 'x', true, 'error: yaml: cannot decode !!str `x` as a !!null'],
  ['tag:yaml.org,2002:binary', '!!!', false, 'error: yaml: !!binary value contains invalid base64 data'],
  ['tag:yaml.org,2002:float', 'yes', true, 'error: yaml: cannot decode !!bool `yes` as a !!float'],
  ['tag:yaml.org,2002:bool', '1', true, 'error: yaml: cannot decode !!int `1` as a !!bool'],
  ['tag:yaml.org,2002:int', '', true, 'error: yaml: cannot decode !!null `` as a !!int'],
  ['tag:yaml.org,2002:timestamp', 'x', true, 'error: yaml: cannot decode !!str `x` as a !!timestamp'],
];

const shown = (reading: ReturnType<typeof kubectlReading>) => ('error' in reading ? `error: ${reading.error}` : reading.json);

test('plain scalars read as kubectl sent them', () => {
  for (const [text, json] of observedPlain) {
    assert.equal(shown(kubectlReading(text, true)), json, text);
  }
});

test('tagged scalars read as kubectl sent them, or fail with its words', () => {
  for (const [tag, text, plain, json] of observedTagged) {
    assert.equal(shown(kubectlReading(text, plain, tag)), json, `${tag} ${text}`);
  }
});

test('quoted scalars stay strings, and infinities are refused as kubectl refuses them', () => {
  assert.equal(shown(kubectlReading('yes', false)), '"yes"');
  assert.equal(shown(kubectlReading('0777', false)), '"0777"');
  assert.equal(shown(kubectlReading('.inf', true)), 'error: json: unsupported value: +Inf');
  assert.equal(shown(kubectlReading('-.inf', true)), 'error: json: unsupported value: -Inf');
  assert.equal(shown(kubectlReading('.nan', true)), 'error: json: unsupported value: NaN');
});

test('a long value in an error is an excerpt', () => {
  const reading = kubectlReading('y'.repeat(100_000), true, 'tag:yaml.org,2002:int');
  assert.ok('error' in reading && reading.error.length < 200, JSON.stringify(reading).slice(0, 300));
});

test('only plain words that kubectl reads as the same string skip resolving', () => {
  for (const text of ['apiVersion', 'kind', 'TokenRequest', 'vault', 'a:b', 'yess', 'Nope']) {
    assert.equal(readsAsItself(text), true, text);
    assert.equal(shown(kubectlReading(text, true)), JSON.stringify(text), text);
  }
  // YAML 1.1's words, numbers, timestamps, floats and anything not starting with a letter take the full path.
  for (const text of ['y', 'Yes', 'on', 'OFF', 'null', 'Null', 'true', 'n', 'no', '.inf', '.5', '0x1F', '1_000', '2001-12-14', '-1', '~', '', 'é', '_key']) {
    assert.equal(readsAsItself(text), false, text);
  }
});
