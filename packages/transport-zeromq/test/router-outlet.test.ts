import t from 'tap';
import type { Router } from 'zeromq';
import { RouterOutlet, connectsTo, type RouterOutletUser } from '../src/router-outlet.js';

/** A ROUTER stand-in whose sends settle when the test says so. */
function fakeRouter() {
  const sends: { parts: unknown[]; settle: (err?: Error) => void }[] = [];
  const router = {
    send(parts: unknown[]): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        sends.push({ parts, settle: (err) => (err ? reject(err) : resolve()) });
      });
    },
  };
  return { router: router as unknown as Router, sends };
}

/** A link that sends one frame per pump while it has frames, and records the order of events. */
function link(name: string, outlet: RouterOutlet, log: string[], frames: number): RouterOutletUser & { left: number } {
  const user = {
    routingId: Buffer.from(name),
    left: frames,
    pump(): void {
      if (user.left === 0) return;
      if (!outlet.acquire(user)) return void log.push(`${name} waits`);
      user.left--;
      log.push(`${name} sends`);
      outlet.send(user, new Uint8Array([1])).then(
        () => {
          log.push(`${name} settled`);
          user.pump();
        },
        () => {
          log.push(`${name} failed`);
          user.pump();
        },
      );
    },
  };
  return user;
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

t.test('links take turns on the shared ROUTER: a waiting link goes before the one whose send just settled', async (t) => {
  const { router, sends } = fakeRouter();
  const outlet = new RouterOutlet(router);
  const log: string[] = [];
  const a = link('a', outlet, log, 2);
  const b = link('b', outlet, log, 2);
  a.pump();
  b.pump();
  t.same(log, ['a sends', 'b waits'], 'one send at a time: b queues behind a');
  t.same(sends[0]!.parts[0], Buffer.from('a'), 'the frame is addressed by the routing id');
  sends[0]!.settle();
  await flush();
  t.same(log, ['a sends', 'b waits', 'b sends', 'a settled', 'a waits'], 'b sends before a, whose send settled, may go again');
  sends[1]!.settle(new Error('EHOSTUNREACH'));
  await flush();
  t.same(log.slice(5), ['a sends', 'b failed', 'b waits'], 'a failed send releases the ROUTER too');
  sends[2]!.settle();
  await flush();
  t.same(log.slice(8), ['b sends', 'a settled'], 'and the turns go on until both are done');
  sends[3]!.settle();
  await flush();
  t.equal(sends.length, 4, 'four frames in all');
  t.equal(a.left + b.left, 0);
});

t.test('a removed link is not pumped again', async (t) => {
  const { router, sends } = fakeRouter();
  const outlet = new RouterOutlet(router);
  const log: string[] = [];
  const a = link('a', outlet, log, 1);
  const b = link('b', outlet, log, 1);
  a.pump();
  b.pump();
  outlet.remove(b);
  sends[0]!.settle();
  await flush();
  t.same(log, ['a sends', 'b waits', 'a settled'], 'b, closed while waiting, sends nothing');
});

t.test('one connection per pair: exactly one side of each pair connects', async (t) => {
  for (const [x, y] of [['n1', 'n2'], ['a', 'b'], ['n10', 'n9'], ['t0', 'c']]) {
    t.not(connectsTo(x!, y!), connectsTo(y!, x!), `${x} and ${y}`);
  }
});
