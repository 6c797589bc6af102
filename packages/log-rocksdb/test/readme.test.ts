import t from 'tap';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tempDir } from './helpers.js';

/** The README's first example is run exactly as written (it is plain JavaScript), twice over one store. */
t.test('the README example runs and recovers across runs', async (t) => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  t.ok(example, 'the README starts with a ts example');
  // Written beside the compiled scripts so '@raftbus/log-rocksdb' resolves through the workspace.
  const script = fileURLToPath(new URL('../scripts/dist/readme-example.mjs', import.meta.url));
  writeFileSync(script, example!);
  const cwd = tempDir('readme');
  t.teardown(() => {
    rmSync(script, { force: true });
    cwd.remove();
  });
  const first = execFileSync(process.execPath, [script], { cwd: cwd.path, encoding: 'utf8', timeout: 60_000 });
  const second = execFileSync(process.execPath, [script], { cwd: cwd.path, encoding: 'utf8', timeout: 60_000 });
  t.match(first, /index: 1,[\s\S]*term: 1/, 'the first run appends entry 1');
  t.match(second, /index: 2,[\s\S]*term: 1/, 'the second run recovers it and appends entry 2');
});
