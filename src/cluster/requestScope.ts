import { Observable, type ConfigurationOptions, type RequestContext, type ResponseContext } from '@kubernetes/client-node';
import { type ClusterError, toClusterError, type Action } from './errors';
import type { ApiCallRecord, ContextSummary } from './types';

/** Lists of Secrets ask for metadata only: their data holds credentials the extension never needs to read. */
export const metadataOnly = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';

/**
 * One user action's worth of API calls: they share a cancellation signal and a timeout,
 * and are counted so tests and benchmarks can see how many requests a feature costs.
 */
export class RequestScope {
  private count = 0;
  readonly signal: AbortSignal;

  constructor(
    readonly context: ContextSummary,
    timeoutMs: number,
    cancel?: AbortSignal,
    private readonly onApiCall?: (call: ApiCallRecord) => void,
  ) {
    const timeout = AbortSignal.timeout(timeoutMs);
    this.signal = cancel ? AbortSignal.any([cancel, timeout]) : timeout;
  }

  get requestCount(): number {
    return this.count;
  }

  /**
   * Makes one API call. The race with the signal matters for exec credential plugins: the client
   * waits for them before any request exists to abort, and a hung plugin would otherwise hang us too.
   */
  send<T>(call: () => Promise<T>): Promise<T> {
    this.count += 1;
    if (this.signal.aborted) {
      return Promise.reject(this.abortError());
    }
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => reject(this.abortError());
      this.signal.addEventListener('abort', onAbort, { once: true });
      call().then(resolve, reject).finally(() => this.signal.removeEventListener('abort', onAbort));
    });
  }

  /** A failed call as one message: the verb and resource it needed, and this scope's timeout told apart from cancelling. */
  failure(error: unknown, action: Omit<Action, 'user'>): ClusterError {
    const described = { ...action, user: this.context.user };
    if (this.signal.aborted && (error as { name?: string } | undefined)?.name === 'AbortError') {
      return toClusterError(this.abortError(), described, this.context);
    }
    return toClusterError(error, described, this.context);
  }

  /**
   * Client options for one call (a new object each call: the log's timing is kept per request)
   * that attach this scope's signal to it; `accept` overrides the media type, e.g. to ask for metadata only.
   */
  options(accept?: string): ConfigurationOptions {
    const signal = this.signal;
    const onApiCall = this.onApiCall;
    let call: { method: string; path: string; started: number } | undefined;
    return {
      middleware: [
        {
          pre: (context: RequestContext) => {
            context.setSignal(signal);
            if (accept) {
              context.setHeaderParam('Accept', accept);
            }
            const url = new URL(context.getUrl());
            call = { method: context.getHttpMethod(), path: `${url.pathname}${url.search}`, started: performance.now() };
            return new Observable(Promise.resolve(context));
          },
          post: (context: ResponseContext) => {
            if (call && onApiCall) {
              const requestId = context.headers['audit-id'];
              onApiCall({ method: call.method, path: call.path, status: context.httpStatusCode, durationMs: Math.round(performance.now() - call.started), requestId });
            }
            return new Observable(Promise.resolve(context));
          },
        },
      ],
      middlewareMergeStrategy: 'append',
    };
  }

  private abortError(): Error {
    const timedOut = (this.signal.reason as { name?: string } | undefined)?.name === 'TimeoutError';
    return Object.assign(new Error(timedOut ? 'timed out' : 'cancelled'), { name: timedOut ? 'TimeoutError' : 'AbortError' });
  }
}
