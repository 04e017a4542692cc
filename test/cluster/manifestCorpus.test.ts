// The manifest corpus and the crafted manifests against the local API server: where the validator
// reports an error the server checks, the server refuses the object for that reason; where it reports
// no error, the server accepts it. Each object is sent as the JSON kubectl makes of it (aliases
// followed, merge keys applied, scalars read with YAML 1.1 rules).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import https from 'node:https';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { parse } from 'yaml';
import { tokenManifests, type Finding, type TokenManifest } from '../../src/manifests';
import { DocumentDecoder } from '../../src/manifests/decode';
import { documentStarts, parseDocuments, tokenObjects } from '../../src/manifests/documents';
import { hostileCases } from '../unit/manifests/hostileCases';
import { sentJson } from '../unit/manifests/sentJson';
import { startLocalCluster, type LocalCluster } from './server';

const folder = join(__dirname, '../fixtures/manifests');
const files = ['tokenrequest-valid.yaml', 'tokenrequest-expiration.yaml', 'tokenrequest-audiences.yaml', 'tokenrequest-bound.yaml', 'unknown-fields.yaml', 'list.yaml', 'tokenreview.yaml', 'metadata.yaml'];

/** Errors the API server itself reports. The local server decodes the types of spec.audiences and spec.expirationSeconds only. */
const requestChecks = (finding: Finding) =>
  ['expiration-too-short', 'expiration-too-long', 'unsupported-bound-kind', 'bound-api-version', 'bound-name-missing'].includes(finding.code) ||
  (finding.code === 'wrong-type' && /TokenRequestSpec\.spec\.(audiences|expirationSeconds) /.test(finding.message));
const reviewChecks = (finding: Finding) => ['missing-spec', 'missing-token'].includes(finding.code);
/** Unless asked for fieldValidation=Strict, the server drops unknown fields without a word. */
const invisible = (finding: Finding) => finding.code === 'unknown-field';

let cluster: LocalCluster;
let bearer: string;

before(async () => {
  cluster = await startLocalCluster();
  bearer = (parse(cluster.kubeconfigYaml('admin')) as { users: { user: { token: string } }[] }).users[0].user.token;
});

after(() => cluster.close());

function post(path: string, body: unknown): Promise<{ code: number; body: { message?: string } }> {
  return new Promise((resolve, reject) => {
    const request = https.request(`${cluster.url}${path}`, { method: 'POST', ca: cluster.caPem, headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ code: response.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as { message?: string } }));
    });
    request.on('error', reject);
    request.end(JSON.stringify(body));
  });
}

/** Each v1 token object of a file with the JSON kubectl would send for it. */
function corpusObjects(text: string): { manifest: TokenManifest; json: unknown }[] {
  const manifests = tokenManifests(text);
  const starts = documentStarts(text);
  const json = new Map<number, unknown>();
  starts.forEach((start, index) => {
    for (const document of parseDocuments(text.slice(start, starts[index + 1] ?? text.length))) {
      for (const object of tokenObjects(new DocumentDecoder(document, () => []).decode())) {
        json.set(start + object.map.written.range![0], sentJson(object.map));
      }
    }
  });
  return manifests.map((manifest) => ({ manifest, json: json.get(manifest.start) }));
}

/**
 * The corpus files and the crafted manifests small enough to send. Not those with characters past
 * U+00FF: the local server drops the connection when its unknown-field Warning header would hold
 * one (Node refuses them in header values; kube-apiserver sends them as UTF-8).
 */
const sources = [
  ...files.map((file) => ({ name: file, text: readFileSync(join(folder, file), 'utf8') })),
  ...hostileCases.filter((hostile) => hostile.text.length < 100_000 && !/[^\u0000-\u00FF]/.test(hostile.text)).map((hostile) => ({ name: `hostile "${hostile.name}"`, text: hostile.text })),
];

/**
 * The part of a finding's message that the server says: the quoted answer if there is one, else all of it.
 * For wrong types only the Go field is compared: the local server words the rest differently from
 * encoding/json (see the report to the lead), e.g. no "number 3600.5" literal.
 */
function serverText(finding: Finding): string {
  if (finding.code === 'wrong-type') {
    return /Go struct field \S+/.exec(finding.message)![0];
  }
  return /the server answers "(.*)"\.?$/.exec(finding.message)?.[1] ?? finding.message;
}

test('the corpus objects get the answers the validator predicts', async () => {
  let checked = 0;
  for (const { name, text } of sources) {
    for (const { manifest, json } of corpusObjects(text)) {
      const where = `${name} line ${text.slice(0, manifest.start).split('\n').length}`;
      const checks = manifest.kind === 'TokenRequest' ? requestChecks : reviewChecks;
      const predicted = manifest.errors.filter(checks);
      if (manifest.errors.some((finding) => !checks(finding) && !invisible(finding))) {
        continue;
      }
      let answer;
      if (manifest.kind === 'TokenRequest') {
        const namespace = manifest.namespace ?? 'default';
        if (!manifest.name || !cluster.store.get('serviceaccounts', namespace, manifest.name)) {
          continue;
        }
        answer = await post(`/api/v1/namespaces/${namespace}/serviceaccounts/${manifest.name}/token`, json);
      } else {
        answer = await post('/apis/authentication.k8s.io/v1/tokenreviews', json);
      }
      checked += 1;
      if (predicted.length === 0) {
        assert.equal(answer.code, 201, `${where}: ${answer.body.message}`);
        continue;
      }
      assert.ok(answer.code >= 400 && answer.code < 500, `${where}: expected a refusal, got ${answer.code}`);
      if (predicted.some((finding) => finding.code === 'bound-name-missing')) {
        // The local server answers 404 `pods "" not found`; a real one refuses the empty name before looking.
        continue;
      }
      const message = answer.body.message ?? '';
      assert.ok(
        predicted.some((finding) => message.endsWith(serverText(finding)) || message.includes(serverText(finding))),
        `${where}: the server said "${message}", the validator: ${predicted.map((finding) => finding.message).join(' | ')}`,
      );
    }
  }
  assert.ok(checked >= 35, `only ${checked} corpus objects were sent`);
});
