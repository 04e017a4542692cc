import { Observable, type ConfigurationOptions, type RequestContext, type ResponseContext } from '@kubernetes/client-node';

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

  /** Per-call client options that attach this scope's signal to the request. */
  options(): ConfigurationOptions {
    const signal = this.signal;
    return {
      middleware: [
        {
          pre: (context: RequestContext) => {
            context.setSignal(signal);
            return new Observable(Promise.resolve(context));
          },
          post: (context: ResponseContext) => new Observable(Promise.resolve(context)),
        },
      ],
      middlewareMergeStrategy: 'append',
    };
  }
}
