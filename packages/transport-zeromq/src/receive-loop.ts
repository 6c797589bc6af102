import type { Router } from 'zeromq';

export interface ReceiveLoopOptions {
  /** Frames handled before yielding to the event loop, so one busy socket cannot starve timers and sends. */
  readonly framesPerTurnMax: number;
  /** True once the owner is stopping: a failed receive then ends the loop quietly. */
  isStopped(): boolean;
  onFrame(parts: Buffer[]): void;
  onError(err: unknown): void;
}

/** The one receive loop of a ROUTER (zeromq.js allows a single pending receive per socket). */
export async function receiveLoop(router: Router, o: ReceiveLoopOptions): Promise<void> {
  for (let turn = 1; ; turn++) {
    let parts: Buffer[];
    try {
      parts = await router.receive();
    } catch (err) {
      if (o.isStopped() || router.closed) return;
      o.onError(err);
      continue;
    }
    o.onFrame(parts);
    if (turn % o.framesPerTurnMax === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
