import { decodeTokenRequest, protobufMediaType } from '../protobuf';
import type { Reply } from './reply';
import { badRequest, internalError } from './status';

const maxBodyBytes = 3 * 1024 * 1024;

/** Collects a request body, giving up past kube-apiserver's 3 MiB limit rather than buffering whatever is sent. */
export async function readBody(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const collected: Buffer[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > maxBodyBytes) {
      throw new Error('the request body is larger than 3 MiB');
    }
    collected.push(chunk);
  }
  return Buffer.concat(collected);
}

/** The object a body holds: kubectl sends TokenRequest as protobuf, everything else comes as JSON. Malformed JSON throws a SyntaxError. */
export function decodeBody(body: Buffer, contentType: string | undefined): unknown {
  if (contentType?.startsWith(protobufMediaType)) {
    return decodeTokenRequest(body);
  }
  const text = body.toString('utf8');
  return text.length > 0 ? JSON.parse(text) : {};
}

/** The Status for anything a handler throws: a body that is not JSON is the client's error, the rest the server's. */
export function errorReply(error: unknown): Reply {
  if (error instanceof SyntaxError) {
    return badRequest(`the request body is not valid JSON: ${error.message}`);
  }
  return internalError(error instanceof Error ? error.message : String(error));
}
