import type { RequestContext } from './context';
import { authenticationGroup } from './discovery';
import type { Reply } from './reply';

/** `kubectl auth whoami`: the user this request authenticated as. */
export function selfSubjectReview(context: RequestContext): Reply {
  const { user } = context;
  return {
    status: 201,
    body: { kind: 'SelfSubjectReview', apiVersion: `${authenticationGroup}/v1`, metadata: { creationTimestamp: null }, status: { userInfo: { username: user.name, uid: user.uid, groups: user.groups, extra: user.extra } } },
  };
}
