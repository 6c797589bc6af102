// The dashboard in headless Chromium (Debian's chromium, driven by playwright-core) against a live
// 3-node cluster of real processes: nodes and leader, a leader kill, paging the log, the actions, and
// uncommitted entries. Screenshots are kept in packages/server/test-artifacts/.
import t, { type Test } from 'tap';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findLeader, json, up } from './helpers/up.js';
import { freeBasePort } from './helpers/ports.js';

// The callbacks given to waitForFunction/evaluate run in the page: the little of the DOM they use.
interface PageElement {
  getAttribute(name: string): string | null;
  readonly textContent: string | null;
}
declare const document: { querySelector(selector: string): PageElement | null; querySelectorAll(selector: string): { readonly length: number } };
declare function getComputedStyle(e: unknown): { readonly backgroundImage: string; readonly borderTopStyle: string };

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));
const COMMANDS = 130;
/** The page's log page size (LOG_PAGE_ENTRIES in app.js). */
const PAGE = 48;
const NEW_LEADER_SHOWN_MS_MAX = 8_000;

type Page = import('playwright-core').Page;
type Cluster = Awaited<ReturnType<typeof up>>;
type Leader = Awaited<ReturnType<typeof findLeader>>;

t.test('the dashboard follows a live cluster through a leader kill', { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed (apt-get install chromium): skipped` }, async (t) => {
  const { chromium } = await import('playwright-core');
  mkdirSync(ARTIFACTS, { recursive: true });
  const cluster = await up({ app: 'counter', basePort: await freeBasePort(3) });
  t.teardown(() => cluster.stop());
  const leader = await findLeader(cluster.urls);
  let accepted = 0;
  for (let k = 0; k < COMMANDS; k++) if ((await json(`${leader.url}/v1/counters/c/add`, 'POST', { delta: 1 })).status === 200) accepted++;
  t.equal(accepted, COMMANDS, `${COMMANDS} commands committed`);
  // The page is served by a follower, so it outlives the leader.
  const servingUrl = cluster.urls.find((u) => u !== leader.url)!;

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  t.teardown(() => browser.close());
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${servingUrl}/`);

  await t.test('three nodes, one leader: the cluster\'s', (t) => checkNodes(t, page, leader));
  await t.test('the log viewer pages through entries', (t) => checkLogPaging(t, page));
  await t.test('the test command runs', async (t) => {
    await page.click('#cmd-send');
    await page.waitForSelector('#cmd-result[data-status="200"]', { timeout: 5_000 });
    t.match(await page.textContent('#cmd-result'), /"value": 1/, 'the counter app answered');
  });
  await t.test('a leader kill: the page shows the new leader', (t) => checkLeaderKill(t, page, leader, servingUrl));
  await t.test('leadership transfer, then an entry that cannot commit', (t) => checkTransferAndUncommitted(t, page, cluster, leader, servingUrl));
  t.same(pageErrors, [], 'no errors in the page');
});

async function checkNodes(t: Test, page: Page, leader: Leader): Promise<void> {
  await page.waitForFunction(() => document.querySelectorAll('.node-card[data-up="true"]').length === 3, undefined, { timeout: 10_000 });
  await page.waitForSelector(`.node-card[data-role="leader"][data-node="${leader.id}"]`, { timeout: 5_000 });
  t.equal(await page.locator('.node-card').count(), 3, 'three node cards');
  t.equal(await page.locator('.node-card[data-role="leader"]').count(), 1, 'one leader');
  t.equal(await page.textContent('#leader-id'), leader.id, `header shows leader ${leader.id}`);
  t.equal(await page.getAttribute('#conn', 'data-state'), 'live');
  t.ok(await page.locator('#events .event[data-kind="leader"]').count() > 0, 'the timeline shows leader events');
}

