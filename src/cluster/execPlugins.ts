import { spawn, type SpawnOptions } from 'node:child_process';
import type { KubeConfig } from '@kubernetes/client-node';

type Spawn = (command: string, args: readonly string[] | undefined, options: SpawnOptions) => ReturnType<typeof spawn>;

/**
 * client-node spawns exec credential plugins with no time limit (exec_auth.js), so a hung plugin
 * would outlive every request that waited for it. Its spawn function is replaced on this config's
 * exec authenticator (not exported, found by its `execFn`) by one that kills the plugin when the
 * request timeout passes.
 */
export function limitCredentialPlugins(config: KubeConfig, timeoutMs: number): void {
  const authenticators = (config as unknown as { authenticators?: unknown[] }).authenticators ?? [];
  for (const authenticator of authenticators) {
    if (typeof authenticator === 'object' && authenticator !== null && 'execFn' in authenticator) {
      const limited: Spawn = (command, args, options) => spawn(command, args ?? [], { ...options, timeout: timeoutMs, killSignal: 'SIGKILL' });
      (authenticator as { execFn: Spawn }).execFn = limited;
    }
  }
}
