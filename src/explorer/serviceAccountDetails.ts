/**
 * The details of one ServiceAccount as a read-only YAML document: the object as the server sent it,
 * then the Pods that run as it and its legacy token Secrets. Everything in it came from the cluster,
 * so it stays data: YAML quotes what needs quoting, invisible characters are written as escapes,
 * and a Secret contributes its name and creation time only, whatever else the answer held.
 */
import type { V1Pod, V1Secret } from '@kubernetes/client-node';
import { Document, visit } from 'yaml';
import type { Listed, ServiceAccountDetails } from '../cluster/serviceAccountDetails';
import { revealInvisible, visibleText } from '../text/visibleText';
import * as l10n from '../text/l10n';

/** Kubernetes names are at most 253 characters; a longer one from a hostile server is cut in comments. */
const maxNameInComment = 253;
/** Metadata-only lists leave out `type`; the list asked for this type only. */
const tokenSecretType = 'kubernetes.io/service-account-token';

/** `serviceaccount demo-vault-auth.yaml`: letters, digits, dots, dashes and underscores only, short enough for a tab. */
export function detailsFileName(namespace: string, name: string): string {
  const safe = `${namespace}-${name}`.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 80);
  return `serviceaccount ${safe}.yaml`;
}

/** The wire time of a timestamp, whether the client gave a Date or the server's string. */
function timestamp(value: Date | string | undefined): string | undefined {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? undefined : value.toISOString().replace(/\.000Z$/, 'Z');
  }
  return value;
}

/** The object without metadata.managedFields: the server's bookkeeping of who set which field. */
function withoutManagedFields(object: unknown): unknown {
  const record = object as { metadata?: unknown } | null;
  if (typeof record !== 'object' || record === null || typeof record.metadata !== 'object' || record.metadata === null) {
    return object;
  }
  const metadata = { ...(record.metadata as Record<string, unknown>) };
  delete metadata.managedFields;
  return { ...record, metadata };
}

/**
 * YAML (1.1, as kubectl reads it) that means what `value` holds: a string whose invisible or
 * reordering characters would be escaped is double-quoted first, where those escapes are YAML's own.
 */
function yamlText(value: unknown): string {
  const document = new Document(value, { version: '1.1' });
  visit(document, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && revealInvisible(node.value) !== node.value) {
        node.type = 'QUOTE_DOUBLE';
      }
    },
  });
  return revealInvisible(document.toString({ lineWidth: 0, doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER }));
}

/** One comment line: whatever in `text` came from the cluster was made visible text already, so it stays on this line. */
function comment(text: string): string {
  return `# ${text}\n`;
}

/** A list under the ServiceAccount: its heading, what it is called, and what of each item is shown. */
interface Section<T> {
  /** The YAML key the items are listed under. */
  readonly key: string;
  readonly heading: string;
  /** `Pods`: how the document names the list when it could not be read. */
  readonly noun: string;
  /** `pods`: the resource whose list the person may not read. */
  readonly resource: string;
  readonly list: Listed<T>;
  readonly belongs: (item: T) => boolean;
  readonly shown: (item: T) => Record<string, unknown>;
}

function sectionText<T>(section: Section<T>, namespace: string): string {
  const heading = comment(section.heading);
  const { list } = section;
  if (!list.listed) {
    return heading + comment(list.forbidden ? l10n.t('{0}: not allowed to list {1} in {2}.', section.noun, section.resource, namespace) : l10n.t('{0}: not listed. {1}', section.noun, visibleText(list.message, 1000)));
  }
  const more = list.more ? comment(l10n.t('Only the first {0} {1} of {2} were looked at: there are more.', list.items.length, section.resource, namespace)) : '';
  return heading + more + yamlText({ [section.key]: list.items.filter(section.belongs).map(section.shown) });
}

/** The document's text: the ServiceAccount, `---`, then the Pods that run as it and its legacy token Secrets. */
export function renderServiceAccountDetails(details: ServiceAccountDetails, contextName: string): string {
  const namespace = visibleText(details.namespace, maxNameInComment);
  const name = visibleText(details.name, maxNameInComment);
  const pods: Section<V1Pod> = {
    key: 'pods',
    heading: l10n.t('Pods in {0} that run as {1} (spec.serviceAccountName).', namespace, name),
    noun: 'Pods',
    resource: 'pods',
    list: details.pods,
    belongs: (pod) => (pod.spec?.serviceAccountName ?? 'default') === details.name,
    shown: (pod) => ({ name: pod.metadata?.name, phase: pod.status?.phase, node: pod.spec?.nodeName, created: timestamp(pod.metadata?.creationTimestamp) }),
  };
  const secrets: Section<V1Secret> = {
    key: 'legacyTokenSecrets',
    heading: l10n.t('Legacy token Secrets of {0}: each holds a token that never expires. Names and creation times only; their data is not shown.', name),
    noun: l10n.t('Legacy token Secrets'),
    resource: 'secrets',
    list: details.tokenSecrets,
    belongs: (secret) => (secret.type ?? tokenSecretType) === tokenSecretType && secret.metadata?.annotations?.['kubernetes.io/service-account.name'] === details.name,
    shown: (secret) => ({ name: secret.metadata?.name, created: timestamp(secret.metadata?.creationTimestamp) }),
  };
  return [
    comment(l10n.t('ServiceAccount {0}/{1} in context {2}, as the API server sent it (managedFields left out).', namespace, name, visibleText(contextName, maxNameInComment))),
    yamlText(withoutManagedFields(details.serviceAccount)),
    '---\n',
    sectionText(pods, namespace),
    sectionText(secrets, namespace),
  ].join('');
}
