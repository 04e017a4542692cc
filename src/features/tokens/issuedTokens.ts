import * as vscode from 'vscode';
import { messageOf } from '../../errors';
import { Settings } from '../common/settings';
import { WalkthroughSteps, type WalkthroughProgress } from '../walkthrough/walkthroughSteps';
import type { IssuedToken } from '../../cluster';

const secretKey = 'kubeSaTokens.issuedTokens';

/**
 * Tokens issued in this window. They live in memory; only when the person turns on
 * kubeSaTokens.rememberIssuedTokens are they also kept in VS Code's SecretStorage.
 */
export class IssuedTokens implements vscode.Disposable {
  private tokens: IssuedToken[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly log: vscode.LogOutputChannel,
    private readonly walkthrough: WalkthroughProgress,
  ) {
    this.restore().catch((error: unknown) => this.log.error('Restoring remembered tokens from SecretStorage failed:', error));
  }

  /** Restores remembered tokens that are still valid, when the setting allows it. */
  private async restore(): Promise<void> {
    if (!remembering()) {
      await this.secrets.delete(secretKey);
      return;
    }
    const stored = await this.secrets.get(secretKey);
    if (!stored) {
      return;
    }
    try {
      const parsed = JSON.parse(stored) as (Omit<IssuedToken, 'issuedAt' | 'expiresAt'> & { issuedAt: string; expiresAt: string })[];
      this.tokens = parsed.map((token) => ({ ...token, issuedAt: new Date(token.issuedAt), expiresAt: new Date(token.expiresAt) }));
      this.prune();
      this.changed.fire();
    } catch (error) {
      this.log.warn(`Remembered tokens in SecretStorage could not be read and were dropped: ${messageOf(error)}`);
      await this.secrets.delete(secretKey);
    }
  }

  add(token: IssuedToken): void {
    this.tokens.push(token);
    this.walkthrough.complete(WalkthroughSteps.requestedToken);
    this.changed.fire();
    this.persist().catch((error: unknown) => this.log.error('Keeping issued tokens in SecretStorage failed:', error));
  }

  /** Drops the tokens that no longer authenticate (revoked: their Pod, Secret or ServiceAccount is gone). */
  remove(revoked: (token: IssuedToken) => boolean): void {
    const kept = this.tokens.filter((token) => !revoked(token));
    if (kept.length === this.tokens.length) {
      return;
    }
    this.tokens = kept;
    this.changed.fire();
    this.persist().catch((error: unknown) => this.log.error('Keeping issued tokens in SecretStorage failed:', error));
  }

  /** Still-valid tokens for one ServiceAccount, newest first. */
  forServiceAccount(namespace: string, name: string): IssuedToken[] {
    this.prune();
    return this.tokens.filter((token) => token.namespace === namespace && token.serviceAccount === name).reverse();
  }

  /**
   * The issued token a tree node stands for. Taken from this store, never from the node object
   * itself, so a command called with a made-up node cannot hand on or send a chosen token.
   */
  issued(node: unknown): IssuedToken {
    const candidate = (node as { kind?: unknown; issued?: unknown } | undefined)?.issued;
    const found = this.all().find((token) => token === candidate);
    if (!found) {
      throw new Error(vscode.l10n.t('That token is no longer in the ServiceAccounts view (it expired or the window was reloaded). Request a new one.'));
    }
    return found;
  }

  all(): readonly IssuedToken[] {
    this.prune();
    return this.tokens;
  }

  dispose(): void {
    this.changed.dispose();
  }

  private prune(): void {
    const now = Date.now();
    this.tokens = this.tokens.filter((token) => token.expiresAt.getTime() > now);
  }

  private async persist(): Promise<void> {
    if (remembering()) {
      await this.secrets.store(secretKey, JSON.stringify(this.tokens));
    }
  }
}

function remembering(): boolean {
  return Settings.rememberIssuedTokens();
}
