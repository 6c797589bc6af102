#!/usr/bin/env node
import { Command } from 'commander';
import { ConfigError } from './config.js';
import { addClientCommands } from './commands/client.js';
import { startCommand } from './commands/start.js';
import { upCommand } from './commands/up.js';

const program = new Command('raftbus').description('Replicated state machines on Raft: run nodes, local clusters, and talk to them').showHelpAfterError();

program
  .command('start')
  .description('run one node (ZeroMQ peer transport, RocksDB log, HTTP API)')
  .option('--config <file>', 'JSON config file (flags override it)')
  .option('--id <id>', "this node's id")
  .option('--cluster <members>', 'every member: n1=tcp://127.0.0.1:7001,n2=…')
  .option('--data <dir>', "this node's data directory")
  .option('--http <host:port>', 'HTTP API address (binds 127.0.0.1 unless told otherwise)')
  .option('--client <tcp://host:port>', 'serve @raftbus/client (ZeroMQ) at this address')
  .option('--app <name|path>', 'counter, kv-store, lock-service, or a module exporting `definition`')
  .option('--http-peers <members>', "every member's HTTP URL, for /v1/cluster: n1=http://127.0.0.1:8001,…")
  .option('--token <token>', 'require this bearer token on every HTTP request (or RAFTBUS_TOKEN)')
  .option('--tick-ms <ms>', 'milliseconds per Raft tick (default 100)')
  .option('--election-ticks <n>', 'election timeout in ticks (default 10)')
  .option('--snapshot-entries <n>', 'snapshot every n applied entries (default 100000)')
  .option('--log-level <level>', 'trace, debug, info, warn, error, fatal, silent (default info)')
  .action(async (flags) => {
    await startCommand(flags);
  });

program
  .command('up')
  .description('run a local cluster of child processes on loopback; Ctrl-C stops it')
  .option('--nodes <n>', 'how many nodes (1–7)', '3')
  .option('--app <name|path>', 'the app every node runs', 'lock-service')
  .option('--base-port <port>', 'peer ports are base+1 … base+n', '7000')
  .option('--http-base-port <port>', 'HTTP ports are base+1 … base+n', '8000')
  .option('--host <host>', 'loopback address to use', '127.0.0.1')
  .option('--data <dir>', 'data and log directory', '.raftbus')
  .option('--tick-ms <ms>', 'milliseconds per Raft tick')
  .option('--token <token>', 'bearer token required by every node')
  .action(async (flags) => {
    await upCommand(flags);
  });

addClientCommands(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(`raftbus: ${err.message}`);
    process.exit(2);
  }
  console.error(`raftbus: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
