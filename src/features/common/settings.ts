import * as vscode from 'vscode';

/** The extension's settings, read in one place with their types, defaults and the scopes that may set them. */
export const settingsSection = 'kubeSaTokens';

export type PlaintextSeverity = 'off' | 'hint' | 'information' | 'warning' | 'error';

const plaintextSeverities: readonly PlaintextSeverity[] = ['off', 'hint', 'information', 'warning', 'error'];

/** Whom Switch Context changes the context for: this window, kubectl too (the kubeconfig file), or ask each time. */
export type SwitchContextScope = 'ask' | 'window' | 'kubectl';

const switchContextScopes: readonly SwitchContextScope[] = ['ask', 'window', 'kubectl'];

/**
 * A value from the user's settings (or the default) only: for settings a workspace must never
 * choose, such as where credentials are read from.
 */
function userValue<T>(key: string, fallback: T): T {
  return vscode.workspace.getConfiguration(settingsSection).inspect<T>(key)?.globalValue ?? fallback;
}

/**
 * A value a trusted workspace may set. In Restricted Mode workspace and folder values are ignored,
 * here in code as well as by `restrictedConfigurations`, so an untrusted repository cannot change
 * what is sent to a cluster or hide what is reported.
 */
function valueForTrust<T>(key: string, fallback: T, scope?: vscode.Uri): T {
  const settings = vscode.workspace.getConfiguration(settingsSection, scope);
  return vscode.workspace.isTrusted ? settings.get<T>(key, fallback) : userValue(key, fallback);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.trim().length > 0).map((item) => item.trim()) : [];
}

export const Settings = {
  /** Machine scope: a workspace cannot redirect the extension to a kubeconfig whose exec plugins would run commands. */
  kubeconfigPath: (): string | undefined => userValue<string>('kubeconfigPath', '').trim() || undefined,
  requestTimeoutMs: (): number => {
    const seconds = Number(vscode.workspace.getConfiguration(settingsSection).get<number>('requestTimeoutSeconds', 30));
    return Math.min(600, Math.max(1, Number.isFinite(seconds) ? seconds : 30)) * 1000;
  },
  defaultAudiences: (scope?: vscode.Uri): string[] => stringList(valueForTrust<unknown>('defaultAudiences', [], scope)),
  rememberIssuedTokens: (): boolean => userValue<boolean>('rememberIssuedTokens', false) === true,
  plaintextSeverity: (scope?: vscode.Uri): PlaintextSeverity => {
    const value = valueForTrust<string>('plaintextTokens.severity', 'information', scope);
    return plaintextSeverities.includes(value as PlaintextSeverity) ? (value as PlaintextSeverity) : 'information';
  },
  /** Application scope: only the user may let a token's own `iss` choose a URL to fetch. */
  fetchFromTokenIssuer: (): boolean => userValue<boolean>('verification.fetchFromTokenIssuer', false) === true,
  /** Application scope: how long before an issued token expires to remind the person; 0 (the default) is off. */
  expiryReminderMinutes: (): number => {
    const minutes = Number(userValue<number>('expiryReminderMinutes', 0));
    return Number.isFinite(minutes) && minutes > 0 ? minutes : 0;
  },
  /**
   * Machine-overridable: the cap protects the machine the scan runs on; a trusted workspace may
   * change it, an untrusted one cannot lower it to hide a file from the scan. At least 1 KB.
   */
  scanMaxFileBytes: (): number => {
    const kilobytes = Number(valueForTrust<number>('scan.maxFileSizeKB', 5120));
    return Math.min(1024 * 1024, Math.max(1, Number.isFinite(kilobytes) ? Math.floor(kilobytes) : 5120)) * 1024;
  },
  /** Application scope: a workspace must not choose to rewrite the user's kubeconfig. */
  switchContextScope: (): SwitchContextScope => {
    const value = userValue<string>('switchContext.scope', 'ask');
    return switchContextScopes.includes(value as SwitchContextScope) ? (value as SwitchContextScope) : 'ask';
  },
} as const;

/** Writes what the person chose in a command to their user settings; undefined removes the value. */
function setUserValue(key: string, value: unknown): Thenable<void> {
  return vscode.workspace.getConfiguration(settingsSection).update(key, value, vscode.ConfigurationTarget.Global);
}

/** The settings a command writes for the person, always in their user settings. */
export const UserSettingWriters = {
  /** A kubeconfig path; undefined goes back to KUBECONFIG or ~/.kube/config. */
  kubeconfigPath: (path: string | undefined): Thenable<void> => setUserValue('kubeconfigPath', path),
  switchContextScope: (scope: SwitchContextScope): Thenable<void> => setUserValue('switchContext.scope', scope),
} as const;

/** Whether a configuration change touches one of `keys` (given without the section). */
export function affectsSettings(event: vscode.ConfigurationChangeEvent, ...keys: string[]): boolean {
  return keys.some((key) => event.affectsConfiguration(`${settingsSection}.${key}`));
}
