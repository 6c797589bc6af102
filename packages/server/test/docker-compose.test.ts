// docker-compose.yml must be a valid Compose file (there is no Docker engine on CI to run it), and its
// nodes must agree with deploy/cluster.json and the Prometheus scrape targets.
import t from 'tap';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseNodeConfig } from '../src/config.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const hasCompose = spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0;

t.test('docker-compose config -q accepts docker-compose.yml', { skip: hasCompose ? false : 'docker-compose is not installed (apt-get install docker-compose): skipped' }, async (t) => {
  const r = spawnSync('docker-compose', ['config', '-q'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  t.equal(r.status, 0, `docker-compose config -q${r.status === 0 ? '' : `\n${r.stdout}${r.stderr}`}`);
  const services = spawnSync('docker-compose', ['config', '--services'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 }).stdout.trim().split('\n').sort();
  t.same(services, ['grafana', 'node1', 'node2', 'node3', 'node4', 'node5', 'prometheus'], 'five nodes, Prometheus and Grafana');
});

t.test('every compose node starts with a valid config, and Prometheus scrapes each one', async (t) => {
  const compose = readFileSync(`${ROOT}docker-compose.yml`, 'utf8');
  const cluster = JSON.parse(readFileSync(`${ROOT}deploy/cluster.json`, 'utf8')) as Record<string, unknown> & { cluster: Record<string, string> };
  const ids = [...compose.matchAll(/"--id", "(n\d)"/g)].map((m) => m[1]!);
  t.same(ids, ['n1', 'n2', 'n3', 'n4', 'n5']);
  for (const [k, id] of ids.entries()) {
    const cfg = parseNodeConfig({ ...cluster, id });
    t.equal(cfg.http, '0.0.0.0:8080', `${id}: HTTP on every interface of its container`);
    // ZeroMQ binds the node's own address: it must be the fixed address compose gives the container.
    const ip = /tcp:\/\/([\d.]+):/.exec(cfg.cluster[id]!)![1];
    t.match(compose, new RegExp(`node${k + 1}:[\\s\\S]*?ipv4_address: ${ip.replaceAll('.', '\\.')}`), `${id} runs at ${ip}`);
  }
  const scrape = readFileSync(`${ROOT}monitoring/prometheus/prometheus-compose.yml`, 'utf8');
  for (let k = 1; k <= 5; k++) t.match(scrape, `'node${k}:8080'`, `Prometheus scrapes node${k}`);
});
