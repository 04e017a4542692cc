import type { AuthorizationV1Api } from '@kubernetes/client-node';
import type { AccessReviewAnswer, SubjectAccessReviewSpec } from '../rbac/access';
import type { RequestScope } from './requestScope';

/**
 * One SubjectAccessReview: may the spec's user, with exactly its groups, make its request? A person
 * without `create` on subjectaccessreviews gets a ClusterError of kind 'forbidden'.
 */
export async function reviewAccess(api: AuthorizationV1Api, scope: RequestScope, spec: SubjectAccessReviewSpec): Promise<AccessReviewAnswer> {
  try {
    const review = await scope.send(() =>
      api.createSubjectAccessReview(
        {
          body: {
            apiVersion: 'authorization.k8s.io/v1',
            kind: 'SubjectAccessReview',
            spec: {
              user: spec.user,
              groups: [...spec.groups],
              resourceAttributes: spec.resourceAttributes && { ...spec.resourceAttributes },
              nonResourceAttributes: spec.nonResourceAttributes && { ...spec.nonResourceAttributes },
            },
          },
        },
        scope.options(),
      ),
    );
    const status = review.status;
    return {
      allowed: status?.allowed === true,
      denied: status?.denied === true,
      reason: typeof status?.reason === 'string' && status.reason !== '' ? status.reason : undefined,
      evaluationError: typeof status?.evaluationError === 'string' && status.evaluationError !== '' ? status.evaluationError : undefined,
    };
  } catch (error) {
    throw scope.failure(error, { verb: 'create', resource: 'subjectaccessreviews', group: 'authorization.k8s.io' });
  }
}
