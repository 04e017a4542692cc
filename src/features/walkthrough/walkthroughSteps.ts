import * as vscode from 'vscode';

/**
 * Context keys that complete the walkthrough's steps (`onContext:` completion events in
 * package.json) when the person has done the thing itself, not merely run a command: the tree
 * loaded ServiceAccounts, a token was issued, a token's hover was shown, a TokenRequest was
 * written, a ServiceAccount's permissions were read. A unit test checks that package.json names
 * only these keys, and that each is set somewhere in src/.
 */
export const WalkthroughSteps = {
  connected: 'kubeSaTokens.walkthrough.connected',
  requestedToken: 'kubeSaTokens.walkthrough.requestedToken',
  hoveredToken: 'kubeSaTokens.walkthrough.hoveredToken',
  wroteTokenRequest: 'kubeSaTokens.walkthrough.wroteTokenRequest',
  sawPermissions: 'kubeSaTokens.walkthrough.sawPermissions',
} as const;

type WalkthroughStep = (typeof WalkthroughSteps)[keyof typeof WalkthroughSteps];

/** The steps done in this window; one, made in activate() and handed to the features that complete a step. */
export class WalkthroughProgress {
  private readonly done = new Set<WalkthroughStep>();

  /** Marks a step done, once per window (VS Code remembers a completed step across windows itself). */
  complete(step: WalkthroughStep): void {
    if (!this.done.has(step)) {
      this.done.add(step);
      void vscode.commands.executeCommand('setContext', step, true);
    }
  }
}
