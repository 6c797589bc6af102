// Docs that run: the first ```js block of every package's and example's README is executed with node
// from that package's folder (so its imports resolve as a user's would) and must exit 0.
import t from 'tap';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../', import.meta.url).pathname;
const folders = ['packages', 'examples'].flatMap((top) =>
  existsSync(join(root, top)) ? readdirSync(join(root, top)).map((d) => join(root, top, d)) : [],
);

for (const dir of folders) {
  const readme = join(dir, 'README.md');
  if (!existsSync(readme)) continue;
  const block = /```js\n([\s\S]*?)```/.exec(readFileSync(readme, 'utf8'))?.[1];
  if (!block) continue;
  t.test(`the example at the top of ${dir.slice(root.length)}/README.md runs`, async (t) => {
    const file = join(dir, '.readme-example.mjs');
    writeFileSync(file, block);
    t.teardown(() => rmSync(file, { force: true }));
    const out = execFileSync(process.execPath, [file], { cwd: dir, timeout: 60_000, encoding: 'utf8' });
    t.pass(`exited 0; printed ${out.trim().split('\n').length} line(s)`);
  });
}
