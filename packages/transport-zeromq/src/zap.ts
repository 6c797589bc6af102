import { Router, type Context } from 'zeromq';
import { z85Encode } from './curve.js';

/** The endpoint libzmq sends ZAP requests to (RFC 27); one per ZeroMQ context. */
export const ZAP_ENDPOINT = 'inproc://zeromq.zap.01';

const ZAP_VERSION = '1.0';
/** Bound on ZAP requests answered per loop turn before yielding to the event loop. */
const ZAP_REQUESTS_PER_TURN_MAX = 64;

/**
 * A ZAP handler (ZeroMQ RFC 27) admitting only CURVE clients whose public key is on an allow-list.
 * zeromq.js ships none: libzmq asks this Router, bound in the same context, at every handshake.
 */
export class CurveAllowList {
  private readonly router: Router;
  private readonly allowed: ReadonlySet<string>;
  private loop: Promise<void> | undefined;
  private closed = false;

  constructor(
    context: Context,
    allowedPublicKeys: Iterable<string>,
    private readonly onDenied: (address: string, publicKey: string) => void,
  ) {
    this.router = new Router({ context, linger: 0 });
    this.allowed = new Set(allowedPublicKeys);
  }

  async start(): Promise<void> {
    await this.router.bind(ZAP_ENDPOINT);
    this.loop = this.serve();
  }

  private async serve(): Promise<void> {
    for (let turn = 0; !this.closed; turn++) {
      let request: Buffer[];
      try {
        request = await this.router.receive();
      } catch (err) {
        if (this.closed) return;
        throw err;
      }
      // [routing id, empty, version, request id, domain, address, identity, mechanism, credentials...]
      const [rid, , version, requestId, , address, , mechanism, credential] = request;
      let status = '400';
      let statusText = 'key not allowed';
      let userId = '';
      if (version?.toString() !== ZAP_VERSION) statusText = 'unsupported ZAP version';
      else if (mechanism?.toString() !== 'CURVE' || credential?.length !== 32) statusText = 'CURVE required';
      else {
        const key = z85Encode(credential);
        if (this.allowed.has(key)) {
          status = '200';
          statusText = 'OK';
          userId = key;
        } else this.onDenied(address?.toString() ?? '', key);
      }
      try {
        await this.router.send([rid!, '', ZAP_VERSION, requestId ?? '', status, statusText, userId, '']);
      } catch (err) {
        if (this.closed) return;
        throw err;
      }
      if (turn % ZAP_REQUESTS_PER_TURN_MAX === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.router.close();
    await this.loop;
  }
}
