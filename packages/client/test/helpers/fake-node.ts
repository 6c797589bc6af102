// A scripted stand-in for a node's client endpoint: a ROUTER that records every request frame and
// answers as the test says. Lets the client's batching and retry rules be checked without Raft.
import { Router } from 'zeromq';
import { decodeClientFrame, encodeClientFrame, type ClientOutcome, type ClientRequest, type ClientResponse } from '@raftbus/wire';

export type Answer = (request: ClientRequest, node: FakeNode) => ClientOutcome | undefined;

export class FakeNode {
  /** Every request frame received, in order (hellos included). */
  readonly frames: ClientRequest[][] = [];
  leaderId: string;
  private readonly router = new Router({ linger: 0 });
  private loop: Promise<void> | undefined;

  constructor(
    readonly id: string,
    /** Undefined: stay silent on that request. */
    public answer: Answer,
  ) {
    this.leaderId = id;
  }

  get address(): string {
    return this.router.lastEndpoint!;
  }

  /** Requests other than hellos, flattened. */
  get requests(): ClientRequest[] {
    return this.frames.flat().filter((r) => r.kind !== 'registerSession');
  }

  async start(): Promise<this> {
    await this.router.bind('tcp://127.0.0.1:*');
    this.loop = this.serve();
    return this;
  }

  private async serve(): Promise<void> {
    for (;;) {
      let parts: Buffer[];
      try {
        parts = await this.router.receive();
      } catch {
        return;
      }
      const frame = decodeClientFrame(parts[1]!);
      if (frame.kind !== 'requests') continue;
      this.frames.push([...frame.requests]);
      const responses: ClientResponse[] = [];
      for (const r of frame.requests) {
        const outcome = r.kind === 'registerSession' ? { kind: 'result' as const, result: new Uint8Array(0) } : this.answer(r, this);
        if (outcome) responses.push({ requestId: r.requestId, outcome });
      }
      if (responses.length > 0) {
        await this.router.send([parts[0]!, encodeClientFrame({ kind: 'responses', responses, nodeId: this.id, leaderId: this.leaderId })]);
      }
    }
  }

  async stop(): Promise<void> {
    this.router.close();
    await this.loop;
  }
}

export const bytes = (...values: number[]) => new Uint8Array(values);
export const ok = (result: Uint8Array = bytes(1)): ClientOutcome => ({ kind: 'result', result });

export async function waitFor(condition: () => boolean, timeoutMs: number, pollMs = 5): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, pollMs));
  }
  return true;
}
