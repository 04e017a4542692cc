/**
 * Which scan findings may be sent to the active cluster for a TokenReview, and how fast. A token is
 * a credential: it goes only to the cluster that made it, once, and never in a burst.
 */
import type { TokenFinding } from './types';

export interface ServiceAccountKey {
  readonly namespace: string;
  readonly name: string;
}

export interface CheckPlan {
  /** One finding per distinct token (by fingerprint) to review; its result stands for every place the token is in. */
  readonly toReview: readonly TokenFinding[];
  /** Bound tokens whose issuer is not the cluster's: they were made elsewhere and are not sent. */
  readonly otherIssuer: number;
  /**
   * Legacy tokens whose ServiceAccount (by UID) is not on the cluster. Every legacy token has the
   * issuer `kubernetes/serviceaccount`, whichever cluster signed it, so the issuer cannot tie it to
   * one; the UID of its ServiceAccount, unique to the cluster that made it, does. Without that
   * match it is not sent: it would hand one cluster's credential to another.
   */
  readonly legacyElsewhere: number;
}

/** The legacy tokens' ServiceAccounts to look up on the cluster (a read that sends no token), each once. */
export function legacyAccountsToLookUp(findings: readonly TokenFinding[]): ServiceAccountKey[] {
  const keys = new Map<string, ServiceAccountKey>();
  for (const finding of findings) {
    if (finding.kind === 'legacy' && finding.serviceAccountUid) {
      keys.set(`${finding.namespace}/${finding.serviceAccount}`, { namespace: finding.namespace, name: finding.serviceAccount });
    }
  }
  return [...keys.values()];
}

/**
 * What to send to a cluster whose issuer is `clusterIssuer` and on which the ServiceAccounts with
 * the UIDs in `accountUidsHere` exist: bound tokens with that issuer, legacy tokens of those
 * ServiceAccounts; each token once.
 */
export function planClusterCheck(findings: readonly TokenFinding[], clusterIssuer: string, accountUidsHere: ReadonlySet<string>): CheckPlan {
  const toReview = new Map<string, TokenFinding>();
  let otherIssuer = 0;
  let legacyElsewhere = 0;
  for (const finding of findings) {
    if (finding.kind === 'legacy' ? !(finding.serviceAccountUid && accountUidsHere.has(finding.serviceAccountUid)) : finding.issuer !== clusterIssuer) {
      if (finding.kind === 'legacy') {
        legacyElsewhere++;
      } else {
        otherIssuer++;
      }
    } else if (!toReview.has(finding.fingerprint)) {
      toReview.set(finding.fingerprint, finding);
    }
  }
  return { toReview: [...toReview.values()], otherIssuer, legacyElsewhere };
}

export interface Pace {
  /** At most this many starts in any second. */
  readonly perSecond: number;
  /** At most this many unfinished at once. */
  readonly inFlight: number;
}

/** TokenReviews are cheap for the server but each one is a credential sent: a steady trickle, not a burst. */
export const tokenReviewPace: Pace = { perSecond: 5, inFlight: 2 };

function delay(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

/**
 * Runs `work` on each item at `pace`; once `signal` aborts, nothing more is started (work already
 * started finishes, and gets the signal to stop early). Resolves with how many items were started.
 */
export async function runPaced<T>(items: readonly T[], work: (item: T) => Promise<void>, pace: Pace, signal?: AbortSignal): Promise<number> {
  const gapMs = 1000 / pace.perSecond;
  let next = 0;
  let started = 0;
  let lastStartAt = Number.NEGATIVE_INFINITY;
  // Starts pass one at a time, each a gap after the previous one really started (timers fire late on a busy machine).
  let gate = Promise.resolve();
  const startSlot = () => {
    gate = gate.then(async () => {
      await delay(Math.max(0, lastStartAt + gapMs - Date.now()), signal);
      lastStartAt = Date.now();
    });
    return gate;
  };
  const lane = async () => {
    while (next < items.length && !signal?.aborted) {
      const item = items[next++];
      await startSlot();
      if (signal?.aborted) {
        return;
      }
      started++;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(pace.inFlight, items.length) }, lane));
  return started;
}

/**
 * The text at a finding's place in a file's text, counting lines as the scan and the editor do
 * (`\n`, `\r\n` and a lone `\r` each end a line); undefined when the file no longer reaches it.
 */
export function textAtPlace(text: string, place: { readonly line: number; readonly character: number; readonly length: number }): string | undefined {
  let lineStart = 0;
  for (let line = 0; line < place.line; line++) {
    const lf = text.indexOf('\n', lineStart);
    const cr = text.indexOf('\r', lineStart);
    if (lf < 0 && cr < 0) {
      return undefined;
    }
    const end = cr >= 0 && (lf < 0 || cr < lf) ? cr : lf;
    lineStart = end + (text.charCodeAt(end) === 0x0d && text.charCodeAt(end + 1) === 0x0a ? 2 : 1);
  }
  const start = lineStart + place.character;
  const lineEnd = [text.indexOf('\n', lineStart), text.indexOf('\r', lineStart)].filter((at) => at >= 0).reduce((a, b) => Math.min(a, b), text.length);
  return start + place.length <= lineEnd ? text.slice(start, start + place.length) : undefined;
}
