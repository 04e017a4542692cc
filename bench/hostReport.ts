/** What bench/host/index.ts measures inside the extension host and hands to the rows (as JSON). */
export interface HostReport {
  /** Undefined when start-up activated the extension before the bench could time it. */
  activation?: {
    /** Requiring dist/extension.js (our module's evaluation), timed by the bench. */
    readonly load: { readonly wallMs: number; readonly cpuMs: number };
    /** Our activate() call, timed by the bench. */
    readonly activateCall: { readonly wallMs: number; readonly cpuMs: number };
    /** VS Code's marks around requiring the module (found in require's cache by then) and around activate() until it settles. */
    readonly marks: { readonly codeLoadingMs: number; readonly activateMs: number };
    /** extension.activate() as the bench awaited it, VS Code's own work included, in wall and in CPU time of the host process. */
    readonly awaitedMs: number;
    readonly awaitedCpuMs: number;
    /** Which of dist/cluster.js, dist/jose.js, dist/yaml.js, dist/manifests.js were in require's cache right after activation. */
    readonly lazyBundlesLoaded: readonly string[];
  };
  /** Why `activation` is missing. */
  activationUnmeasured?: string;
  /** Each refresh of the tree to its first level with tree items, against 10,000 ServiceAccounts. */
  firstLevelMs: number[];
  tokens: number;
  tokensMs?: number;
  heapMb: { start?: number; withClientCode?: number; withTree?: number; withTreeAndTokens?: number; closed?: number };
  problem?: string;
}
