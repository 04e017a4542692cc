// The schemas this extension contributes to Red Hat's YAML extension, proved against the real
// `yaml-language-server` npm package (pinned in package.json) over the manifest corpus.
//
// Real: the language server, started over stdio as vscode-yaml starts it, and everything it does
// (parsing, schema resolution, completion, hover, validation); our contributor's functions
// (src/manifests/yamlExtensionSchema.ts, the same ones src/features/manifests/yamlSchemas.ts registers)
// and our validator (src/manifests).
// Stand-in: this file is the client, in place of vscode-yaml (which cannot be downloaded here). It sends
// what vscode-yaml's src/extension.ts sends once its client starts (the schema associations, then
// `yaml/registerCustomSchemaRequest`), answers `custom/schema/request` and `custom/schema/content` as its
// src/schema-extension-api.ts does (every contributor's requestSchema; content from the contributor named
// by the URI's scheme), and answers `workspace/configuration` with vscode-yaml's defaults except the
// schema store and the Kubernetes CRD store, which would fetch schemas from the network.
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { validateManifests, type Finding } from '../../src/manifests';
import { schemaContributor, schemaContributorName, type SchemaContributor } from '../../src/manifests/yamlExtensionSchema';

const root = fileURLToPath(new URL('../../', import.meta.url));
const corpusFolder = join(root, 'test/fixtures/manifests');
const options = { defaultAudiences: ['vault'], now: Date.parse('2026-01-01T00:00:00Z') };
const readSchema = (name: string) => JSON.parse(readFileSync(join(root, 'schemas', name), 'utf8')) as Schema;

interface Schema {
  description?: string;
  properties?: Record<string, Schema>;
}

interface Position {
  line: number;
  character: number;
}

interface Range {
  start: Position;
  end: Position;
}

interface Diagnostic {
  range: Range;
  message: string;
  source?: string;
  code?: string | number;
}

type Markup = string | { kind: string; value: string };

interface CompletionItem {
  label: string;
  documentation?: Markup;
}

const tokenRequestSchema = readSchema('tokenrequest.schema.json');
const tokenReviewSchema = readSchema('tokenreview.schema.json');

/** The client's side: the open documents, the server's diagnostics for each, and the contributors registered. */
class StandInYamlClient {
  readonly texts = new Map<string, string>();
  private readonly diagnostics = new Map<string, (diagnostics: Diagnostic[]) => void>();
  private readonly contributors = new Map<string, SchemaContributor>();
  private version = 0;

  constructor(private readonly connection: MessageConnection) {
    connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map(({ section }) =>
        section === 'yaml' ? { validate: true, hover: true, completion: true, format: { enable: true }, schemas: {}, schemaStore: { enable: false }, kubernetesCRDStore: { enable: false }, customTags: [] } : {},
      ),
    );
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    // schema-extension-api.ts requestCustomSchema: every contributor is asked; all its answers go back.
    connection.onRequest('custom/schema/request', (resource: string) =>
      [...this.contributors.values()].map((contributor) => contributor.requestSchema(resource)).filter((uri): uri is string => uri !== undefined),
    );
    // schema-extension-api.ts requestCustomSchemaContent: the contributor registered under the URI's scheme answers.
    connection.onRequest('custom/schema/content', (uri: string) => this.contributors.get(new URL(uri).protocol.slice(0, -1))?.requestSchemaContent(uri));
    connection.onNotification('textDocument/publishDiagnostics', (params: { uri: string; diagnostics: Diagnostic[] }) => this.diagnostics.get(params.uri)?.(params.diagnostics));
  }

  /** registerContributor(schema, requestSchema, requestSchemaContent): kept by name, as vscode-yaml keeps it. */
  registerContributor(name: string, contributor: SchemaContributor): void {
    this.contributors.set(name, contributor);
  }

  async start(): Promise<void> {
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: {
        workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
        textDocument: {
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { relatedInformation: true },
        },
      },
    });
    await this.connection.sendNotification('initialized', {});
    await this.connection.sendNotification('json/schemaAssociations', {});
    await this.connection.sendNotification('yaml/registerCustomSchemaRequest');
  }

  /** Opens a document and waits for the server's first diagnostics of it. */
  async open(uri: string, text: string): Promise<Diagnostic[]> {
    this.texts.set(uri, text);
    const published = new Promise<Diagnostic[]>((resolve) => this.diagnostics.set(uri, resolve));
    this.version += 1;
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: this.version, text } });
    return published;
  }

  completion(uri: string, position: Position): Promise<{ items: CompletionItem[] }> {
    return this.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position });
  }

  hover(uri: string, position: Position): Promise<{ contents: Markup | Markup[] } | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }
}

