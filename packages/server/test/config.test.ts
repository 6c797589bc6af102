import t from 'tap';
import { ConfigError, parseNodeConfig } from '../src/config.js';

const good = { id: 'n1', cluster: 'n1=tcp://127.0.0.1:7001,n2=tcp://127.0.0.1:7002,n3=tcp://127.0.0.1:7003', data: './d', http: '127.0.0.1:8001', app: 'lock-service' };

t.test('a good configuration parses, with defaults', async (t) => {
  const c = parseNodeConfig(good);
  t.same(Object.keys(c.cluster), ['n1', 'n2', 'n3']);
  t.equal(c.tickMs, 100);
  t.equal(c.electionTicks, 10);
});

t.test('a bad configuration names the field and what is wrong', async (t) => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ ...good, id: undefined }, 'id'],
    [{ ...good, id: 'n 1' }, 'id'],
    [{ ...good, id: 'n9' }, 'cluster'],
    [{ ...good, cluster: 'n1=http://x:1' }, 'cluster.n1'],
    [{ ...good, cluster: 'n1' }, 'cluster'],
    [{ ...good, cluster: 'n1=tcp://a:1,n1=tcp://b:2' }, 'cluster'],
    [{ ...good, http: 'nowhere' }, 'http'],
    [{ ...good, tickMs: 0 }, 'tickMs'],
    [{ ...good, tickMs: 'fast' }, 'tickMs'],
    [{ ...good, electionTicks: 1 }, 'electionTicks'],
    [{ ...good, token: 'short' }, 'token'],
    [{ ...good, logLevel: 'loud' }, 'logLevel'],
    [{ ...good, data: '' }, 'data'],
    [{ ...good, httpPeers: 'n1=ftp://x' }, 'httpPeers.n1'],
  ];
  for (const [raw, field] of cases) {
    try {
      parseNodeConfig(raw);
      t.fail(`accepted a bad ${field}`);
    } catch (e) {
      t.type(e, ConfigError);
      t.equal((e as ConfigError).field, field, (e as Error).message);
    }
  }
});
