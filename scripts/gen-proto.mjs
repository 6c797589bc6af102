#!/usr/bin/env node
// Generates the protobufjs static code of @raftbus/wire from packages/wire/proto/raftbus.proto.
// Usage: node scripts/gen-proto.mjs [outDir]   (default: packages/wire/gen)
// The output is committed; packages/wire/test/generated.test.ts regenerates into a temporary
// directory and fails when the committed files differ, so the schema and the code cannot drift.
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const wireRoot = join(repoRoot, 'packages', 'wire');
const outDir = resolve(process.argv[2] ?? join(wireRoot, 'gen'));
const protoFile = join(wireRoot, 'proto', 'raftbus.proto');
// Resolved from the wire package, which declares protobufjs-cli as a devDependency.
const pbjsBin = createRequire(join(wireRoot, 'package.json')).resolve('protobufjs-cli/bin/pbjs');

mkdirSync(outDir, { recursive: true });
const args = [
  pbjsBin,
  '--target', 'static-module',
  '--wrap', 'esm',
  '--es6',
  // Wrappers in src/ convert explicitly; the reflection helpers would only be dead code.
  '--no-verify', '--no-convert', '--no-delimited', '--no-typeurl', '--no-service',
  '--out', join(outDir, 'raftbus.js'),
  '--dts',
  // Relative to the working directory below, so the generated comments name no machine-specific path.
  join('proto', 'raftbus.proto'),
];
const result = spawnSync(process.execPath, args, { cwd: wireRoot, stdio: 'inherit' });
if (result.status !== 0) {
  console.error(`gen-proto: pbjs failed on ${protoFile} (exit ${result.status ?? result.signal})`);
  process.exit(1);
}
console.log(`gen-proto: wrote ${join(outDir, 'raftbus.js')} and raftbus.d.ts`);
