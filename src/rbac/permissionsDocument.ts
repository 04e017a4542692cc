// The permissions of one ServiceAccount as a read-only text document: the dangerous rights first,
// then every rule per scope with the binding it comes from.
import { visibleText } from '../text/visibleText';
import { dangersOf, dangersOfGrant } from './dangers';
import type { PermissionsOutcome, ServiceAccountPermissions, ServiceAccountRef } from './permissions';
import { describeGrant, describeMissingRole, describeOrigin, describeDanger, groupByScope } from './ruleText';
import * as l10n from '../text/l10n';

/** A cluster can bind thousands of rules to one group; the document stays readable and bounded. */
const maxRulesShown = 2000;

const accountName = (account: ServiceAccountRef) => `${visibleText(account.namespace, 100)}/${visibleText(account.name, 300)}`;

/** One line saying where the rules come from, and whether the server may have left some out. */
export function describeSource(permissions: ServiceAccountPermissions): string {
  const source = permissions.source === 'rbac-objects' ? l10n.t('Computed from the RBAC objects you can list') : l10n.t('Answered by the API server (a SelfSubjectRulesReview as the ServiceAccount)');
  return permissions.incomplete ? l10n.t('{0}; the server says the list may be incomplete (webhook or Node authorizers).', source) : `${source}.`;
}

function renderPermissions(permissions: ServiceAccountPermissions): string[] {
  const dangers = dangersOf(permissions);
  const lines = [describeSource(permissions), ...permissions.notes.map((note) => visibleText(note, 1000)), ''];
  lines.push(dangers.length === 0 ? l10n.t('No dangerous rights.') : l10n.t('Dangerous rights ({0}):', dangers.length));
  for (const danger of dangers) {
    lines.push(`  ! ${describeDanger(danger.right.what, danger.where, danger.right.why)}`, `      ${l10n.t('by {0}, {1}', describeGrant(danger.grant), describeOrigin(danger.grant.via))}`);
  }
  if (permissions.missingRoles.length > 0) {
    lines.push('', l10n.t('Bindings to roles that do not exist:'), ...permissions.missingRoles.map((missing) => `  ${describeMissingRole(missing)}`));
  }
  let shown = 0;
  for (const group of groupByScope(permissions)) {
    lines.push('', `${group.title}:`);
    for (const grant of group.grants.slice(0, Math.max(0, maxRulesShown - shown))) {
      const flags = dangersOfGrant(grant).map((right) => right.what);
      lines.push(`  ${describeGrant(grant)}${flags.length > 0 ? `   [${l10n.t('dangerous: {0}', flags.join('; '))}]` : ''}`, `      ${describeOrigin(grant.via)}`);
    }
    shown += group.grants.length;
  }
  if (shown > maxRulesShown) {
    lines.push('', l10n.t('… and {0} more rules, not shown.', shown - maxRulesShown));
  }
  if (permissions.grants.length === 0) {
    lines.push('', l10n.t('No RBAC rule grants it anything.'));
  }
  return lines;
}

/** The document's text, for the context it was computed in. */
export function renderPermissionsDocument(outcome: PermissionsOutcome, contextName: string): string {
  const account = outcome.kind === 'computed' ? outcome.permissions.serviceAccount : outcome.serviceAccount;
  const header = [l10n.t('Permissions of ServiceAccount {0}', accountName(account)), l10n.t('Context: {0}', visibleText(contextName, 200)), ''];
  const body = outcome.kind === 'computed' ? renderPermissions(outcome.permissions) : [l10n.t('Cannot see its permissions. {0}', visibleText(outcome.message, 1000))];
  return `${[...header, ...body].join('\n')}\n`;
}

/** `permissions demo-vault-auth.txt`: no character of a name that a file name or a tab could misread. */
export function permissionsFileName(account: ServiceAccountRef): string {
  return `permissions ${`${account.namespace}-${account.name}`.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80)}.txt`;
}
