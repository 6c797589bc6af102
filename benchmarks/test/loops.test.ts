// The load shapes over a fake send: the closed loop keeps exactly N in flight; the open loop charges a
// stall to every request it delayed (latency from the scheduled time: no coordinated omission).
import t from 'tap';
import { closedLoop, openLoop } from '../src/driver/loops.js';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Blocks this thread for `ms`: the stall a GC pause or a busy event loop puts on the load generator. */
function blockEventLoop(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

t.test('closed loop: N callers, never more in flight; warm-up not counted; window edges called once, in order', async (t) => {
  let inFlight = 0;
  let inFlightMax = 0;
  const edges: string[] = [];
  const out = await closedLoop(
    async () => {
      inFlightMax = Math.max(inFlightMax, ++inFlight);
      await sleep(5);
      inFlight--;
    },
    8,
    { warmupMs: 100, measureMs: 300, requestsMax: 100_000, onMeasureStart: () => edges.push('start'), onMeasureEnd: () => edges.push('end') },
  );
  t.equal(inFlightMax, 8);
  t.same(edges, ['start', 'end']);
  // 8 callers × 300 ms / (5 ms + timer slack) per request.
  t.ok(out.commits > 100 && out.commits <= 8 * 60 + 8, `commits ${out.commits}`);
  t.ok(Math.abs(out.windowSeconds - 0.3) < 0.05, `window ${out.windowSeconds} s`);
  t.ok(out.histogram.percentile(50) >= 5000, 'p50 at least the 5 ms each request takes');
  t.equal(out.errors, 0);
});

t.test('closed loop: errors are counted by code, and the count bound stops it early', async (t) => {
  const out = await closedLoop(
    async (seq) => {
      await sleep(1);
      if (seq % 4 === 0) throw Object.assign(new Error('no'), { code: 'TIMEOUT' });
    },
    2,
    { warmupMs: 0, measureMs: 5_000, requestsMax: 40 },
  );
  t.equal(out.commits + out.errors, 40, 'exactly requestsMax sent, well before the 5 s window ends');
  t.same(out.errorCodes, { TIMEOUT: 10 });
  t.ok(out.windowSeconds < 1, 'the window ends at the last answer');
});

t.test('open loop: a stall of the generator is charged to every request it delayed', async (t) => {
  const stallMs = 100;
  setTimeout(() => blockEventLoop(stallMs), 250);
  const open = await openLoop(async () => void (await sleep(1)), 1000, { warmupMs: 100, measureMs: 400, requestsMax: 100_000 });
  // ~400 sends in the window; the ~100 scheduled during the stall waited 100…0 ms before they could leave.
  t.ok(Math.abs(open.commits - 400) <= 2, `every scheduled send in the window was made (${open.commits})`);
  t.ok(open.histogram.percentile(90) >= 30_000, `p90 ${open.histogram.percentile(90)} µs reflects the stall`);
  t.ok(open.histogram.summary().maxUs >= stallMs * 1000 * 0.9, 'the first delayed request waited the whole stall');

  // The same stall under a closed loop hides in a single sample: p90 stays at the service time.
  setTimeout(() => blockEventLoop(stallMs), 250);
  const closed = await closedLoop(async () => void (await sleep(1)), 1, { warmupMs: 100, measureMs: 400, requestsMax: 100_000 });
  t.ok(closed.histogram.percentile(90) < 20_000, `closed-loop p90 ${closed.histogram.percentile(90)} µs does not show it`);
});

t.test('open loop: failed requests are counted by code and kept out of the latencies', async (t) => {
  let answered = 0;
  const out = await openLoop(
    (seq) => (seq % 2 === 0 ? sleep(1).then(() => answered++) : new Promise<void>((_resolve, reject) => setTimeout(() => reject(Object.assign(new Error('x'), { code: 'OVERLOADED' })), 5))),
    200,
    { warmupMs: 0, measureMs: 200, requestsMax: 1000 },
  );
  t.equal(out.commits, answered);
  t.equal(out.commits + out.errors, 40, '200/s for 200 ms');
  t.same(out.errorCodes, { OVERLOADED: 20 });
  t.equal(out.unfinished, 0);
});
