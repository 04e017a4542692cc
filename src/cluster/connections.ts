import type { Agent } from 'node:http';
import type { AgentOptions } from 'node:https';
import type { Cluster, KubeConfig } from '@kubernetes/client-node';

type CreateAgent = (cluster: Cluster | null, options: AgentOptions) => Agent;

/** The options that decide whom a connection trusts and proves itself as; requests that share them may share sockets. */
const tlsIdentityKeys = ['ca', 'cert', 'key', 'pfx', 'passphrase', 'rejectUnauthorized', 'servername'] as const;

function sameIdentity(left: AgentOptions, right: AgentOptions): boolean {
  return tlsIdentityKeys.every((key) => {
    const [a, b] = [left[key], right[key]];
    return Buffer.isBuffer(a) && Buffer.isBuffer(b) ? a.equals(b) : a === b;
  });
}

/**
 * client-node 1.4 builds a new agent for every request (KubeConfig.createAgent, private), so each
 * call paid a TCP connect and a full TLS handshake: `npm run bench -- 7` measured 100 tokens with 10
 * in flight at 560–830 ms that way, 210–260 ms over kept-alive sockets. This config's createAgent is
 * wrapped to keep one keep-alive agent, built by the client's own function (proxies, TLS options), and
 * to build a new one only when the TLS identity changes (an exec plugin may hand out a new client
 * certificate). Idle kept-alive sockets are unref'd by Node, so they never hold a process open.
 */
export function reuseConnections(config: KubeConfig): { close(): void } {
  const target = config as unknown as { createAgent: CreateAgent };
  const create = target.createAgent.bind(config);
  let current: { readonly agent: Agent; readonly options: AgentOptions } | undefined;
  let closed = false;
  target.createAgent = (cluster, options) => {
    if (closed) {
      return create(cluster, options);
    }
    if (!current || !sameIdentity(current.options, options)) {
      current?.agent.destroy();
      current = { agent: create(cluster, { ...options, keepAlive: true }), options };
    }
    return current.agent;
  };
  return {
    /**
     * Lets the kept-alive connections go without cutting a call short: idle sockets close now, a
     * socket in use closes when its call is done (Node's agent drops a freed socket once its
     * keepAlive is off), and later calls connect without keep-alive, as the client does by itself.
     */
    close() {
      closed = true;
      if (current) {
        // Node's http.Agent reads its own `keepAlive` each time a socket is freed (lib/_http_agent.js); @types/node does not declare it.
        (current.agent as Agent & { keepAlive: boolean }).keepAlive = false;
        for (const sockets of Object.values(current.agent.freeSockets)) {
          sockets?.forEach((socket) => socket.destroy());
        }
        current = undefined;
      }
    },
  };
}