function positionOf(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length - 1, character: offset - (before.lastIndexOf('\n') + 1) };
}

function markupText(markup: Markup | Markup[] | undefined): string {
  if (markup === undefined) {
    return '';
  }
  return (Array.isArray(markup) ? markup : [markup]).map((part) => (typeof part === 'string' ? part : part.value)).join('\n');
}

/** Descriptions are compared as words: the server renders them as Markdown, which may escape characters. */
const words = (text: string) => text.replace(/\\(.)/g, '$1').replace(/\s+/g, ' ');

const compare = (a: Position, b: Position) => a.line - b.line || a.character - b.character;

/** Whether two ranges share a character, or are the same empty range. */
function overlaps(a: Range, b: Range): boolean {
  const same = compare(a.start, b.start) === 0 && compare(a.end, b.end) === 0;
  return same || (compare(a.start, b.end) < 0 && compare(b.start, a.end) < 0);
}

/** A server that never answers fails the test instead of hanging the run. */
const limit = { timeout: 60_000 };

let server: ChildProcessWithoutNullStreams;
let client: StandInYamlClient;

before(async () => {
  const serverMain = createRequire(import.meta.url).resolve('yaml-language-server/bin/yaml-language-server');
  server = spawn(process.execPath, [serverMain, '--stdio'], { stdio: 'pipe' });
  server.stderr.resume();
  const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
  connection.listen();
  client = new StandInYamlClient(connection);
  // As src/features/manifests/yamlSchemas.ts registers it, reading the open document's text.
  const contributor = schemaContributor({ TokenRequest: tokenRequestSchema, TokenReview: tokenReviewSchema }, (resource) => client.texts.get(resource));
  client.registerContributor(schemaContributorName, contributor);
  await client.start();
}, limit);

after(() => {
  server.kill();
});

const corpus = readdirSync(corpusFolder, { recursive: true, encoding: 'utf8' })
  .filter((name) => name.endsWith('.yaml'))
  .sort();

/**
 * Our findings and the server's diagnostics that share a character with one of them. The server's
 * own parser (source "YAML") reports syntax errors and repeated keys in any YAML file, whatever
 * schema it is given: those are returned apart, with the code of our finding they overlap.
 */
function duplicates(text: string, diagnostics: readonly Diagnostic[]): { fromSchema: Diagnostic[]; fromParser: { message: string; ours: string }[] } {
  const ours = validateManifests(text, options).map((finding: Finding) => ({ code: finding.code, range: { start: positionOf(text, finding.start), end: positionOf(text, finding.end) } }));
  const fromSchema: Diagnostic[] = [];
  const fromParser: { message: string; ours: string }[] = [];
  for (const diagnostic of diagnostics) {
    const overlapped = ours.find(({ range }) => overlaps(range, diagnostic.range));
    if (overlapped && diagnostic.source === 'YAML') {
      fromParser.push({ message: diagnostic.message, ours: overlapped.code });
    } else if (overlapped) {
      fromSchema.push(diagnostic);
    }
  }
  return { fromSchema, fromParser };
}

test('completion inside a TokenRequest spec offers our schema properties with our descriptions', limit, async () => {
  // A TokenRequest whose spec has a key being typed, appended to a corpus file: the schema is chosen per
  // document by its kind. (The server offers nothing on a blank line past the last key of a document in a
  // file of several: it finds no document around the cursor. A person has typed a letter by then.)
  const base = readFileSync(join(corpusFolder, 'tokenrequest-valid.yaml'), 'utf8');
  const text = `${base}---\napiVersion: authentication.k8s.io/v1\nkind: TokenRequest\nmetadata:\n  name: vault-auth\nspec:\n  e`;
  const uri = pathToFileURL(join(corpusFolder, 'completion.yaml')).toString();
  await client.open(uri, text);
  const { items } = await client.completion(uri, positionOf(text, text.length));
  const spec = tokenRequestSchema.properties!.spec.properties!;
  for (const name of ['audiences', 'expirationSeconds', 'boundObjectRef']) {
    const item = items.find((candidate) => candidate.label === name);
    assert.ok(item, `${name} offered; got ${items.map((candidate) => candidate.label).join(', ')}`);
    assert.ok(words(markupText(item.documentation)).includes(words(spec[name].description!)), `${name}: ${markupText(item.documentation)}`);
  }
  // Nothing outside the spec's schema, such as the object's top-level fields.
  assert.ok(!items.some((item) => item.label === 'apiVersion' || item.label === 'status'));
});

