import type { Router } from 'zeromq';

/** A link that sends through the shared ROUTER: it is pumped again when the ROUTER is free. */
export interface RouterOutletUser {
  readonly routingId: Buffer;
  pump(): void;
}

/**
 * The node's ROUTER as an outlet shared by every link whose peer connected to this node (see
 * `connectsTo`). zeromq.js allows one pending send per socket, so the links take turns: a link that
 * finds the ROUTER busy waits in a FIFO and is pumped when the pending send settles, before the link
 * whose send just settled may go again (round robin, no peer starves another).
 *
 * The ROUTER is `mandatory`: a send to a peer that is not connected fails at once (EHOSTUNREACH), and
 * one to a peer whose pipe is at the high-water mark fails at once (EAGAIN) while any other peer's pipe
 * has room. A slow or absent peer therefore costs the others nothing; the link flushes its own queue.
 */
export class RouterOutlet {
  private pending: Promise<void> | undefined;
  private readonly waiting: RouterOutletUser[] = [];

  constructor(private readonly router: Router) {}

  /** True when `user` may send now; otherwise it is queued (once) and pumped when its turn comes. */
  acquire(user: RouterOutletUser): boolean {
    if (this.pending === undefined) return true;
    if (!this.waiting.includes(user)) this.waiting.push(user);
    return false;
  }

  /** Sends one frame to `user`'s peer; the caller attaches its own settle handlers to the result. */
  send(user: RouterOutletUser, bytes: Uint8Array): Promise<void> {
    const sent = this.router.send([user.routingId, bytes]);
    this.pending = sent;
    // Attached before the caller's handlers, so waiting links go before the one whose send settled.
    sent.then(this.release, this.release);
    return sent;
  }

  /** Forgets a closing link. */
  remove(user: RouterOutletUser): void {
    const at = this.waiting.indexOf(user);
    if (at >= 0) this.waiting.splice(at, 1);
  }

  private readonly release = (): void => {
    this.pending = undefined;
    // Each pump either starts a send (the ROUTER is busy again: stop) or finds nothing to send.
    while (this.pending === undefined && this.waiting.length > 0) this.waiting.shift()!.pump();
  };
}

/**
 * One connection per pair of nodes: the node whose id sorts first connects a DEALER to the other's
 * ROUTER, and both directions of the pair use that connection.
 */
export function connectsTo(self: string, peer: string): boolean {
  return self < peer;
}