/** The last page, an older one, the oldest, and back to the latest. */
async function checkLogPaging(t: Test, page: Page): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll('#log-grid .entry').length === n, PAGE, { timeout: 5_000 });
  const range = async () => ({ first: Number(await page.getAttribute('#log-range', 'data-first')), last: Number(await page.getAttribute('#log-range', 'data-last')) });
  const latest = await range();
  t.ok(latest.last >= COMMANDS + 1, `the last page ends at ${latest.last}`);
  t.equal(latest.last - latest.first + 1, PAGE);
  t.equal(await page.locator('#log-grid .entry[data-committed="true"]').count(), PAGE, 'a quiet cluster: every entry committed');
  await page.click('#log-older');
  await page.waitForFunction((f) => document.querySelector('#log-range')?.getAttribute('data-first') === String(f), latest.first - PAGE, { timeout: 5_000 });
  const older = await range();
  t.same(older, { first: latest.first - PAGE, last: latest.last - PAGE }, `older: ${older.first}–${older.last}`);
  const indexes = await page.locator('#log-grid .entry').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-index'))));
  t.same(indexes, Array.from({ length: PAGE }, (_, k) => older.first + k), 'entries in index order');
  await page.click('#log-oldest');
  await page.waitForFunction(() => document.querySelector('#log-range')?.getAttribute('data-first') === '1', undefined, { timeout: 5_000 });
  t.equal(await page.getAttribute('#log-grid .entry >> nth=0', 'data-term'), '1');
  t.ok(await page.isDisabled('#log-older'), 'nothing older than the first entry');
  await page.click('#log-latest');
  await page.waitForFunction((l) => Number(document.querySelector('#log-range')?.getAttribute('data-last')) >= l, latest.last, { timeout: 5_000 });
  t.pass('back to the latest page');
}

async function checkLeaderKill(t: Test, page: Page, leader: Leader, servingUrl: string): Promise<void> {
  const serving = (await json(`${servingUrl}/v1/status`)).body.id as string;
  process.kill(leader.pid, 'SIGKILL');
  const killedAt = Date.now();
  await page.waitForFunction(
    (old) => {
      const l = document.querySelector('.node-card[data-role="leader"]');
      return l !== null && l.getAttribute('data-node') !== old && document.querySelector(`.node-card[data-node="${old}"]`)?.getAttribute('data-up') === 'false';
    },
    leader.id,
    { timeout: NEW_LEADER_SHOWN_MS_MAX },
  );
  const fresh = (await page.getAttribute('.node-card[data-role="leader"]', 'data-node'))!;
  t.not(fresh, leader.id);
  t.pass(`new leader ${fresh} shown ${Date.now() - killedAt} ms after the kill; ${leader.id} shown as down`);
  t.equal(await page.textContent('#leader-id'), fresh);
  await page.waitForSelector(`#events .event[data-kind="leader"][data-node="${serving}"] >> text=/leader of term/`, { timeout: 5_000 });
  await page.screenshot({ path: `${ARTIFACTS}dashboard-after-leader-kill.png`, fullPage: true });
  t.comment(`screenshot: ${ARTIFACTS}dashboard-after-leader-kill.png`);
}

/**
 * Transfer leadership with the page's button to the serving node (through the other survivor if the
 * serving node already leads); then, with its last follower killed, the leader's new entry cannot
 * commit and must be shown as uncommitted.
 */
async function checkTransferAndUncommitted(t: Test, page: Page, cluster: Cluster, leader: Leader, servingUrl: string): Promise<void> {
  const serving = (await json(`${servingUrl}/v1/status`)).body.id as string;
  const otherUrl = cluster.urls.find((u) => u !== leader.url && u !== servingUrl)!;
  const other = (await json(`${otherUrl}/v1/status`)).body as { id: string; pid: number };
  const transfer = async (to: string) => {
    await page.selectOption('#transfer-target', to);
    await page.click('#transfer-btn');
    await page.waitForFunction((id) => document.querySelector('#leader-id')?.textContent === id, to, { timeout: 10_000 });
    t.match(await page.textContent('#transfer-result'), new RegExp(`${to} leads`), `leadership transferred to ${to}`);
  };
  if ((await page.textContent('#leader-id')) === serving) await transfer(other.id);
  await transfer(serving);

  process.kill(other.pid, 'SIGKILL');
  void fetch(`${servingUrl}/v1/counters/c/add`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"delta":1}', signal: AbortSignal.timeout(3000) }).catch(() => undefined);
  await page.click(`#log-nodes button[data-node="${serving}"]`);
  await page.waitForSelector('#log-grid .entry[data-committed="false"]', { timeout: 5_000 });
  const look = await page.locator('#log-grid .entry[data-committed="false"] >> nth=0').evaluate((e) => ({ image: getComputedStyle(e).backgroundImage, border: getComputedStyle(e).borderTopStyle }));
  t.match(look.image, /repeating-linear-gradient/, 'uncommitted entries are hatched');
  t.equal(look.border, 'dashed', 'with a dashed outline');
  await page.screenshot({ path: `${ARTIFACTS}dashboard-uncommitted.png`, fullPage: true });
}
