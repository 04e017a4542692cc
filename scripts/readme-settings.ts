// The README's settings table, made from package.json (its English text, from package.nls.json) so the two never disagree (a unit test
// compares them). `node --import tsx scripts/readme-settings.ts` rewrites the table between its markers.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { englishManifest } from './l10n';

export interface SettingContribution {
  default?: unknown;
  scope?: string;
  order?: number;
  markdownDescription?: string;
  description?: string;
  enum?: string[];
  enumDescriptions?: string[];
}

export interface ManifestWithSettings {
  contributes: { configuration: { properties: Record<string, SettingContribution> } };
}

export const tableStart = '<!-- settings table: generated from package.json by scripts/readme-settings.ts -->';
export const tableEnd = '<!-- end of settings table -->';

/** Where a person may set a setting of each scope, in the words of the Settings editor. */
const scopeNames: Record<string, string> = {
  application: 'user settings only',
  machine: 'user settings only (per machine, remote included)',
  'machine-overridable': "user settings, or a trusted workspace's",
  window: 'user or workspace settings',
  resource: 'user, workspace or folder settings; in Restricted Mode user settings only',
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n+/g, ' ');
const shownDefault = (value: unknown) => (value === '' ? '(empty)' : `\`${JSON.stringify(value)}\``);
/** `#kubeSaTokens.x#` links work in the Settings editor only; the README names the setting. */
const readable = (markdown: string) => markdown.replace(/`#([\w.]+)#`/g, '`$1`');

/** The table's Markdown, settings in their `order`. */
export function settingsTable(manifest: ManifestWithSettings): string {
  const settings = Object.entries(manifest.contributes.configuration.properties).sort(([, a], [, b]) => (a.order ?? 0) - (b.order ?? 0));
  const rows = settings.map(([key, setting]) => {
    const values = setting.enum ? ` Values: ${setting.enum.map((value, index) => `\`${value}\` (${setting.enumDescriptions?.[index] ?? ''})`).join(', ')}.` : '';
    const description = readable(setting.markdownDescription ?? setting.description ?? '') + values;
    return `| \`${key}\` | ${shownDefault(setting.default)} | ${scopeNames[setting.scope ?? 'window']} | ${cell(description)} |`;
  });
  return [tableStart, '| setting | default | set in | |', '| --- | --- | --- | --- |', ...rows, tableEnd].join('\n');
}

/** The README with its table replaced by the one package.json makes. */
export function withSettingsTable(readme: string, manifest: ManifestWithSettings): string {
  const start = readme.indexOf(tableStart);
  const end = readme.indexOf(tableEnd);
  if (start < 0 || end < start) {
    throw new Error(`README.md has no settings table markers (${tableStart} … ${tableEnd})`);
  }
  return readme.slice(0, start) + settingsTable(manifest) + readme.slice(end + tableEnd.length);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const root = resolve(import.meta.dirname, '..');
  const readmePath = join(root, 'README.md');
  const manifest = englishManifest<ManifestWithSettings>(root);
  writeFileSync(readmePath, withSettingsTable(readFileSync(readmePath, 'utf8'), manifest));
  console.log('README.md: settings table written from package.json');
}
