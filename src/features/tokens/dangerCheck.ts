import * as vscode from 'vscode';
import type { ClusterSession } from '../../cluster';
import { messageOf } from '../../errors';
import { dangersOf, type Danger } from '../../rbac/dangers';
import type { PermissionsOutcome, ServiceAccountRef } from '../../rbac/permissions';
import { describeOrigin, describeScope } from '../../rbac/ruleText';
import { visibleText } from '../../text/visibleText';
import { withCancellableProgress } from '../common/progress';
import type { ClusterConnection } from '../explorer/clusterConnection';

/** How long the request waits for the permissions once its options are in; a slower check is skipped, and said so. */
const waitMs = 5000;

interface DangerPick extends vscode.QuickPickItem {
  /** true: request; false: stop; undefined: a row explaining one right. */
  readonly proceed?: boolean;
}

/** What waiting for the permissions came to. */
type Waited = { readonly outcome: PermissionsOutcome } | { readonly error: unknown } | 'cancelled' | 'timed-out';

/**
 * Before a token is requested: what its ServiceAccount may do, read while the person fills in the
 * request (the session's shared RBAC lists, or one load), and its dangerous rights shown with a
 * choice to go on. A failed read is logged by the connection and said in one line; the request goes on.
 */
export class DangerCheck {
  private readonly abort = new AbortController();
  private readonly outcome: Promise<PermissionsOutcome>;

  constructor(
    connection: ClusterConnection,
    session: ClusterSession,
    private readonly account: ServiceAccountRef,
  ) {
    this.outcome = connection.call((active) => active.serviceAccountPermissions(account.namespace, account.name, this.abort.signal), session);
    // Read only if the person gets as far as the request; a failure is in the log already (the connection's).
    this.outcome.catch(() => undefined);
  }

  /** The request was abandoned: stop reading. */
  cancel(): void {
    this.abort.abort();
  }

  /** Whether to go on with the request: yes when it holds no dangerous right or the person says so; no when they stop. */
  async confirm(): Promise<boolean> {
    const shown = `${visibleText(this.account.namespace, 100)}/${visibleText(this.account.name, 100)}`;
    const waited = await withCancellableProgress(vscode.l10n.t('Checking what {0} may do…', shown), (signal) => this.waitFor(signal));
    if (waited === 'cancelled') {
      this.cancel();
      return false;
    }
    if (waited === 'timed-out' || 'error' in waited) {
      this.cancel();
      const why = waited === 'timed-out' ? vscode.l10n.t('no answer within {0} s', waitMs / 1000) : visibleText(messageOf(waited.error), 300);
      void vscode.window.showWarningMessage(vscode.l10n.t('Could not check what {0} may do before requesting its token ({1}); requesting it anyway.', shown, why));
      return true;
    }
    if (waited.outcome.kind === 'unavailable') {
      void vscode.window.showWarningMessage(vscode.l10n.t('Could not check what {0} may do before requesting its token: {1} Requesting it anyway.', shown, visibleText(waited.outcome.message, 500)));
      return true;
    }
    const dangers = dangersOf(waited.outcome.permissions);
    return dangers.length === 0 || this.askAbout(shown, dangers);
  }

  private waitFor(signal: AbortSignal): Promise<Waited> {
    return new Promise<Waited>((resolve) => {
      const timer = setTimeout(() => resolve('timed-out'), waitMs);
      signal.addEventListener('abort', () => resolve('cancelled'), { once: true });
      this.outcome.then(
        (outcome) => resolve({ outcome }),
        (error: unknown) => resolve({ error }),
      ).finally(() => clearTimeout(timer));
    });
  }

  private async askAbout(shown: string, dangers: readonly Danger[]): Promise<boolean> {
    const items: DangerPick[] = [
      { label: vscode.l10n.t('Cancel'), description: vscode.l10n.t('request no token'), proceed: false },
      { label: vscode.l10n.t('Request anyway'), description: vscode.l10n.t('whoever holds the token can use these rights'), proceed: true },
      { label: vscode.l10n.t('Dangerous rights'), kind: vscode.QuickPickItemKind.Separator },
      ...dangers.map((danger): DangerPick => ({ label: `$(warning) ${describeScope(danger.right.what, danger.where)}`, description: describeOrigin(danger.grant.via), detail: danger.right.why })),
    ];
    const title = dangers.length === 1 ? vscode.l10n.t('{0} holds a dangerous right', shown) : vscode.l10n.t('{0} holds {1} dangerous rights', shown, dangers.length);
    for (;;) {
      const chosen = await vscode.window.showQuickPick(items, { title, placeHolder: vscode.l10n.t('A token for it carries these rights. Request it anyway?'), ignoreFocusOut: true });
      if (!chosen || chosen.proceed !== undefined) {
        return chosen?.proceed === true;
      }
    }
  }
}
