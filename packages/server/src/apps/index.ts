import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StateMachineDefinition } from '@raftbus/state-machine';
import { ConfigError } from '../config.js';
import { sessionOf } from '../http/session.js';
import { object } from '../http/validate.js';
import { readConsistency, type AnyServerApp } from './app.js';
import { counterApp } from './counter.js';
import { kvStoreApp } from './kv-store.js';
import { lockServiceApp } from './lock-service.js';

export const BUILT_IN_APPS: Readonly<Record<string, AnyServerApp>> = {
  counter: counterApp,
  'kv-store': kvStoreApp,
  'lock-service': lockServiceApp,
};

/**
 * A user's state machine module: it exports `definition` (a StateMachineDefinition with codecs that take
 * JSON-shaped values) and optionally `routes(router, node)` for its own HTTP API. Without routes it is
 * served at POST /v1/commands {"command"} and POST /v1/queries {"query"}.
 */
export async function loadApp(name: string): Promise<AnyServerApp> {
  const builtIn = BUILT_IN_APPS[name];
  if (builtIn) return builtIn;
  if (!name.includes('/') && !name.includes('.')) {
    throw new ConfigError('app', `"${name}" is neither a built-in app (${Object.keys(BUILT_IN_APPS).join(', ')}) nor a module path`);
  }
  let mod: { definition?: StateMachineDefinition<unknown, unknown, unknown, unknown>; routes?: AnyServerApp['routes'] };
  try {
    mod = (await import(pathToFileURL(resolve(name)).href)) as typeof mod;
  } catch (e) {
    throw new ConfigError('app', `cannot load module ${name}: ${(e as Error).message}`);
  }
  const def = mod.definition;
  if (!def || typeof def.create !== 'function' || !def.commandCodec || !def.resultCodec || !def.queryCodec || !def.queryResultCodec) {
    throw new ConfigError('app', `${name} must export "definition": a StateMachineDefinition (name, create, four codecs)`);
  }
  return {
    name: def.name,
    definition: def,
    routes(router, node) {
      mod.routes?.(router, node);
      router.post('/v1/commands', async (req) => ({ body: { result: await node.propose(object(req.body)['command'], { session: sessionOf(req) }) } }));
      router.post('/v1/queries', async (req) => ({ body: { result: await node.read(object(req.body)['query'], { consistency: readConsistency(req.query) }) } }));
    },
  };
}
