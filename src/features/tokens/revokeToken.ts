import * as vscode from 'vscode';
import type { ClusterSession, DeletedObject, IssuedToken, LegacyTokenSecret, ServiceAccountSummary, TokenReviewOutcome } from '../../cluster';
import { isCancellation, messageOf } from '../../errors';
import { decodeJwt } from '../../jwt/decode';
import { visibleText } from '../../text/visibleText';
import { checkSeconds, outcomeLine, revocableTokenOf, revocationPlan, type RevocableToken, type RevocationFacts, type RevocationPlan, type RevocationRoute, type RouteKind } from '../../tokens/revocation';
import { revocationDocument, type Recreation, type RevocationCheck } from '../../tokens/revocationDocument';
import { askInModal } from '../common/confirmModal';
import { withCancellableProgress } from '../common/progress';
import type { ReadOnlyDocuments } from '../common/readOnlyDocuments';
import { confirmSendFromUntrustedWorkspace } from '../common/workspaceTrust';
import type { ClusterConnection } from '../explorer/clusterConnection';
import { chooseToken, CommandArgumentError, tokenTargetOf, type ChosenToken } from '../jwt/tokenSource';
import type { IssuedTokens } from './issuedTokens';

/** How often the token is reviewed after the delete. */
const checkIntervalMs = 2000;
/** Pods named in what recreating a ServiceAccount breaks: the details call lists at most this many. */
const serviceAccountPodsListed = 100;

/** What the command needs of the ServiceAccounts view: the legacy Secret a node stands for, and a reload after a delete. */
export interface ServiceAccountView {
  legacySecretOf(node: unknown): { readonly account: ServiceAccountSummary; readonly secret: LegacyTokenSecret };
  refresh(): void;
}

/** What a revocation came to, for programmatic callers and tests; `summary` is the line the person is shown. */
export interface RevocationOutcome {
  readonly route: RouteKind;
  readonly summary: string;
  /** Undefined for waiting: nothing was deleted. */
  readonly deleted?: DeletedObject;
  readonly recreation?: Recreation;
  readonly check?: RevocationCheck;
}

/** The token to take back, and what is already known about it. */
interface Subject {
  readonly chosen: ChosenToken;
  readonly token: RevocableToken;
  /** The legacy Secret's UID when it was read (the tree node's Secret), for the delete's precondition. */
  readonly legacySecretUid?: string;
}

interface Prepared {
  readonly session: ClusterSession;
  readonly subject: Subject;
  readonly plan: RevocationPlan;
  /** Legacy token Secrets of the ServiceAccount, whose references a recreated ServiceAccount drops. */
  readonly legacySecrets: readonly string[];
}

const isNodeOf = (value: unknown, kind: string) => typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === kind;

/** A route's button: "Delete Pod", "Delete and Recreate". */
const actionOf = (route: RevocationRoute) => (route.kind === 'recreate-service-account' ? vscode.l10n.t('Delete and Recreate') : vscode.l10n.t('Delete {0}', route.target?.kind ?? '').trim());

const after = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/**
 * "Revoke…": on an issued token or a legacy token Secret of the tree, or a ServiceAccount token in a
 * file. It first checks with TokenReview that the token authenticates with the active cluster (so a
 * token of another cluster never leads to a delete here), offers the routes that apply, asks in a
 * modal, deletes (and recreates), then reviews the token until it stops authenticating.
 */
export class RevokeTokenCommand {
  private results = 0;

