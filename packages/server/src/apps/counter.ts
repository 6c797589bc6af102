import { counter, type AddCommand, type GetQuery } from '@raftbus/example-counter';
import { sessionOf } from '../http/session.js';
import { num, object, str } from '../http/validate.js';
import { readConsistency, type ServerApp } from './app.js';

const NAME_LENGTH_MAX = 256;

export const counterApp: ServerApp<AddCommand, number, GetQuery, number> = {
  name: 'counter',
  definition: counter,
  routes(router, node) {
    router.post('/v1/counters/:name/add', async (req) => {
      const name = str(req.params, 'name', { maxLength: NAME_LENGTH_MAX });
      const delta = num(object(req.body), 'delta')!;
      const value = await node.propose({ name, delta }, { session: sessionOf(req) });
      return { body: { value } };
    });
    router.get('/v1/counters/:name', async (req) => {
      const name = str(req.params, 'name', { maxLength: NAME_LENGTH_MAX });
      return { body: { value: await node.read({ name }, { consistency: readConsistency(req.query) }) } };
    });
  },
};
