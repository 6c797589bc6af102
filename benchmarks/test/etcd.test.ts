// The etcd comparison's pure parts: the Go generator's summary line, how many puts a run gets, tool lookup.
import t from 'tap';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findEtcdTools, parseEtcdbenchLine, putsFor } from '../src/etcd.js';

t.test('the summary line the generator prints is parsed into numbers', async (t) => {
  t.same(parseEtcdbenchLine('conc=256 puts/s=11873 p50_us=20154 p99_us=48211\n'), { conc: 256, putsPerSecond: 11873, p50Us: 20154, p99Us: 48211 });
  t.same(parseEtcdbenchLine('conc=1 puts/s=1052.5 p50_us=871 p99_us=2210'), { conc: 1, putsPerSecond: 1052.5, p50Us: 871, p99Us: 2210 }, 'a fractional rate');
  const noisy = '{"level":"warn","msg":"retrying of unary invoker failed"}\nconc=16 puts/s=6012 p50_us=2480 p99_us=7013\n';
  t.same(parseEtcdbenchLine(noisy), { conc: 16, putsPerSecond: 6012, p50Us: 2480, p99Us: 7013 }, 'found among log lines');
});

t.test('output without a summary line parses to null', async (t) => {
  t.equal(parseEtcdbenchLine(''), null);
  t.equal(parseEtcdbenchLine('panic: context deadline exceeded'), null);
  t.equal(parseEtcdbenchLine('conc=16 puts/s= p50_us=1 p99_us=2'), null, 'a missing figure');
});

t.test('each run is sized to about the level time at the rate etcd reaches, within bounds', async (t) => {
  t.equal(putsFor(1, 5), 5500, 'sequential: ~1.1k/s');
  t.equal(putsFor(256, 5), 60_000, '256 clients: capped at ~12k/s');
  t.ok(putsFor(16, 5) > putsFor(1, 5) && putsFor(16, 5) < putsFor(256, 5), 'grows with the clients');
  t.equal(putsFor(256, 0.01), 1024, 'at least 4 puts per client');
});

t.test('a missing tool is named, never thrown', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'raftbus-bench-test-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const oldPath = process.env.PATH;
  t.teardown(() => void (process.env.PATH = oldPath));
  process.env.PATH = dir;
  const noEtcd = findEtcdTools({ etcdbenchPath: join(dir, 'etcdbench'), peerBenchDir: dir });
  t.match(noEtcd, { missing: /etcd is not on PATH/ });
  writeFileSync(join(dir, 'etcd'), '#!/bin/sh\n', { mode: 0o755 });
  writeFileSync(join(dir, 'etcd-cluster.sh'), '#!/bin/sh\n', { mode: 0o755 });
  t.match(findEtcdTools({ etcdbenchPath: join(dir, 'etcdbench'), peerBenchDir: dir }), { missing: /load generator .*etcdbench is missing/ });
  writeFileSync(join(dir, 'etcdbench'), '#!/bin/sh\n', { mode: 0o755 });
  t.same(findEtcdTools({ etcdbenchPath: join(dir, 'etcdbench'), peerBenchDir: dir }), { etcd: join(dir, 'etcd'), etcdbench: join(dir, 'etcdbench'), script: join(dir, 'etcd-cluster.sh') });
});
