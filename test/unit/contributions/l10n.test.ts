import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { exportedMessages, generatedFiles, nlsKeyOf, pseudoEnd, pseudoLocale, pseudoLocalise, pseudoStart, readJson, userFacingStrings, type Messages } from '../../../scripts/l10n';
import { repoRoot } from '../packageManifest';

const rawManifest = readJson<Parameters<typeof userFacingStrings>[0]>(join(repoRoot, 'package.json'));
const english = readJson<Messages>(join(repoRoot, 'package.nls.json'));
const pseudo = readJson<Messages>(join(repoRoot, `package.nls.${pseudoLocale}.json`));
const bundle = readJson<Messages>(join(repoRoot, 'l10n', 'bundle.l10n.json'));
const pseudoBundle = readJson<Messages>(join(repoRoot, 'l10n', `bundle.l10n.${pseudoLocale}.json`));

/** What the pseudo-localiser must leave alone: placeholders, code spans, link targets, setting links, icons, addresses. */
const keptParts = (text: string) => text.match(/\{\d+\}|`[^`]*`|\]\([^)\s]*\)|#[\w.]+#|\$\([\w~-]+\)|https?:\/\/[^\s］]+/g) ?? [];

test('every string of package.json a person reads is a %key%, so a language pack can replace it', () => {
  const literal = userFacingStrings(rawManifest).filter(({ value }) => nlsKeyOf(value) === undefined);
  assert.deepEqual(literal.map(({ path }) => path), []);
});

test('every %key% of package.json is in package.nls.json and in the pseudo-localised file, and no key is unused', () => {
  const used = new Set([...readFileSync(join(repoRoot, 'package.json'), 'utf8').matchAll(/"%([\w.-]+)%"/g)].map(([, key]) => key));
  for (const key of used) {
    assert.equal(typeof english[key], 'string', `package.nls.json defines ${key}`);
    assert.equal(typeof pseudo[key], 'string', `package.nls.${pseudoLocale}.json defines ${key}`);
  }
  assert.deepEqual(Object.keys(english).filter((key) => !used.has(key)), [], 'keys of package.nls.json no string uses');
});

test('the pseudo-localised files are what scripts/l10n.ts makes from the English ones (run it after changing them)', () => {
  for (const [file, text] of generatedFiles(repoRoot)) {
    assert.equal(readFileSync(join(repoRoot, file), 'utf8'), text, `${file} is up to date: npm run l10n`);
  }
});

test('package.json declares the bundles, and every l10n.t message of the sources is in the English and the pseudo-localised bundle', () => {
  assert.equal(readJson<{ l10n?: string }>(join(repoRoot, 'package.json')).l10n, './l10n');
  const messages = Object.keys(exportedMessages(repoRoot));
  assert.ok(messages.length > 100, `${messages.length} messages found in src/`);
  for (const message of messages) {
    assert.equal(bundle[message], message, `bundle.l10n.json has "${message}"`);
    assert.equal(typeof pseudoBundle[message], 'string', `bundle.l10n.${pseudoLocale}.json has "${message}"`);
  }
});

test('pseudo-localisation changes every word and keeps placeholders, code, links, setting links and welcome-view buttons', () => {
  const pairs = [...Object.entries(english).map(([key, text]) => [key, text, pseudo[key]] as const), ...Object.entries(bundle).map(([key, text]) => [key, text, pseudoBundle[key]] as const)];
  for (const [key, text, localised = ''] of pairs) {
    assert.deepEqual(keptParts(localised), keptParts(text), `${key} keeps its placeholders and links`);
    const words = keptParts(localised).reduce((rest, part) => rest.replace(part, ' '), localised);
    assert.doesNotMatch(words, /[A-Za-z]/, `${key}: no plain English letter is left in "${localised}"`);
  }
  assert.equal(pseudoLocalise('Run {0} with `kubectl` (see `#kubeSaTokens.kubeconfigPath#`)'), `${pseudoStart}Ŕúñ {0} ŵíţĥ \`kubectl\` (šéé \`#kubeSaTokens.kubeconfigPath#\`)${pseudoEnd}`);
  assert.equal(pseudoLocalise('No kubeconfig.\n[Retry](command:kubeSaTokens.refresh)'), `${pseudoStart}Ñó ķúƀéçóñƒíğ.${pseudoEnd}\n[Ŕéţŕý](command:kubeSaTokens.refresh)`);
});
