// metadata.name and metadata.namespace, with the server's own validation messages.
import type { ObjectChecks } from './checks';
import { entryOf, mapOf, stringOf, type DecodedScalar } from './decode';
import { scalarText } from './edits';
import { dns1123Label, dns1123Subdomain } from './fields';
import { quoted } from './quote';
import * as l10n from '../text/l10n';

const dnsMessages = {
  subdomain:
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
  label:
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
};

const rules: Record<string, { pattern: string; maxLength: number }> = { 'metadata.name': dns1123Subdomain, 'metadata.namespace': dns1123Label };

/** Whether a text would pass the server's check of the field at `path` (only names are checked here). */
export function validName(path: string, text: string): boolean {
  const rule = rules[path];
  return !rule || (text.length <= rule.maxLength && new RegExp(rule.pattern).test(text));
}

function checkName(checks: ObjectChecks, key: 'name' | 'namespace', rule: { pattern: string; maxLength: number }, explanation: string): void {
  const value = entryOf(mapOf(entryOf(checks.object.map, 'metadata')?.value), key)?.value;
  const text = stringOf(value);
  if (text === undefined || text === '' || (text.length <= rule.maxLength && new RegExp(rule.pattern).test(text))) {
    return;
  }
  const problem = text.length > rule.maxLength ? `must be no more than ${rule.maxLength} characters` : explanation;
  const repaired =
    text.length > rule.maxLength
      ? ''
      : text
          .toLowerCase()
          .replace(key === 'name' ? /[^a-z0-9.-]+/g : /[^a-z0-9-]+/g, '-')
          .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  const scalar = value as DecodedScalar;
  const fixes = repaired && new RegExp(rule.pattern).test(repaired) ? checks.change(l10n.t('Change to {0}', quoted(repaired)), scalar, scalarText(repaired)) : [];
  // The API server's own words, as kubectl prints them: not translated, so they read as the server's answer and can be searched for.
  checks.report('invalid-dns-name', 'error', `metadata.${key}: Invalid value: ${quoted(text)}: ${problem}`, scalar.at, fixes);
}

/** The ServiceAccount's name and namespace, as the server validates them. */
export function checkMetadata(checks: ObjectChecks): void {
  checkName(checks, 'name', dns1123Subdomain, dnsMessages.subdomain);
  checkName(checks, 'namespace', dns1123Label, dnsMessages.label);
}
