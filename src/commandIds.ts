/** Every command the extension contributes, defined once; a test compares them with package.json. */
export const CommandIds = {
  refresh: 'kubeSaTokens.refresh',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];