test('hover on a field shows our schema description, for TokenRequest and TokenReview alike', limit, async () => {
  const cases = [
    { file: 'tokenrequest-valid.yaml', field: 'expirationSeconds', description: tokenRequestSchema.properties!.spec.properties!.expirationSeconds.description! },
    { file: 'tokenrequest-valid.yaml', field: 'audiences', description: tokenRequestSchema.properties!.spec.properties!.audiences.description! },
    { file: 'tokenreview.yaml', field: 'token', description: tokenReviewSchema.properties!.spec.properties!.token.description! },
  ];
  for (const { file, field, description } of cases) {
    const text = readFileSync(join(corpusFolder, file), 'utf8');
    const uri = pathToFileURL(join(corpusFolder, `hover-${file}`)).toString();
    await client.open(uri, text);
    const offset = text.indexOf(`  ${field}:`) + 3;
    const hover = await client.hover(uri, positionOf(text, offset));
    assert.ok(words(markupText(hover?.contents)).includes(words(description)), `${file} ${field}: ${markupText(hover?.contents)}`);
  }
});

test('a file with no TokenRequest or TokenReview gets no schema from us', limit, async () => {
  const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  \n';
  const uri = pathToFileURL(join(corpusFolder, 'deployment.yaml')).toString();
  await client.open(uri, text);
  const { items } = await client.completion(uri, positionOf(text, text.length - 1));
  assert.ok(!items.some((item) => item.label === 'audiences' || item.label === 'boundObjectRef'));
});

for (const name of corpus) {
  test(`the server reports nothing from our schema that our validator reports: ${name}`, limit, async () => {
    const text = readFileSync(join(corpusFolder, name), 'utf8');
    const found = duplicates(text, await client.open(pathToFileURL(join(corpusFolder, name)).toString(), text));
    assert.deepEqual(found.fromSchema, []);
    // What the server's parser reports in any YAML file, schema or none: the same syntax errors and
    // repeated keys that our validator reports with kubectl's words and fixes. No schema can remove them.
    assert.ok(
      found.fromParser.every(({ ours }) => ours === 'yaml-syntax' || ours === 'duplicate-key'),
      JSON.stringify(found.fromParser),
    );
  });
}

test('the same schemas with their validation keywords would repeat our findings: the comparison sees them', limit, async () => {
  // A second contributor, for this one file only, offering the schemas as written (the combined
  // schema without withoutValidation): what the server would then report twice.
  const strict = JSON.stringify({
    allOf: [
      { if: { properties: { kind: { const: 'TokenRequest' } }, required: ['kind'] }, then: tokenRequestSchema },
      { if: { properties: { kind: { const: 'TokenReview' } }, required: ['kind'] }, then: tokenReviewSchema },
    ],
  });
  const strictUri = 'kube-sa-tokens-strict://schemas/strict.json';
  client.registerContributor('kube-sa-tokens-strict', {
    requestSchema: (resource) => (resource.endsWith('.strict.yaml') ? strictUri : undefined),
    requestSchemaContent: (uri) => (uri === strictUri ? strict : undefined),
  });
  const text = readFileSync(join(corpusFolder, 'unknown-fields.yaml'), 'utf8');
  const found = duplicates(text, await client.open(pathToFileURL(join(corpusFolder, 'unknown-fields.strict.yaml')).toString(), text));
  assert.ok(found.fromSchema.length > 0, 'the strict schema repeats our unknown-field findings');
  assert.ok(found.fromSchema.some((diagnostic) => /not allowed/.test(diagnostic.message)), JSON.stringify(found.fromSchema.map((diagnostic) => diagnostic.message)));
});
