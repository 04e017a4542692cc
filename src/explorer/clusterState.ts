/**
 * The active cluster as one piece of state, owned here and watched by everything that depends on
 * it (the tree, the status bar, the manifest lenses, the commands): which context, whether it is
 * reachable, and the server's version. Nothing is checked until something asks for the session,
 * so activation never loads the Kubernetes client.
 */
import type { ContextSummary, ServerVersion } from '../cluster/types';
import { type ClusterErrorKind, isCancellation, isClusterFailure, messageOf } from '../errors';
import { Emitter, type Event } from '../events';

export interface ClusterProblem {
  readonly kind: ClusterErrorKind;
  readonly message: string;
}

export type ClusterStatus =
  /** Not looked at yet, or reset: nothing asked for the cluster since. */
  | { readonly state: 'idle' }
  /** No context could be opened: no kubeconfig, no current-context, an unreadable file. */
  | { readonly state: 'no-session'; readonly problem: ClusterProblem }
  | { readonly state: 'connecting'; readonly context: ContextSummary }
  /** `version` is undefined when the server would not say (it answered, so it is reachable). */
  | { readonly state: 'connected'; readonly context: ContextSummary; readonly version: ServerVersion | undefined }
  | { readonly state: 'unreachable'; readonly context: ContextSummary; readonly problem: ClusterProblem };

/** What the state needs of a session: the cluster module's ClusterSession has it. */
export interface ConnectableSession {
  readonly context: ContextSummary;
  serverVersion(cancel?: AbortSignal): Promise<ServerVersion>;
  /** Lets its connections go once calls under way are done. */
  close(): void;
}

const unreachableKinds: ReadonlySet<ClusterErrorKind> = new Set(['network', 'tls', 'timeout']);

/**
 * Whether a failure says the server cannot be reached from here at all, rather than that one call
 * was refused or failed on the server (a 500 or a 401 leaves it reachable: the next call may work).
 */
export function meansUnreachable(error: unknown): boolean {
  return isClusterFailure(error) && unreachableKinds.has(error.kind);
}

function problemOf(error: unknown): ClusterProblem {
  return { kind: isClusterFailure(error) ? error.kind : 'unknown', message: messageOf(error) };
}

export class ClusterState<Session extends ConnectableSession> {
  private current: Session | undefined;
  private checking: AbortController | undefined;
  private statusNow: ClusterStatus = { state: 'idle' };
  private readonly changed = new Emitter<ClusterStatus>();
  /** Fires with each new status. */
  readonly onDidChangeStatus: Event<ClusterStatus> = this.changed.event;

  /** `open` opens the session of the context in use; it throws a ClusterFailure when there is none. */
  constructor(private readonly open: () => Session) {}

  get status(): ClusterStatus {
    return this.statusNow;
  }

  /** The session of the active context, opened (and its server's version asked) on first use. */
  session(): Session {
    if (!this.current) {
      let opened: Session;
      try {
        opened = this.open();
      } catch (error) {
        this.setStatus({ state: 'no-session', problem: problemOf(error) });
        throw error;
      }
      this.current = opened;
      void this.check(opened);
    }
    return this.current;
  }

  /** Forgets the session (the kubeconfig, the context or a setting changed); the next use opens a new one. */
  reset(): void {
    this.checking?.abort();
    this.checking = undefined;
    // Its kept-alive connections would stay open until the server drops them.
    this.current?.close();
    this.current = undefined;
    this.setStatus({ state: 'idle' });
  }

  /** A call on `session` failed: when the failure means the server cannot be used, the cluster is unreachable until the next reset. */
  report(session: Session, error: unknown): void {
    if (session !== this.current || !meansUnreachable(error)) {
      return;
    }
    this.checking?.abort();
    this.setStatus({ state: 'unreachable', context: session.context, problem: problemOf(error) });
  }

  /** A call on `session` succeeded: it is reachable, whatever an earlier check said. */
  reportSuccess(session: Session): void {
    if (session === this.current && this.statusNow.state === 'unreachable') {
      this.setStatus({ state: 'connected', context: session.context, version: undefined });
    }
  }

  dispose(): void {
    this.checking?.abort();
    this.changed.dispose();
  }

  private async check(session: Session): Promise<void> {
    const abort = new AbortController();
    this.checking = abort;
    this.setStatus({ state: 'connecting', context: session.context });
    let next: ClusterStatus;
    try {
      next = { state: 'connected', context: session.context, version: await session.serverVersion(abort.signal) };
    } catch (error) {
      if (isCancellation(error) && abort.signal.aborted) {
        return;
      }
      const reachable = !meansUnreachable(error);
      next = reachable ? { state: 'connected', context: session.context, version: undefined } : { state: 'unreachable', context: session.context, problem: problemOf(error) };
    }
    // A reset or a failure reported meanwhile has the last word.
    if (session === this.current && this.checking === abort) {
      this.checking = undefined;
      this.setStatus(next);
    }
  }

  private setStatus(status: ClusterStatus): void {
    this.statusNow = status;
    this.changed.fire(status);
  }
}