  constructor(
    private readonly connection: ClusterConnection,
    private readonly issuedTokens: IssuedTokens,
    private readonly view: ServiceAccountView,
    private readonly documents: ReadOnlyDocuments,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /** The command, with what it was called on: a tree node, a hover's location, or nothing (the editor). */
  async run(args: readonly unknown[]): Promise<RevocationOutcome | undefined> {
    const session = this.connection.current();
    const subject = await this.subjectOf(args, session);
    if (!subject) {
      return undefined;
    }
    const prepared = await this.prepare(session, subject);
    const route = await this.pickRoute(prepared);
    if (!route) {
      return undefined;
    }
    if (route.kind === 'wait-for-expiry') {
      const summary = vscode.l10n.t('{0}. Nothing was deleted.', route.label);
      void vscode.window.showInformationMessage(visibleText(summary, 300));
      return { route: route.kind, summary };
    }
    if (!(await this.confirm(route, session))) {
      return undefined;
    }
    return this.carryOut(prepared, route);
  }

  /**
   * For programmatic callers (other extensions, tests): takes `token` back by `route` with no quick
   * pick and no confirmation. The route must be one that applies to the token on the active cluster;
   * anything else is refused before anything is deleted.
   */
  async revoke(token: string, route: RouteKind): Promise<RevocationOutcome> {
    const session = this.connection.current();
    const subject = this.subjectOfToken({ token, origin: { kind: 'given' } });
    const prepared = await this.prepare(session, subject);
    const chosen = prepared.plan.routes.find((candidate) => candidate.kind === route);
    if (!chosen) {
      const applicable = prepared.plan.routes.map((candidate) => candidate.kind).join(', ');
      throw new CommandArgumentError(vscode.l10n.t('Route {0} does not apply to this token; these do: {1}. Nothing was deleted.', visibleText(String(route), 60), applicable || vscode.l10n.t('none')));
    }
    if (chosen.kind === 'wait-for-expiry') {
      return { route: chosen.kind, summary: vscode.l10n.t('{0}. Nothing was deleted.', chosen.label) };
    }
    return this.carryOut(prepared, chosen);
  }

  private async subjectOf(args: readonly unknown[], session: ClusterSession): Promise<Subject | undefined> {
    const [first] = args;
    if (isNodeOf(first, 'issuedToken')) {
      const issued = this.issuedTokens.issued(first);
      return this.subjectOfToken({ token: issued.token, origin: { kind: 'given' } });
    }
    if (isNodeOf(first, 'legacySecret')) {
      return this.subjectOfLegacySecret(this.view.legacySecretOf(first), session);
    }
    const chosen = await chooseToken(tokenTargetOf(args), vscode.l10n.t('Revoke Token'), vscode.l10n.t('The token to revoke (it is sent only to the current cluster)'));
    if (!chosen) {
      return undefined;
    }
    if (chosen.origin.kind === 'document' && !(await confirmSendFromUntrustedWorkspace('token', chosen.origin.uri, session.context))) {
      return undefined;
    }
    return this.subjectOfToken(chosen);
  }

  private subjectOfToken(chosen: ChosenToken, legacySecretUid?: string): Subject {
    const decoded = decodeJwt(chosen.token);
    if (decoded.form !== 'jws') {
      throw new CommandArgumentError(decoded.form === 'malformed' ? vscode.l10n.t('This is not a signed JWT ({0}): there is no Kubernetes token to revoke.', decoded.reason) : vscode.l10n.t('This is not a signed JWT: there is no Kubernetes token to revoke.'));
    }
    const revocable = revocableTokenOf(decoded.payload);
    if ('refusal' in revocable) {
      throw new CommandArgumentError(vscode.l10n.t('This token cannot be revoked: {0}.', revocable.refusal));
    }
    return { chosen, token: revocable.token, legacySecretUid };
  }

  /** The token of a legacy Secret in the tree, read from the cluster: it is what TokenReview checks after the delete. */
  private async subjectOfLegacySecret({ account, secret }: { account: ServiceAccountSummary; secret: LegacyTokenSecret }, session: ClusterSession): Promise<Subject> {
    const contents = await withCancellableProgress(vscode.l10n.t('Reading Secret {0}…', visibleText(secret.name, 100)), (signal) =>
      this.connection.call((active) => active.legacyTokenSecret(account.namespace, secret.name, signal), session),
    );
    if (!contents.isServiceAccountToken || contents.serviceAccount !== account.name || !contents.token) {
      throw new Error(vscode.l10n.t('Secret {0} no longer holds a token of ServiceAccount {1}. Refresh the view.', visibleText(`${account.namespace}/${secret.name}`, 200), visibleText(account.name, 100)));
    }
    return this.subjectOfToken({ token: contents.token, origin: { kind: 'given' } }, contents.uid);
  }

  /** Checks that the token authenticates here, then reads what the routes would touch, and plans. */
  private prepare(session: ClusterSession, subject: Subject): Promise<Prepared> {
    const { token } = subject;
    const account = `${token.namespace}/${token.serviceAccount.name}`;
    return withCancellableProgress(vscode.l10n.t('Checking the token of {0} with {1}…', account, visibleText(session.context.name, 100)), async (signal) => {
      const review = await this.connection.call((active) => active.reviewToken(subject.chosen.token, token.audiences, signal), session);
      const expected = `system:serviceaccount:${account.replace('/', ':')}`;
      if (!review.authenticated || review.username !== expected) {
        const why = review.authenticated ? vscode.l10n.t('it authenticates as {0}, not as ServiceAccount {1}', review.username ?? vscode.l10n.t('(no name)'), account) : vscode.l10n.t('it does not authenticate there ({0})', review.error ?? vscode.l10n.t('no reason given'));
        throw new Error(visibleText(vscode.l10n.t('Nothing to revoke on context {0}: {1}. If the token belongs to another cluster, switch to its context.', session.context.name, why), 600));
      }
      const facts = await this.factsOf(session, subject, signal);
      const legacySecrets = facts.serviceAccount && 'legacySecrets' in facts.serviceAccount ? facts.serviceAccount.legacySecrets : [];
      return { session, subject, plan: revocationPlan(token, facts), legacySecrets };
    });
  }

  /** The bound Pod's owner, and who uses the ServiceAccount (2 to 4 requests); what cannot be read is said so. */
  private async factsOf(session: ClusterSession, subject: Subject, signal: AbortSignal): Promise<RevocationFacts> {
    const { token } = subject;
    const unreadable = (error: unknown) => {
      if (isCancellation(error)) {
        throw error;
      }
      return { unreadable: messageOf(error) };
    };
    const pod = token.boundPod && this.connection.call((active) => active.podForRevocation(token.namespace, token.boundPod!.name, signal), session).catch(unreadable);
    const details = this.connection.call((active) => active.serviceAccountDetails(token.namespace, token.serviceAccount.name, signal), session).then((found) => {
      const pods = found.pods.listed ? found.pods.items.map((item) => item.metadata?.name ?? '').slice(0, serviceAccountPodsListed) : [];
      const legacySecrets = found.tokenSecrets.listed
        ? found.tokenSecrets.items.filter((secret) => secret.metadata?.annotations?.['kubernetes.io/service-account.name'] === token.serviceAccount.name).map((secret) => secret.metadata?.name ?? '')
        : [];
      return found.pods.listed ? { pods, morePods: found.pods.more, legacySecrets } : { unreadable: found.pods.message };
    }, unreadable);
    const others = this.issuedTokens.forServiceAccount(token.namespace, token.serviceAccount.name).filter((issued) => issued.token !== subject.chosen.token).length;
    return { now: Date.now(), pod: await pod, serviceAccount: await details, otherIssuedTokens: others };
  }

  /** The routes as a quick pick, each with what it breaks; routes that do not apply are listed with why. */
  private async pickRoute({ session, subject, plan }: Prepared): Promise<RevocationRoute | undefined> {
    const account = `${subject.token.namespace}/${subject.token.serviceAccount.name}`;
    if (plan.routes.length === 0) {
      void vscode.window.showInformationMessage(visibleText(plan.notOffered.map((item) => `${item.label}: ${item.reason}`).join(' '), 600));
      return undefined;
    }
    const icon = (route: RevocationRoute) => (route.kind === 'wait-for-expiry' ? '$(clock)' : route.kind === 'recreate-service-account' ? '$(refresh)' : '$(trash)');
    const items: (vscode.QuickPickItem & { route?: RevocationRoute; reason?: string })[] = [
      ...plan.routes.map((route) => ({ label: `${icon(route)} ${route.label}`, detail: route.effects.join(' '), route })),
      ...(plan.notOffered.length > 0 ? [{ label: vscode.l10n.t('Not offered'), kind: vscode.QuickPickItemKind.Separator }] : []),
      ...plan.notOffered.map((item) => ({ label: `$(circle-slash) ${item.label}`, detail: item.reason, reason: `${item.label}: ${item.reason}` })),
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: vscode.l10n.t('Revoke the token of ServiceAccount {0} (context {1})', account, visibleText(session.context.name, 100)),
      placeHolder: vscode.l10n.t('Kubernetes keeps no list of tokens: a token ends with what it is bound to, its ServiceAccount, or its expiry'),
      matchOnDetail: true,
      ignoreFocusOut: true,
    });
    if (picked?.reason) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Not offered: {0}', picked.reason));
    }
    return picked?.route;
  }

  /** The modal that names the context, namespace and object; in a workbench that cannot show one, nothing is deleted. */
  private async confirm(route: RevocationRoute, session: ClusterSession): Promise<boolean> {
    const target = route.target!;
    const action = actionOf(route);
    const what = route.kind === 'recreate-service-account' ? vscode.l10n.t('deleting and recreating ServiceAccount {0}/{1}', target.namespace, target.name) : vscode.l10n.t('deleting {0} {1}/{2}', target.kind, target.namespace, target.name);
    const answer = await askInModal(
      what,
      visibleText(route.kind === 'recreate-service-account' ? vscode.l10n.t('Delete and recreate {0} {1} in namespace {2} of context {3}?', target.kind, target.name, target.namespace, session.context.name) : vscode.l10n.t('Delete {0} {1} in namespace {2} of context {3}?', target.kind, target.name, target.namespace, session.context.name), 400),
      visibleText(vscode.l10n.t('{0} Then the token is checked with TokenReview every {1} s until it stops authenticating.', route.effects.join(' '), checkIntervalMs / 1000), 2000),
      action,
    );
    return answer === action;
  }

  /** The delete (and create), then the checks; the outcome in a result document and one line. */
  private async carryOut({ session, subject, legacySecrets }: Prepared, route: RevocationRoute): Promise<RevocationOutcome> {
    const target = route.target!;
    const shownTarget = visibleText(`${target.kind} ${target.namespace}/${target.name}`, 300);
    // Tokens issued from now on are for what replaces the deleted object: they stay.
    const issuedBefore = new Set(this.issuedTokens.all());
    const { deleted, recreation } = await withCancellableProgress(`${actionOf(route)} ${shownTarget}…`, async (signal) => {
      if (route.kind === 'recreate-service-account') {
        const recreated = await this.connection.call((active) => active.recreateServiceAccount(target.namespace, target.name, target.uid, legacySecrets, signal), session);
        return { deleted: recreated.deleted, recreation: { uid: recreated.created?.uid, failure: recreated.createFailure, manifest: recreated.manifest } };
      }
      const uid = target.uid ?? subject.legacySecretUid;
      return { deleted: await this.connection.call((active) => active.deleteObject({ ...target, uid }, signal), session), recreation: undefined };
    });
    const deletedAt = Date.now();
    this.log.info(`Revoke: deleted ${shownTarget} (UID ${deleted.uid}) on context ${session.context.name}${recreation?.uid ? `, created again with UID ${recreation.uid}` : ''}`);
    this.view.refresh();
    const seconds = checkSeconds(deleted.pendingSeconds);
    const check = await withCancellableProgress(vscode.l10n.t('Checking with TokenReview until the token stops authenticating (up to {0} s)…', seconds), (signal) =>
      this.checkUntilRefused(session, subject, deletedAt, seconds, signal),
    );
    if (check.stopped) {
      this.forgetRevoked(subject.token, route, issuedBefore);
    }
    const summary = outcomeLine(route.kind, check, recreation?.uid !== undefined);
    const result = { token: subject.chosen.token, source: subject.chosen.origin, contextName: session.context.name, server: session.context.server, route, deleted, deletedAt, recreation, check };
    await this.documents.open(revocationDocument(++this.results, result), { beside: true });
    const show = check.stopped ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    void show(visibleText(summary, 300));
    return { route: route.kind, summary, deleted, recreation, check };
  }

  /** TokenReview every 2 s with the token's own audiences, until it is refused, the deadline passes, or the person cancels. */
  private async checkUntilRefused(session: ClusterSession, subject: Subject, since: number, seconds: number, signal: AbortSignal): Promise<RevocationCheck> {
    let lastReview: TokenReviewOutcome | undefined;
    const elapsed = () => (Date.now() - since) / 1000;
    for (;;) {
      try {
        lastReview = await this.connection.call((active) => active.reviewToken(subject.chosen.token, subject.token.audiences, signal), session);
      } catch (error) {
        // The delete is done: a check that cannot be made is part of the outcome, not a lost one.
        if (!isCancellation(error)) {
          return { stopped: false, afterSeconds: elapsed(), failure: messageOf(error), lastReview };
        }
      }
      if (lastReview && !lastReview.authenticated) {
        return { stopped: true, afterSeconds: elapsed(), lastReview };
      }
      if (signal.aborted || elapsed() >= seconds) {
        return { stopped: false, afterSeconds: elapsed(), cancelled: signal.aborted, lastReview };
      }
      await after(checkIntervalMs, signal);
    }
  }

  /** Issued tokens that died with this one: issued before the delete, bound to the same Pod or Secret, or of the ServiceAccount that was recreated. */
  private forgetRevoked(token: RevocableToken, route: RevocationRoute, issuedBefore: ReadonlySet<IssuedToken>): void {
    const sameAccount = (issued: IssuedToken) => issuedBefore.has(issued) && issued.namespace === token.namespace && issued.serviceAccount === token.serviceAccount.name;
    const boundTo = (issued: IssuedToken, kind: 'Pod' | 'Secret', name: string) => issued.boundObject?.kind === kind && issued.boundObject.name === name;
    this.issuedTokens.remove((issued) => {
      if (!sameAccount(issued)) {
        return false;
      }
      switch (route.kind) {
        case 'recreate-service-account':
          return true;
        case 'delete-bound-pod':
          return boundTo(issued, 'Pod', route.target!.name);
        case 'delete-bound-secret':
          return boundTo(issued, 'Secret', route.target!.name);
        default:
          return false;
      }
    });
  }
}
