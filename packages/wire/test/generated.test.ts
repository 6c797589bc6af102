import t from 'tap';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../..');

t.test('the committed generated code matches raftbus.proto (run `npm run gen:proto` after editing it)', async (t) => {
  const outDir = mkdtempSync(join(tmpdir(), 'raftbus-gen-'));
  t.teardown(() => rmSync(outDir, { recursive: true, force: true }));
  const run = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'gen-proto.mjs'), outDir], { encoding: 'utf8' });
  t.equal(run.status, 0, `gen-proto exits 0 (${run.stderr.trim()})`);
  for (const file of ['raftbus.js', 'raftbus.d.ts']) {
    const fresh = readFileSync(join(outDir, file), 'utf8');
    const committed = readFileSync(join(repoRoot, 'packages', 'wire', 'gen', file), 'utf8');
    t.ok(fresh === committed, `gen/${file} is up to date`);
  }
});
