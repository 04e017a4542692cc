import * as vscode from 'vscode';
import type { IssuedToken } from '../../cluster';
import { CommandIds } from '../../commandIds';
import type { Node } from '../../explorer/treeNodes';
import { reminderDelayMs, reminderMessage } from '../../tokens/expiryReminder';
import { affectsSettings, Settings } from '../common/settings';
import type { IssuedTokens } from './issuedTokens';

/** setTimeout's longest delay; a reminder further away is looked at again then. */
const longestDelayMs = 2 ** 31 - 1;
const requestNew = vscode.l10n.t('Request a New One');
const dismiss = vscode.l10n.t('Dismiss');

/**
 * The opt-in reminder (kubeSaTokens.expiryReminderMinutes) before each issued token expires: one
 * timer per token, cleared when the token leaves the store or the setting changes. The reminder's
 * button runs the Renew command on the token's node, as the tree's context menu does.
 */
export class ExpiryReminders implements vscode.Disposable {
  private readonly timers = new Map<IssuedToken, NodeJS.Timeout>();
  /** Tokens already reminded of, so a change elsewhere in the store does not remind again. */
  private readonly reminded = new WeakSet<IssuedToken>();
  /** Tokens whose reminder is still open: its button renews them even once they expired and left the store. */
  private readonly open = new Set<IssuedToken>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly issuedTokens: IssuedTokens,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      issuedTokens.onDidChange(() => this.schedule()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsSettings(event, 'expiryReminderMinutes')) {
          this.clearTimers();
          this.schedule();
        }
      }),
    ];
    this.schedule();
  }

  /** The token a renewal is for: one in the store, or one whose reminder is still open. */
  renewable(node: unknown): IssuedToken {
    const candidate = (node as { issued?: unknown } | undefined)?.issued;
    return [...this.open].find((token) => token === candidate) ?? this.issuedTokens.issued(node);
  }

  dispose(): void {
    this.clearTimers();
    vscode.Disposable.from(...this.subscriptions).dispose();
  }

  private clearTimers(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers.clear();
  }

  /** A timer for each token in the store not yet reminded of; none for tokens that left it. */
  private schedule(): void {
    const minutes = Settings.expiryReminderMinutes();
    const tokens = new Set(this.issuedTokens.all());
    for (const [token, timer] of this.timers) {
      if (!tokens.has(token)) {
        clearTimeout(timer);
        this.timers.delete(token);
      }
    }
    const now = Date.now();
    for (const token of tokens) {
      const delay = this.timers.has(token) || this.reminded.has(token) ? undefined : reminderDelayMs(token.expiresAt.getTime(), now, minutes);
      if (delay !== undefined) {
        this.timers.set(token, setTimeout(() => this.due(token), Math.min(delay, longestDelayMs)));
      }
    }
  }

  private due(token: IssuedToken): void {
    this.timers.delete(token);
    const delay = reminderDelayMs(token.expiresAt.getTime(), Date.now(), Settings.expiryReminderMinutes());
    if (!this.issuedTokens.all().includes(token) || delay === undefined) {
      return;
    }
    if (delay > 0) {
      // The timer was capped at setTimeout's longest delay.
      this.schedule();
      return;
    }
    this.reminded.add(token);
    this.remind(token).catch((error: unknown) => this.log.error('The expiry reminder failed:', error));
  }

  private async remind(token: IssuedToken): Promise<void> {
    this.open.add(token);
    try {
      const answer = await vscode.window.showWarningMessage(reminderMessage(token, Date.now()), requestNew, dismiss);
      if (answer === requestNew) {
        const node: Node = { kind: 'issuedToken', issued: token };
        await vscode.commands.executeCommand(CommandIds.renewIssuedToken, node);
      }
    } finally {
      this.open.delete(token);
    }
  }
}
