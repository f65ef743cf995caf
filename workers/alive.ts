/**
 * The "alive" message a working engine worker posts now and then (not a comlink message: comlink
 * ignores messages without an id). The host's watchdog tells a busy worker from one that stopped
 * answering by it (src/compute/client.ts). A module of its own so that the host imports no engine.
 */
export const ALIVE_MESSAGE = { phusongAlive: 1 } as const;

/** True for the "alive" message. */
export function isAliveMessage(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { phusongAlive?: unknown }).phusongAlive === 1;
}
