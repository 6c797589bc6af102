/** Frames handled per receive-loop turn before yielding, so timers and sends keep running under a flood. */
export const FRAMES_PER_TURN_MAX = 256;

/** The receiving side of a zeromq.js socket (a ROUTER, or a DEALER that peers answer on). */
export interface ReceivingSocket {
  receive(): Promise<Buffer[]>;
  readonly closed: boolean;
}

export interface ReceiveLoopOptions {
  /** Frames handled before yielding to the event loop, so one busy socket cannot starve timers and sends. */
  readonly framesPerTurnMax: number;
  /** True once the owner is stopping: a failed receive then ends the loop quietly. */
  isStopped(): boolean;
  onFrame(parts: Buffer[]): void;
  onError(err: unknown): void;
}

/** The one receive loop of a socket (zeromq.js allows a single pending receive per socket). */
export async function receiveLoop(socket: ReceivingSocket, o: ReceiveLoopOptions): Promise<void> {
  for (let turn = 1; ; turn++) {
    let parts: Buffer[];
    try {
      parts = await socket.receive();
    } catch (err) {
      if (o.isStopped() || socket.closed) return;
      o.onError(err);
      continue;
    }
    o.onFrame(parts);
    if (turn % o.framesPerTurnMax === 0) await new Promise<void>((resolve) => setImmediate(resolve));
  }
}
