// A real Prometheus (Debian's `prometheus`) scrapes a live 3-node cluster on loopback; every PromQL
// expression of the Grafana dashboard must return data, and every alert rule must load and evaluate.
import t, { type Test } from 'tap';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findLeader, json, up } from './helpers/up.js';
import { eventually } from './helpers/metrics.js';
import { freeBasePort } from './helpers/ports.js';

const PROMETHEUS = '/usr/bin/prometheus';
const PROMTOOL = '/usr/bin/promtool';
const MONITORING = fileURLToPath(new URL('../../../monitoring/', import.meta.url));
const DASHBOARD = join(MONITORING, 'grafana/dashboards/raftbus.json');
const ALERTS = join(MONITORING, 'prometheus/alerts.yml');
/** Grafana's $__rate_interval is at least 4 scrape intervals; the test scrapes every second. */
const RATE_INTERVAL = '10s';
const LOAD_MS_MAX = 60_000;
const LOAD_GAP_MS = 20;
const QUERY_WAIT_MS = 20_000;

interface PromResponse {
  status: 'success' | 'error';
  data?: { resultType?: string; result?: unknown[] } & Record<string, unknown>;
  error?: string;
}

const hasPrometheus = existsSync(PROMETHEUS);

t.test('the repository configs pass promtool', { skip: existsSync(PROMTOOL) ? false : 'promtool is not installed (apt-get install prometheus)' }, async (t) => {
  for (const args of [
    ['check', 'rules', ALERTS],
    ['check', 'config', join(MONITORING, 'prometheus/prometheus.yml')],
    ['check', 'config', join(MONITORING, 'prometheus/prometheus-compose.yml')],
  ]) {
    const r = spawnSync(PROMTOOL, args, { encoding: 'utf8', timeout: 30_000 });
    t.equal(r.status, 0, `promtool ${args.join(' ')}${r.status === 0 ? '' : `\n${r.stdout}${r.stderr}`}`);
  }
});

type Query = (expr: string) => Promise<PromResponse>;
type Rule = { name: string; query: string; health: string; lastError?: string; lastEvaluation: string; state: string };
interface Dashboard {
  panels: Array<{ title: string; targets?: Array<{ expr: string }> }>;
  templating: { list: Array<{ name: string; definition?: string }> };
}

t.test('Prometheus scrapes a live cluster: dashboard queries return data, alert rules evaluate', { skip: hasPrometheus ? false : `${PROMETHEUS} is not installed (apt-get install prometheus): skipped` }, async (t) => {
  const basePort = await freeBasePort(3, 1);
  const cluster = await up({ app: 'counter', basePort });
  t.teardown(() => cluster.stop());
  const leader = await findLeader(cluster.urls);
  const api = await startPrometheus(t, cluster.urls.map((u) => new URL(u).host), basePort + 190);
  const load = loadThrough(t, leader.url);
  const query: Query = async (expr) => {
    const res = await fetch(`${api}/api/v1/query?query=${encodeURIComponent(expr)}`, { signal: AbortSignal.timeout(5000) });
    return (await res.json()) as PromResponse;
  };
  await eventually('three targets up with several scrapes each', async () => {
    const r = await query('count_over_time(up{job="raftbus"}[1m]) >= 6 and up{job="raftbus"} == 1');
    return (r.data?.result?.length ?? 0) === 3;
  }, 30_000, 500);

  const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as Dashboard;
  const panels = await checkPanelQueries(t, dashboard, query);
  await checkInstanceVariable(t, dashboard, api);
  const rules = await checkAlertRules(t, api, query);
  const sent = await load.stop();
  t.comment(`checked ${panels + 1 + rules} PromQL expressions: ${panels} panel queries returned data, 1 variable query, ${rules} alert rules evaluated; ${sent} commands of load`);
});

/** Prometheus on loopback scraping `targets` every second with the repository's alert rules; its API URL. */
async function startPrometheus(t: Test, targets: string[], port: number): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'raftbus-prometheus-'));
  const config = ['global:', '  scrape_interval: 1s', '  evaluation_interval: 1s', 'rule_files:', `  - '${ALERTS}'`, 'scrape_configs:', '  - job_name: raftbus', '    static_configs:', `      - targets: [${targets.map((h) => `'${h}'`).join(', ')}]`, ''];
  writeFileSync(join(dir, 'prometheus.yml'), config.join('\n'));
  const prom = spawn(PROMETHEUS, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  prom.stderr!.on('data', (b) => (log = (log + b).slice(-4000)));
  // tap runs teardowns last-registered first: Prometheus stops, then its directory goes.
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  t.teardown(() => stopProcess(prom));
  const api = `http://127.0.0.1:${port}`;
  await eventually('Prometheus ready', async () => (await fetch(`${api}/-/ready`)).ok, 30_000, 200).catch((e) => {
    throw new Error(`${(e as Error).message}\n${log}`);
  });
  return api;
}

