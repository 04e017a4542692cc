/** What a handler answers; the server writes it as the HTTP response. */
export interface Reply {
  readonly status: number;
  /** A string is sent as is; anything else as JSON. */
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  /** application/json unless set. */
  readonly contentType?: string;
}

export const ok = (body: unknown, extra: Omit<Reply, 'status' | 'body'> = {}): Reply => ({ status: 200, body, ...extra });
