// Latency and failures injected on purpose, for tests of retries, timeouts and paging.
import type { Store } from '../store';
import type { Reply } from './reply';
import { internalError, status } from './status';

export interface FailureRule {
  /** 410: an etcd compaction, so the next page asked for with a `continue` token is Expired. 403: one request refused, as RBAC would. */
  readonly status: 500 | 503 | 429 | 410 | 403 | 'drop';
  /** How many matching requests fail; default 1. */
  readonly times?: number;
  readonly pathPrefix?: string;
  readonly method?: string;
  readonly retryAfterSeconds?: number;
}

/** What a fault does to a request: nothing, another reply, or dropping the connection without one. */
type Fault = Reply | 'drop' | undefined;

/** The faults of one server. They act before authentication, as an overloaded server or a proxy in front of it would. */
export class FaultInjector {
  private readonly pending: { rule: FailureRule; remaining: number }[] = [];

  constructor(
    private readonly store: Store,
    public latencyMs: number,
  ) {}

  inject(rule: FailureRule): void {
    this.pending.push({ rule, remaining: rule.times ?? 1 });
  }

  async apply(method: string, path: string, query: URLSearchParams): Promise<Fault> {
    if (this.latencyMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    }
    const rule = this.take(method, path, query);
    switch (rule?.status) {
      case undefined:
        return undefined;
      case 410:
        // Served normally, but over a compacted store, so the continue token it carries has gone stale.
        this.store.expireContinueTokens();
        return undefined;
      case 'drop':
        return 'drop';
      case 429:
        return { ...status(429, 'TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds: rule.retryAfterSeconds ?? 1 }), headers: { 'Retry-After': String(rule.retryAfterSeconds ?? 1) } };
      case 503:
        return status(503, 'ServiceUnavailable', 'the server is currently unable to handle the request');
      case 500:
        return internalError('injected failure');
      case 403:
        return status(403, 'Forbidden', `forbidden: injected refusal of ${method} ${path}`);
    }
  }

  /** The first rule matching this request, used up once; a 410 rule waits for a request that continues a list. */
  private take(method: string, path: string, query: URLSearchParams): FailureRule | undefined {
    const index = this.pending.findIndex(
      ({ rule }) => (!rule.method || rule.method === method) && (!rule.pathPrefix || path.startsWith(rule.pathPrefix)) && (rule.status !== 410 || query.has('continue')),
    );
    if (index < 0) {
      return undefined;
    }
    const entry = this.pending[index];
    entry.remaining -= 1;
    if (entry.remaining <= 0) {
      this.pending.splice(index, 1);
    }
    return entry.rule;
  }
}
