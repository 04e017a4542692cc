// The entries of spec.audiences: a token is issued for, and a review matches, exactly the text written.
import type { ObjectChecks } from './checks';
import type { DecodedEntry } from './decode';
import { scalarText } from './edits';
import { quoted } from './quote';
import * as l10n from '../text/l10n';

/** Empty audiences, which `kubectl create token` refuses, and audiences with spaces around them, which no service names. */
export function checkAudienceEntries(checks: ObjectChecks, audiences: DecodedEntry): void {
  const list = audiences.value;
  if (list?.kind !== 'seq') {
    return;
  }
  const request = checks.object.kind === 'TokenRequest';
  list.items.forEach((item, index) => {
    if (item?.kind !== 'scalar' || typeof item.value !== 'string') {
      return;
    }
    const audience = item.value;
    const remove = checks.removeItemFix(l10n.t('Remove this audience'), list.node, index);
    if (audience === '') {
      const message = request
        ? l10n.t('spec.audiences has an empty audience: kubectl create token refuses it ("--audience must not be an empty string"), and the API server would issue a token for the audience "", which no service should accept. Remove it, or name the service that will receive the token.')
        : l10n.t('spec.audiences has an empty audience: no token carries the audience "", so it never matches. Remove it, or name the service the token was issued for.');
      checks.report('empty-audience', request ? 'error' : 'warning', message, item.at, remove);
    } else if (audience.trim() !== audience) {
      const trimmed = audience.trim();
      const fixes = trimmed === '' ? remove : checks.change(l10n.t('Change to {0}', quoted(trimmed)), item, scalarText(trimmed, list.node.flow));
      const what = trimmed === '' ? l10n.t('is only white space') : l10n.t('has white space around it');
      checks.report('audience-whitespace', 'warning', l10n.t('The audience {0} {1}: audiences are compared exactly, white space included, so it matches no service\'s name.', quoted(audience), what), item.at, fixes);
    }
  });
}
