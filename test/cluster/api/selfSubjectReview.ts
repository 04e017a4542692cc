import type { RequestContext } from './context';
import { decodeRequestObject } from './decode/requestObject';
import type { Reply } from './reply';
import { replyMetadata } from './replyMetadata';

/** `kubectl auth whoami`: the user this request authenticated as. */
export async function selfSubjectReview(context: RequestContext): Promise<Reply> {
  const decoded = await decodeRequestObject(context, 'SelfSubjectReview');
  if (!('object' in decoded)) {
    return decoded;
  }
  const { user } = context;
  return {
    status: 201,
    body: {
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: replyMetadata((decoded.object as { metadata?: unknown }).metadata, {}),
      status: { userInfo: { username: user.name, uid: user.uid, groups: user.groups, extra: user.extra } },
    },
  };
}
