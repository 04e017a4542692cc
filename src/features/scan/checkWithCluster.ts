import * as vscode from 'vscode';
import { messageOf, isCancellation } from '../../errors';
import { count } from '../../explorer/treeNodes';
import { legacyAccountsToLookUp, planClusterCheck, runPaced, textAtPlace, tokenReviewPace, type CheckPlan } from '../../scan/clusterCheck';
import type { FindingCheck } from '../../scan/findingRows';
import { tokenFingerprint } from '../../scan/scanText';
import type { TokenFinding } from '../../scan/types';
import { visibleText } from '../../text/visibleText';
import type { ClusterSession } from '../../cluster';
import { askInModal } from '../common/confirmModal';
import { withCancellableProgress } from '../common/progress';
import type { ClusterConnection } from '../explorer/clusterConnection';
import type { ClusterIssuers } from '../jwt/clusterIssuers';
import type { TokensInWorkspaceTree } from './tokensInWorkspaceTree';

/** What a Check with Cluster came to, for tests and other extensions; it holds no token. */
export type CheckOutcome =
  | { readonly kind: 'untrusted' }
  | { readonly kind: 'nothing-to-send'; readonly otherIssuer: number; readonly legacyElsewhere: number }
  | { readonly kind: 'not-confirmed' }
  /** `sent`: TokenReviews sent; the others were not sent (their file changed, or it could not be read again). */
  | { readonly kind: 'checked'; readonly sent: number; readonly accepted: number; readonly rejected: number; readonly fileChanged: number; readonly failed: number; readonly cancelled: boolean };

const trustAction = vscode.l10n.t('Manage Workspace Trust…');

/** The text of `uri`: the editor's, unsaved changes included, when it is open; else the file on disk. */
async function currentText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  return open ? open.getText() : new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
}

/**
 * "Check with Cluster": asks the active cluster (one TokenReview per token, at a steady pace)
 * whether the tokens found in the workspace still authenticate. Only tokens that cluster made are
 * sent, only after the person confirms, never in Restricted Mode, and each token is read again from
 * its file and sent only if it is still the one the scan found there.
 */
