/**
 * The one name the extension goes by everywhere a person sees it: package.json's displayName, the
 * command category, the activity bar, the settings, the log channel and the Problems view's source.
 */
export const displayName = 'Kubernetes SA Tokens';