/** Commands through the leader for the whole check, so latency and rate panels have samples (bounded). */
function loadThrough(t: Test, url: string): { stop(): Promise<number> } {
  let loading = true;
  const until = Date.now() + LOAD_MS_MAX;
  const done = (async () => {
    let sent = 0;
    while (loading && Date.now() < until) {
      await json(`${url}/v1/counters/load/add`, 'POST', { delta: 1 }).catch(() => undefined);
      sent++;
      await new Promise((r) => setTimeout(r, LOAD_GAP_MS));
    }
    return sent;
  })();
  const stop = () => {
    loading = false;
    return done;
  };
  t.teardown(() => stop().then(() => undefined));
  return { stop };
}

/** Every panel query, with Grafana's variables bound as the dashboard binds them (all nodes), returns data. */
async function checkPanelQueries(t: Test, dashboard: Dashboard, query: Query): Promise<number> {
  const exprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((target) => ({ panel: p.title, expr: target.expr })));
  t.ok(exprs.length >= 15, `${exprs.length} panel queries`);
  for (const { panel, expr } of exprs) {
    const bound = expr.replaceAll('$__rate_interval', RATE_INTERVAL).replaceAll('$instance', '.+');
    t.notOk(/\$/.test(bound), `${panel}: every variable bound`);
    let last: PromResponse | undefined;
    await eventually(`data for "${panel}": ${bound}`, async () => {
      last = await query(bound);
      return last.status === 'success' && (last.data?.result?.length ?? 0) > 0;
    }, QUERY_WAIT_MS, 500).catch(() => undefined);
    t.ok(last?.status === 'success' && (last.data?.result?.length ?? 0) > 0, `"${panel}" returns ${last?.data?.result?.length ?? 0} series: ${bound}${last?.error ? ` (${last.error})` : ''}`);
  }
  return exprs.length;
}

/** The node variable: Grafana's label_values(metric, label) is Prometheus's label-values API. */
async function checkInstanceVariable(t: Test, dashboard: Dashboard, api: string): Promise<void> {
  const variable = dashboard.templating.list.find((v) => v.name === 'instance')!;
  const [, metric, label] = /^label_values\((\w+), (\w+)\)$/.exec(variable.definition ?? '')!;
  const values = (await (await fetch(`${api}/api/v1/label/${label}/values?match[]=${metric}`)).json()) as { data: string[] };
  t.equal(values.data.length, 3, `variable $instance: label_values(${metric}, ${label}) lists ${values.data.join(', ')}`);
}

/**
 * Prometheus loaded every rule of the file and each evaluates without error (an alert that is not
 * firing returns an empty vector, which is correct on a healthy cluster).
 */
async function checkAlertRules(t: Test, api: string, query: Query): Promise<number> {
  const alertCount = (readFileSync(ALERTS, 'utf8').match(/^\s+- alert: /gm) ?? []).length;
  let rules: Rule[] = [];
  await eventually('every rule evaluated', async () => {
    const r = (await (await fetch(`${api}/api/v1/rules`)).json()) as { data: { groups: Array<{ rules: Rule[] }> } };
    rules = r.data.groups.flatMap((g) => g.rules);
    return rules.length === alertCount && rules.every((rule) => !rule.lastEvaluation.startsWith('0001-'));
  }, 15_000, 500);
  t.equal(rules.length, alertCount, `Prometheus loaded all ${alertCount} alert rules`);
  for (const rule of rules) {
    t.equal(rule.health, 'ok', `alert ${rule.name} evaluates (health ${rule.health}${rule.lastError ? `: ${rule.lastError}` : ''})`);
    const r = await query(rule.query);
    t.equal(r.status, 'success', `alert ${rule.name}: ${rule.query} → ${r.data?.result?.length ?? 0} series (${rule.state})`);
  }
  t.ok(rules.filter((r) => r.state === 'firing').every((r) => r.name !== 'RaftbusNoLeader'), 'a healthy cluster does not fire RaftbusNoLeader');
  return rules.length;
}

async function stopProcess(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => p.once('exit', () => resolve()));
  p.kill('SIGTERM');
  const timer = setTimeout(() => p.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}