export class CheckWithClusterCommand {
  constructor(
    private readonly connection: ClusterConnection,
    private readonly issuers: ClusterIssuers,
    private readonly tree: TokensInWorkspaceTree,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  /**
   * `node`: a file or finding row of the view; none checks every finding shown. `confirmed`: the
   * caller is code (another extension, a test) that asked by calling, so no modal is shown;
   * Restricted Mode refuses it all the same.
   */
  async run(node?: unknown, confirmed = false): Promise<CheckOutcome | undefined> {
    const findings = node === undefined ? this.tree.findings : this.tree.findingsOf(node);
    if (!vscode.workspace.isTrusted) {
      // The scan is local and allowed; sending what an untrusted repository holds is not, whatever the answer to a prompt.
      void vscode.window
        .showWarningMessage(vscode.l10n.t('This workspace is in Restricted Mode: tokens found in its files are not sent to a cluster. Trust the workspace to check them with the cluster.'), trustAction)
        .then((answer) => (answer === trustAction ? vscode.commands.executeCommand('workbench.trust.manage') : undefined));
      return { kind: 'untrusted' };
    }
    if (findings.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No ServiceAccount tokens to check: run Find ServiceAccount Tokens in Workspace first.'));
      return undefined;
    }
    const session = this.connection.current();
    const plan = await this.plan(findings, session);
    const cluster = visibleText(session.context.name, 120);
    if (plan.toReview.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Nothing sent: none of the {0} was made by {1}. {2}', count(findings.length, vscode.l10n.t('{0} token'), vscode.l10n.t('{0} tokens')), cluster, this.notSent(plan)));
      return { kind: 'nothing-to-send', otherIssuer: plan.otherIssuer, legacyElsewhere: plan.legacyElsewhere };
    }
    const send = vscode.l10n.t('Send to {0}', cluster);
    const answer = confirmed ? send : await askInModal(
      vscode.l10n.t('{0} to {1}', count(plan.toReview.length, vscode.l10n.t('{0} token'), vscode.l10n.t('{0} tokens')), cluster),
      vscode.l10n.t('Send {0} found in this workspace to {1} ({2}) for a TokenReview each?', count(plan.toReview.length, vscode.l10n.t('{0} token'), vscode.l10n.t('{0} tokens')), cluster, visibleText(session.context.server, 200)),
      vscode.l10n.t('The cluster answers whether each token still authenticates. Each token is read again from its file and sent once, at most {0} a second. {1}', tokenReviewPace.perSecond, this.notSent(plan)),
      send,
    );
    if (answer !== send) {
      return { kind: 'not-confirmed' };
    }
    return withCancellableProgress(vscode.l10n.t('Checking {0} with {1}', count(plan.toReview.length, vscode.l10n.t('{0} token'), vscode.l10n.t('{0} tokens')), cluster), (signal, report) => this.review(plan, findings, session, signal, report));
  }

  /** Which tokens this cluster made: bound ones by its issuer, legacy ones by the UID of their ServiceAccount. */
  private async plan(findings: readonly TokenFinding[], session: ClusterSession): Promise<CheckPlan> {
    const issuer = await this.issuers.activeIssuer();
    if ('why' in issuer) {
      throw new Error(vscode.l10n.t('Nothing sent: the service-account issuer of {0} could not be read, so there is no telling which tokens it made ({1}).', visibleText(session.context.name, 120), issuer.why));
    }
    const uids = new Set<string>();
    if (legacyAccountsToLookUp(findings).length > 0) {
      const listing = await this.connection.call((active) => active.listServiceAccounts(), session);
      listing.namespaces.forEach((namespace) => namespace.serviceAccounts.forEach((account) => uids.add(account.uid)));
    }
    return planClusterCheck(findings, issuer.issuer, uids);
  }

  private notSent(plan: CheckPlan): string {
    const reasons = [
      ...(plan.otherIssuer > 0 ? [vscode.l10n.t('{0} of another issuer', count(plan.otherIssuer, vscode.l10n.t('{0} token'), vscode.l10n.t('{0} tokens')))] : []),
      ...(plan.legacyElsewhere > 0 ? [vscode.l10n.t('{0} whose ServiceAccount (by UID) is not on this cluster', count(plan.legacyElsewhere, vscode.l10n.t('{0} legacy token'), vscode.l10n.t('{0} legacy tokens')))] : []),
    ];
    return reasons.length > 0 ? vscode.l10n.t('Not sent: {0}.', reasons.join(', ')) : '';
  }

  private async review(plan: CheckPlan, findings: readonly TokenFinding[], session: ClusterSession, signal: AbortSignal, report: (message: string) => void): Promise<CheckOutcome> {
    const tally = { sent: 0, accepted: 0, rejected: 0, fileChanged: 0, failed: 0 };
    let answered = 0;
    const cluster = session.context.name;
    const placesOf = (reviewed: TokenFinding) => findings.filter((finding) => finding.fingerprint === reviewed.fingerprint);
    await runPaced(
      plan.toReview,
      async (finding) => {
        const check = await this.reviewOne(finding, session, signal, () => tally.sent++);
        if (check) {
          tally[check.kind === 'accepted' ? 'accepted' : check.kind === 'rejected' ? 'rejected' : check.kind === 'file-changed' ? 'fileChanged' : 'failed']++;
          this.tree.setCheck(check.kind === 'file-changed' ? [finding] : placesOf(finding), check);
          report(vscode.l10n.t('{0} of {1}', ++answered, plan.toReview.length));
        }
      },
      tokenReviewPace,
      signal,
    );
    this.log.info(`Check with Cluster ${cluster}: ${tally.sent} sent, ${tally.accepted} accepted, ${tally.rejected} rejected, ${tally.fileChanged} changed in their files, ${tally.failed} not checked${signal.aborted ? ' (cancelled)' : ''}`);
    return { kind: 'checked', ...tally, cancelled: signal.aborted };
  }

  /** One token, read again from its file; undefined when cancelled before an answer. `sending` is called just before it is sent. */
  private async reviewOne(finding: TokenFinding, session: ClusterSession, signal: AbortSignal, sending: () => void): Promise<FindingCheck | undefined> {
    let token: string | undefined;
    try {
      token = textAtPlace(await currentText(vscode.Uri.file(finding.file)), finding);
    } catch (error) {
      this.log.warn(`Check with Cluster: could not read ${finding.file} again: ${messageOf(error)}`);
      return { kind: 'failed', reason: vscode.l10n.t('the file could not be read again ({0})', messageOf(error)) };
    }
    if (token === undefined || tokenFingerprint(token) !== finding.fingerprint) {
      return { kind: 'file-changed' };
    }
    sending();
    try {
      const outcome = await this.connection.call((active) => active.reviewToken(token, finding.audiences, signal), session);
      return outcome.authenticated ? { kind: 'accepted', cluster: session.context.name } : { kind: 'rejected', cluster: session.context.name, reason: outcome.error ?? vscode.l10n.t('the cluster did not authenticate it') };
    } catch (error) {
      return isCancellation(error) ? undefined : { kind: 'failed', reason: messageOf(error) };
    }
  }
}
