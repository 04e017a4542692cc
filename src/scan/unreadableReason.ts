/** Why the scan could not read a file, in words: for the view (translated) and the CLI (English, which configures no bundle). */
import * as l10n from '../text/l10n';
import type { UnreadableReason } from './types';

export function unreadableReason(reason: UnreadableReason): string {
  switch (reason.kind) {
    case 'permission-denied':
      return l10n.t('permission denied');
    case 'removed':
      return l10n.t('removed while the scan ran');
    case 'other':
      return reason.code ? l10n.t('could not be read ({0})', reason.code) : l10n.t('could not be read');
  }
}
