import t from 'tap';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePorts } from './helpers.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

t.test('the README example runs (it is plain JavaScript as well as TypeScript) and the process exits', async (t) => {
  const readme = readFileSync(`${packageDir}README.md`, 'utf8');
  const example = /```ts\n([\s\S]*?)```/.exec(readme)?.[1];
  t.ok(example, 'the README starts with a ts example');
  // Inside the package, so `@raftbus/transport-zeromq` resolves to the built package.
  const file = `${packageDir}.readme-example-${process.pid}.mjs`;
  // The example's fixed ports are swapped for free ones, so parallel runs cannot collide.
  const [p1, p2] = await freePorts(2);
  writeFileSync(file, example!.replace(':7101', `:${p1}`).replace(':7102', `:${p2}`));
  t.teardown(() => rmSync(file, { force: true }));
  const run = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 15_000 });
  t.equal(run.status, 0, `exit code 0 ${run.stderr}`);
  t.match(run.stdout, /n2 got heartbeat from n1, commit 5/);
});
