// Every rule for one TokenRequest or TokenReview, in the order a person reads the object.
import { checkMetadata } from './metadata';
import type { ObjectChecks } from './checks';
import { entryOf, isNull, mapOf } from './decode';
import { checkStructure } from './structure';
import { checkRequestSpec, missingRequestSpec } from './tokenRequest';
import { checkReviewSpec, missingReviewSpec } from './tokenReview';
import { checkTypeMeta } from './typeMeta';
import * as l10n from '../text/l10n';

export function checkObject(checks: ObjectChecks): void {
  const { kind, map } = checks.object;
  checkTypeMeta(checks);
  checkStructure(checks);
  const status = entryOf(map, 'status');
  if (status && !isNull(status.value)) {
    checks.report('status-in-request', 'warning', l10n.t('status is written by the server: it ignores a status sent in a {0}.', kind), status.keyAt, checks.removePairsFix(l10n.t('Remove status'), [status]));
  }
  checkMetadata(checks);
  const spec = entryOf(map, 'spec');
  if (!spec || isNull(spec.value)) {
    (kind === 'TokenRequest' ? missingRequestSpec : missingReviewSpec)(checks, spec);
  } else if (mapOf(spec.value)) {
    (kind === 'TokenRequest' ? checkRequestSpec : checkReviewSpec)(checks, spec);
  }
  checks.finish();
}
