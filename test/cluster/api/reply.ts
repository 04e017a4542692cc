/** What a handler answers; the server writes it as the HTTP response. */
export interface Reply {
  readonly status: number;
  /** A string is sent as is; anything else as JSON. */
  readonly body?: unknown;
  /** A list is sent as one header line per item, as Go sends repeated Warning headers. */
  readonly headers?: Record<string, string | string[]>;
  /** application/json unless set. */
  readonly contentType?: string;
}

export const ok = (body: unknown, extra: Omit<Reply, 'status' | 'body'> = {}): Reply => ({ status: 200, body, ...extra });
