import * as vscode from 'vscode';
import type { ApiDiscovery, ClusterSession, DiscoveredResource } from '../../cluster';
import { isClusterFailure, messageOf } from '../../errors';
import type { Node } from '../../explorer/treeNodes';
import { accessDocument, accessHeadline, resourceChoices, subjectAccessReviewSpec, type AccessAnswer, type AccessQuestion, type ResourceChoice } from '../../rbac/access';
import type { ServiceAccountRef } from '../../rbac/permissions';
import type { ResourceRequest } from '../../rbac/types';
import { visibleText } from '../../text/visibleText';
import { MultiStepInput } from '../common/multiStepInput';
import { withCancellableProgress } from '../common/progress';
import type { ReadOnlyDocuments } from '../common/readOnlyDocuments';
import type { ClusterConnection } from '../explorer/clusterConnection';
import type { ServiceAccountTree } from '../explorer/serviceAccountTree';

const title = vscode.l10n.t('Can It…?');
/** Discovery changes when CRDs or aggregated APIs come and go: kept this long per context. */
const discoveryKeptMs = 10 * 60_000;
/** Kubernetes names are at most 253 characters. */
const maxNameLength = 253;

/** What the command returns, for tests and other extensions. */
export interface CanIOutcome {
  readonly headline: string;
  readonly answeredBy: AccessAnswer['kind'];
}

interface ResourcePick extends vscode.QuickPickItem {
  readonly choice: ResourceChoice;
}

interface TextPick extends vscode.QuickPickItem {
  readonly value: string | undefined;
}

/** A request given in code (tests, other extensions): strings only, or nothing (a tree passes its selection as a list). */
function givenRequest(value: unknown): ResourceRequest | undefined {
  if (value === undefined || Array.isArray(value)) {
    return undefined;
  }
  const { verb, group, resource, subresource, namespace, name } = (value ?? {}) as Record<string, unknown>;
  const optional = (field: unknown) => field === undefined || typeof field === 'string';
  if (typeof verb !== 'string' || typeof group !== 'string' || typeof resource !== 'string' || ![subresource, namespace, name].every(optional)) {
    throw new Error(vscode.l10n.t('Can It…? takes a ServiceAccount and optionally a request {verb, group, resource, subresource?, namespace?, name?} of strings; it was called with something else and did nothing.'));
  }
  return { verb, group, resource, ...(subresource ? { subresource: subresource as string } : {}), ...(namespace ? { namespace: namespace as string } : {}), ...(name ? { name: name as string } : {}) };
}

/**
 * "Can It…?": may a ServiceAccount make a request? The resource, verb, namespace and name are picked
 * from the cluster's discovery; the API server answers with a SubjectAccessReview, or, when the person
 * may not create one, the answer is computed from the RBAC objects they can read, and says so.
 */
