import t from 'tap';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

t.test('the README example runs (it is plain JavaScript as well as TypeScript) and prints the decoded message', async (t) => {
  const readme = readFileSync(`${packageDir}README.md`, 'utf8');
  const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  t.ok(example, 'the README starts with a ts example');
  // Inside the package, so `@raftbus/transport-zeromq` resolves to the built package.
  const file = `${packageDir}.readme-example-${process.pid}.mjs`;
  writeFileSync(file, example!);
  t.teardown(() => rmSync(file, { force: true }));
  const run = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 15_000 });
  t.equal(run.status, 0, `exit code 0 ${run.stderr}`);
  t.match(run.stdout, /heartbeat 17/);
});
