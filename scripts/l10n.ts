// The localisation files made from the English ones, so a translation can never go stale (unit tests
// compare the files on disk with what this makes): package.nls.qps-ploc.json from package.nls.json,
// l10n/bundle.l10n.json from the `l10n.t('…')` calls in src/ (what `@vscode/l10n-dev export` makes,
// without its tree-sitter download), and l10n/bundle.l10n.qps-ploc.json from that.
// `npm run l10n` rewrites them. qps-ploc is the pseudo-locale VS Code accepts
// (`code --locale qps-ploc`): every letter accented and every line bracketed, so a string that
// bypassed localisation stands out as plain English.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { phraseFormat } from '../src/jwt/phrase';

export const pseudoLocale = 'qps-ploc';
export const pseudoStart = '［';
export const pseudoEnd = '］';

const plain = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
const accented = [...'áƀçďéƒğĥíĵķĺɱñóþǫŕšţúṽŵẋýžÁƁÇĎÉƑĞĤÍĴĶĹṀÑÓÞǪŔŠŢÚṼŴẊÝŽ'];

/**
 * What must reach the person unchanged, because code or VS Code reads it: `{0}` placeholders, code
 * spans, link and command targets, `#setting#` links, `$(icon)`s and addresses.
 */
const kept = /\{\d+\}|`[^`]*`|\]\([^)\s]*\)|#[\w.]+#|\$\([\w~-]+\)|https?:\/\/\S+/g;
/** A line that is only a link: VS Code shows it as a button in a welcome view, so no brackets around it. */
const buttonLine = /^\[[^\]]*\]\([^)\s]*\)$/;

function accent(text: string): string {
  return [...text].map((letter) => accented[plain.indexOf(letter)] ?? letter).join('');
}

function accentOutsideKept(text: string): string {
  let result = '';
  let from = 0;
  for (const match of text.matchAll(kept)) {
    result += accent(text.slice(from, match.index)) + match[0];
    from = match.index + match[0].length;
  }
  return result + accent(text.slice(from));
}

/** The pseudo-localised text: deterministic, so the file it is written to can be compared with a fresh run. */
export function pseudoLocalise(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? line : buttonLine.test(line) ? accentOutsideKept(line) : `${pseudoStart}${accentOutsideKept(line)}${pseudoEnd}`))
    .join('\n');
}

export type Messages = Record<string, string>;

export function pseudoMessages(messages: Messages): Messages {
  return Object.fromEntries(Object.entries(messages).map(([key, text]) => [key, pseudoLocalise(text)]));
}

/** The files' text as they are written: two-space JSON and a final newline, like package.json. */
export const jsonText = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** One string of package.json a person reads, where it is, and the package.nls.json key it belongs under. */
export interface UserFacingString {
  readonly path: string;
  readonly value: string;
  readonly key: string;
  readonly set: (value: string) => void;
}

const objects = (value: Json | undefined): JsonObject[] => (Array.isArray(value) ? value : []).filter((item): item is JsonObject => typeof item === 'object' && item !== null && !Array.isArray(item));
const objectOf = (value: Json | undefined): JsonObject => (typeof value === 'object' && value !== null && !Array.isArray(value) ? value : {});
const short = (id: Json | undefined) => String(id).replace(/^kubeSaTokens\./, '');

/** Names a welcome view by the condition it is shown under. */
function welcomeName(when: string): string {
  const problem = /kubeSaTokens\.treeProblem == ([\w-]+)/.exec(when);
  if (problem) {
    return problem[1];
  }
  const folders: Record<string, string> = { 'workspaceFolderCount != 0': 'folderOpen', 'workspaceFolderCount == 0': 'noFolder' };
  const name = folders[when];
  if (!name) {
    throw new Error(`scripts/l10n.ts: no key name for the welcome view shown when "${when}"`);
  }
  return name;
}

/**
 * Every string of package.json shown to a person (VS Code localises exactly these fields with
 * `%key%`): names, command titles and categories, views, welcome views, walkthroughs, settings.
 */
export function userFacingStrings(manifest: JsonObject): UserFacingString[] {
  const found: UserFacingString[] = [];
  const visit = (owner: JsonObject, field: string, path: string, key: string) => {
    const value = owner[field];
    if (typeof value === 'string') {
      found.push({ path, value, key, set: (text) => (owner[field] = text) });
    }
  };
  visit(manifest, 'displayName', 'displayName', 'displayName');
  visit(manifest, 'description', 'description', 'description');
  const untrusted = objectOf(objectOf(manifest.capabilities).untrustedWorkspaces);
  visit(untrusted, 'description', 'capabilities.untrustedWorkspaces.description', 'capabilities.untrustedWorkspaces.description');
  const contributes = objectOf(manifest.contributes);
  for (const container of objects(objectOf(contributes.viewsContainers).activitybar)) {
    visit(container, 'title', `viewsContainers.activitybar.${container.id}.title`, 'displayName');
  }
  for (const view of Object.values(objectOf(contributes.views)).flatMap(objects)) {
    visit(view, 'name', `views.${view.id}.name`, `views.${short(view.id)}.name`);
    visit(view, 'contextualTitle', `views.${view.id}.contextualTitle`, 'displayName');
  }
  for (const command of objects(contributes.commands)) {
    visit(command, 'title', `commands.${command.command}.title`, `commands.${short(command.command)}.title`);
    visit(command, 'category', `commands.${command.command}.category`, 'displayName');
  }
  const configuration = objectOf(contributes.configuration);
  visit(configuration, 'title', 'configuration.title', 'displayName');
  for (const [id, setting] of Object.entries(objectOf(configuration.properties)).map(([id, setting]) => [id, objectOf(setting)] as const)) {
    for (const field of ['description', 'markdownDescription', 'deprecationMessage', 'markdownDeprecationMessage']) {
      visit(setting, field, `configuration.${id}.${field}`, `settings.${short(id)}.${field}`);
    }
    for (const field of ['enumDescriptions', 'markdownEnumDescriptions']) {
      const descriptions = setting[field];
      const values = Array.isArray(setting.enum) ? setting.enum : [];
      if (Array.isArray(descriptions)) {
        descriptions.forEach((description, index) => {
          if (typeof description === 'string') {
            found.push({ path: `configuration.${id}.${field}[${index}]`, value: description, key: `settings.${short(id)}.${field}.${String(values[index] ?? index)}`, set: (text) => (descriptions[index] = text) });
          }
        });
      }
    }
  }
  for (const welcome of objects(contributes.viewsWelcome)) {
    visit(welcome, 'contents', `viewsWelcome.${welcome.view}.${welcome.when}`, `viewsWelcome.${short(welcome.view)}.${welcomeName(String(welcome.when ?? ''))}`);
  }
  for (const walkthrough of objects(contributes.walkthroughs)) {
    const at = `walkthroughs.${walkthrough.id}`;
    visit(walkthrough, 'title', `${at}.title`, `${at}.title`);
    visit(walkthrough, 'description', `${at}.description`, `${at}.description`);
    for (const step of objects(walkthrough.steps)) {
      visit(step, 'title', `${at}.steps.${step.id}.title`, `${at}.steps.${step.id}.title`);
      visit(step, 'description', `${at}.steps.${step.id}.description`, `${at}.steps.${step.id}.description`);
      visit(objectOf(step.media), 'altText', `${at}.steps.${step.id}.media.altText`, `${at}.steps.${step.id}.media.altText`);
    }
  }
  return found;
}

const placeholder = /^%([\w.-]+)%$/;

/** The key of a `%key%` string, or undefined for a literal. */
export const nlsKeyOf = (value: string) => placeholder.exec(value)?.[1];

/** package.json as a person reads it in a language: every `%key%` replaced by its text in `messages`. */
export function localisedManifest<T>(manifest: T, messages: Messages): T {
  const resolve = (value: unknown): unknown => {
    if (typeof value === 'string') {
      const key = nlsKeyOf(value);
      if (key === undefined) {
        return value;
      }
      const text = messages[key];
      if (text === undefined) {
        throw new Error(`package.json names %${key}%, which the messages do not define`);
      }
      return text;
    }
    if (Array.isArray(value)) {
      return value.map(resolve);
    }
    if (typeof value === 'object' && value !== null) {
      return Object.fromEntries(Object.entries(value).map(([field, item]) => [field, resolve(item)]));
    }
    return value;
  };
  return resolve(manifest) as T;
}

export const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;

/** package.json with its English text, as VS Code shows it with no language pack. */
export function englishManifest<T>(root: string): T {
  return localisedManifest(readJson<T>(join(root, 'package.json')), readJson<Messages>(join(root, 'package.nls.json')));
}

/** A call that localises its first argument: `vscode.l10n.t(…)` in the adapters, `l10n.t(…)` (src/text/l10n.ts) in the core. */
export const isLocalisingCall = (node: ts.Node): node is ts.CallExpression => ts.isCallExpression(node) && /(^|\.)l10n\.t$/.test(node.expression.getText());

/** The messages of the `l10n.t` calls and `phrase` templates in one source file; a call whose message is not a literal is reported, as a translator could never see it. */
export function messagesIn(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const messages: string[] = [];
  const visit = (node: ts.Node) => {
    // phrase.ts translates the templates this function exports below.
    const translatesPhrase = isLocalisingCall(node) && node.arguments[0]?.getText() === 'phraseFormat(strings)';
    if (isLocalisingCall(node) && !translatesPhrase) {
      const [message] = node.arguments;
      if (!message || !(ts.isStringLiteral(message) || ts.isNoSubstitutionTemplateLiteral(message))) {
        const { line } = file.getLineAndCharacterOfPosition(node.getStart());
        throw new Error(`${fileName}:${line + 1}: l10n.t takes a literal message (values go in {0} placeholders)`);
      }
      messages.push(message.text);
    } else if (ts.isTaggedTemplateExpression(node) && node.tag.getText() === 'phrase') {
      // src/jwt/phrase.ts translates a phrase`…` template as one message, values as placeholders.
      const template = node.template;
      const strings = ts.isNoSubstitutionTemplateLiteral(template) ? [template.text] : [template.head.text, ...template.templateSpans.map((span) => span.literal.text)];
      messages.push(phraseFormat(strings));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return messages;
}

const sourceFiles = (folder: string) =>
  readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => join(folder, name));

/** bundle.l10n.json's content: every message of src/, keyed by itself, in the order the sources name them. */
export function exportedMessages(root: string): Messages {
  const messages: Messages = {};
  for (const path of sourceFiles(join(root, 'src'))) {
    for (const message of messagesIn(path, readFileSync(path, 'utf8'))) {
      messages[message] = message;
    }
  }
  return messages;
}

/** Every generated file and its text, from the English files in `root`. */
export function generatedFiles(root: string): Map<string, string> {
  const english = readJson<Messages>(join(root, 'package.nls.json'));
  const bundle = exportedMessages(root);
  return new Map([
    [`package.nls.${pseudoLocale}.json`, jsonText(pseudoMessages(english))],
    ['l10n/bundle.l10n.json', jsonText(bundle)],
    [`l10n/bundle.l10n.${pseudoLocale}.json`, jsonText(pseudoMessages(bundle))],
  ]);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = resolve(import.meta.dirname, '..');
  for (const [file, text] of generatedFiles(root)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
    console.log(`${file}: written`);
  }
}