export class CanICommand implements vscode.Disposable {
  private readonly discoveries = new Map<string, { readonly at: number; readonly discovery: Promise<ApiDiscovery> }>();
  private asked = 0;
  /** Refresh, or a change of kubeconfig or context, reads discovery again (a CRD may have come). */
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly connection: ClusterConnection,
    private readonly tree: ServiceAccountTree,
    private readonly documents: ReadOnlyDocuments,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscription = connection.onDidChange(() => this.discoveries.clear());
  }

  dispose(): void {
    this.subscription.dispose();
  }

  async run(target?: unknown, given?: unknown): Promise<CanIOutcome | undefined> {
    const request = givenRequest(given);
    const session = this.connection.current();
    const account = target === undefined ? await this.pickServiceAccount(session) : this.serviceAccountOf(target);
    if (!account) {
      return undefined;
    }
    const question = request ? { request, namespaced: request.namespace !== undefined } : await this.pickRequest(session, account);
    if (!question) {
      return undefined;
    }
    return this.answer(session, { account, ...question, context: session.context, askedAt: new Date() });
  }

  /** A ServiceAccount node of the view (checked against what it shows), or a plain {namespace, name}. */
  private serviceAccountOf(target: unknown): ServiceAccountRef {
    if ((target as Node | undefined)?.kind === 'serviceAccount') {
      const account = this.tree.serviceAccountOf(target);
      return { namespace: account.namespace, name: account.name };
    }
    const ref = target as Partial<ServiceAccountRef> | undefined;
    if (typeof ref?.namespace !== 'string' || typeof ref.name !== 'string') {
      throw new Error(vscode.l10n.t('Can It…? takes a ServiceAccount from the ServiceAccounts view; it was called with something else and did nothing.'));
    }
    return { namespace: ref.namespace, name: ref.name };
  }

  private async answer(session: ClusterSession, question: AccessQuestion): Promise<CanIOutcome> {
    const who = `${visibleText(question.account.namespace, 100)}/${visibleText(question.account.name, 100)}`;
    const answer = await withCancellableProgress(vscode.l10n.t('Asking whether {0} may do that…', who), (signal) => this.ask(session, question, signal));
    const headline = accessHeadline(question, answer);
    vscode.window.setStatusBarMessage(`$(shield) ${headline}`, 10_000);
    const text = accessDocument(question, answer);
    await this.documents.open({ fileName: `${vscode.l10n.t('Can it {0}', ++this.asked)}.txt`, render: () => text }, { beside: true });
    return { headline, answeredBy: answer.kind };
  }

  /** The API server's answer; when the person may not ask it (403), the rules computed from the RBAC objects they can read. */
  private async ask(session: ClusterSession, question: AccessQuestion, signal: AbortSignal): Promise<AccessAnswer> {
    const spec = subjectAccessReviewSpec(question.account, question.request);
    try {
      return { kind: 'review', answer: await this.connection.call((active) => active.reviewAccess(spec, signal), session) };
    } catch (error) {
      if (!isClusterFailure(error) || error.kind !== 'forbidden') {
        throw error;
      }
      const reviewRefused = messageOf(error);
      const outcome = await this.connection.call((active) => active.serviceAccountPermissions(question.account.namespace, question.account.name, signal), session);
      return outcome.kind === 'computed'
        ? { kind: 'computed', permissions: outcome.permissions, reviewRefused }
        : { kind: 'unanswered', why: vscode.l10n.t('You may not create SubjectAccessReviews ({0}), and the permissions cannot be computed either: {1}', reviewRefused, outcome.message) };
    }
  }

  private async pickServiceAccount(session: ClusterSession): Promise<ServiceAccountRef | undefined> {
    const listing = this.tree.listing ?? (await withCancellableProgress(vscode.l10n.t('Listing ServiceAccounts…'), (signal) => this.connection.call((active) => active.listServiceAccounts(signal), session)));
    const items = listing.namespaces.flatMap((namespace) =>
      namespace.serviceAccounts.map((account) => ({ label: visibleText(account.name, 200), description: visibleText(account.namespace, 200), account })),
    );
    const picked = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('Which ServiceAccount? (type to filter by name or namespace)'), matchOnDescription: true });
    return picked && { namespace: picked.account.namespace, name: picked.account.name };
  }

  /** Discovery of the session's context, read once and kept a while; a failed one is not kept. */
  private discovery(session: ClusterSession): Promise<ApiDiscovery> {
    const key = `${session.context.name}\u0000${session.context.server}`;
    const kept = this.discoveries.get(key);
    if (kept && Date.now() - kept.at < discoveryKeptMs) {
      return kept.discovery;
    }
    const discovery = this.connection.call((active) => active.discoverResources(), session);
    this.discoveries.set(key, { at: Date.now(), discovery });
    discovery.catch(() => this.discoveries.delete(key));
    return discovery;
  }

  /** Resource, verb, namespace and name, each step with Back. */
  private async pickRequest(session: ClusterSession, account: ServiceAccountRef): Promise<Pick<AccessQuestion, 'request' | 'namespaced'> | undefined> {
    const input = new MultiStepInput(4);
    const stepTitle = `${title} ${visibleText(account.namespace, 100)}/${visibleText(account.name, 100)}`;
    let resource: DiscoveredResource | undefined;
    let verb = '';
    let namespace: string | undefined;
    let name = '';
    const finished = await input.run([
      async () => {
        const items = this.discovery(session).then((discovery) => {
          if (discovery.unreadGroups.length > 0 || discovery.groupsLeftOut > 0) {
            this.log.warn(`${session.context.name}: discovery could not read ${discovery.unreadGroups.join(', ') || 'no group'}${discovery.groupsLeftOut > 0 ? `, and left out ${discovery.groupsLeftOut} groups` : ''}.`);
          }
          return resourceChoices(discovery.resources).map((choice): ResourcePick => ({ label: choice.label, description: choice.description, choice }));
        });
        const picked = await input.showPick({ title: stepTitle, placeholder: vscode.l10n.t('Resource (type to filter)'), items, active: (item) => item.choice.resource === resource });
        resource = picked?.choice.resource;
        return picked !== undefined;
      },
      async () => {
        const verbs = (resource?.verbs ?? []).map((value): TextPick => ({ label: visibleText(value, 100), value }));
        const picked = await input.showPick<TextPick>({
          title: stepTitle,
          placeholder: vscode.l10n.t('Verb: pick one, or type another (impersonate, bind, escalate…) and press Enter'),
          items: verbs,
          active: (item) => item.value === verb,
          typedItem: (value) => (/^[a-z*]+$/i.test(value.trim()) ? { label: value.trim(), description: vscode.l10n.t('typed'), alwaysShow: true, value: value.trim() } : undefined),
        });
        verb = picked?.value ?? '';
        return picked !== undefined;
      },
      async () => {
        if (!resource?.namespaced) {
          namespace = undefined;
          return true;
        }
        const picked = await input.showPick<TextPick>({
          title: stepTitle,
          placeholder: vscode.l10n.t('Namespace: pick one, or type one and press Enter'),
          items: this.namespaceChoices(account),
          active: (item) => item.value === namespace,
          typedItem: (value) => (value.trim() ? { label: value.trim(), description: vscode.l10n.t('typed'), alwaysShow: true, value: value.trim() } : undefined),
        });
        namespace = picked?.value;
        return picked !== undefined;
      },
      async () => {
        const typed = await input.showInput({
          title: stepTitle,
          prompt: vscode.l10n.t('Name of one object (optional): empty asks about any object'),
          value: name,
          validate: (value) => (value.trim().length > maxNameLength ? vscode.l10n.t('At most {0} characters.', maxNameLength) : undefined),
        });
        name = typed?.trim() ?? '';
        return typed !== undefined;
      },
    ]);
    if (!finished || !resource) {
      return undefined;
    }
    const request: ResourceRequest = {
      verb,
      group: resource.group,
      resource: resource.resource,
      ...(resource.subresource ? { subresource: resource.subresource } : {}),
      ...(namespace ? { namespace } : {}),
      ...(name ? { name } : {}),
    };
    return { request, namespaced: resource.namespaced };
  }

  /** The ServiceAccount's own namespace first, the others the view lists, then all namespaces. */
  private namespaceChoices(account: ServiceAccountRef): TextPick[] {
    const others = (this.tree.listing?.namespaces ?? []).map((listed) => listed.name).filter((listed) => listed !== account.namespace);
    return [
      { label: visibleText(account.namespace, 200), description: vscode.l10n.t('the ServiceAccount\'s own'), value: account.namespace },
      ...others.map((other) => ({ label: visibleText(other, 200), value: other })),
      { label: vscode.l10n.t('All namespaces'), description: vscode.l10n.t('cluster-wide: only ClusterRoleBindings count'), value: undefined },
    ];
  }
}
