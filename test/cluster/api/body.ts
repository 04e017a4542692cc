import type { Reply } from './reply';
import { internalError, requestEntityTooLarge } from './status';

/** kube-apiserver's default --max-request-body-bytes for writes (DefaultMaxRequestSizeBytes, 3 MiB). */
export const maxBodyBytes = 3 * 1024 * 1024;

/** A request that cannot be served, with the reply that says why. */
class ReplyError extends Error {
  constructor(readonly reply: Reply) {
    super(String((reply.body as { message?: string } | undefined)?.message ?? reply.status));
  }
}

/** Collects a request body, giving up past the 3 MiB limit rather than buffering whatever is sent. */
export async function readBody(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const collected: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > maxBodyBytes) {
      throw new ReplyError(requestEntityTooLarge(maxBodyBytes));
    }
    collected.push(chunk);
  }
  return Buffer.concat(collected);
}

/** The reply for anything a handler throws: a refusal it carries, else the server's own failure. */
export function errorReply(error: unknown): Reply {
  if (error instanceof ReplyError) {
    return error.reply;
  }
  return internalError(error instanceof Error ? error.message : String(error));
}
