import { createServer } from 'node:net';
import type { Message, NodeId } from '@raftbus/core';

/** Ports the kernel just handed out on 127.0.0.1 (closed again; a tiny reuse race is accepted in tests). */
export async function freePorts(count: number): Promise<number[]> {
  const servers = await Promise.all(
    Array.from({ length: count }, () => new Promise<import('node:net').Server>((resolve, reject) => {
      const s = createServer();
      s.once('error', reject);
      s.listen(0, '127.0.0.1', () => resolve(s));
    })),
  );
  const ports = servers.map((s) => (s.address() as import('node:net').AddressInfo).port);
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
  return ports;
}

export async function loopbackPeers(ids: readonly NodeId[]): Promise<Record<NodeId, { address: string }>> {
  const ports = await freePorts(ids.length);
  return Object.fromEntries(ids.map((id, i) => [id, { address: `tcp://127.0.0.1:${ports[i]}` }]));
}

export function heartbeat(from: NodeId, to: NodeId, index: number): Message {
  return { type: 'heartbeat', from, to, term: 1, logTerm: 0, index, commit: 0, entries: [], reject: false, rejectHint: 0 };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitUntil(condition: () => boolean, timeoutMs: number, pollMs = 5): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await sleep(pollMs);
  }
  return true;
}
