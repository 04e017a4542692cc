import { Observable, type ConfigurationOptions, type RequestContext, type ResponseContext } from '@kubernetes/client-node';
import { type ClusterError, toClusterError, type Action } from './errors';

/**
 * One user action's worth of API calls: they share a cancellation signal and a timeout,
 * and are counted so tests and benchmarks can see how many requests a feature costs.
 */
export class RequestScope {
  private count = 0;
  readonly signal: AbortSignal;

  constructor(timeoutMs: number, cancel?: AbortSignal) {
    const timeout = AbortSignal.timeout(timeoutMs);
    this.signal = cancel ? AbortSignal.any([cancel, timeout]) : timeout;
  }

  get requestCount(): number {
    return this.count;
  }

  countRequest(): void {
    this.count += 1;
  }

  /** Like toClusterError, but tells this scope's timeout apart from the person cancelling. */
  failure(error: unknown, action: Action, server: string): ClusterError {
    if (this.signal.aborted && (error as { name?: string } | undefined)?.name === 'AbortError') {
      const timedOut = (this.signal.reason as { name?: string } | undefined)?.name === 'TimeoutError';
      return toClusterError(timedOut ? Object.assign(new Error('timed out'), { name: 'TimeoutError' }) : error, action, server);
    }
    return toClusterError(error, action, server);
  }

  /**
   * Per-call client options that attach this scope's signal to the request; `accept` overrides the
   * media type, e.g. to ask for metadata only.
   */
  options(accept?: string): ConfigurationOptions {
    const signal = this.signal;
    return {
      middleware: [
        {
          pre: (context: RequestContext) => {
            context.setSignal(signal);
            if (accept) {
              context.setHeaderParam('Accept', accept);
            }
            return new Observable(Promise.resolve(context));
          },
          post: (context: ResponseContext) => new Observable(Promise.resolve(context)),
        },
      ],
      middlewareMergeStrategy: 'append',
    };
  }
}
