/** A request the dashboard offers to send, editable before it goes. */
export interface TestCommand {
  readonly method: 'POST' | 'PUT' | 'DELETE';
  readonly path: string;
  readonly body: unknown;
}

/** One harmless command per built-in app; a module app gets the generic endpoint with an empty command. */
const BY_APP: Readonly<Record<string, TestCommand>> = {
  counter: { method: 'POST', path: '/v1/counters/dashboard/add', body: { delta: 1 } },
  'kv-store': { method: 'PUT', path: '/v1/kv/dashboard', body: { value: 'hello from the dashboard' } },
  'lock-service': { method: 'POST', path: '/v1/locks/dashboard/acquire', body: { owner: 'dashboard', ttlMs: 5000 } },
};

export function testCommandFor(app: string): TestCommand {
  return BY_APP[app] ?? { method: 'POST', path: '/v1/commands', body: { command: {} } };
}
