/** An assertion's optional message, typed as tap types it (`[] | [string]`), so tap's `Test` fits. */
export type AssertionMessage = [] | [message: string];

/**
 * The slice of a TAP-style test object that the compliance suites use. tap's `Test` satisfies it, so a suite
 * runs as `suite({ test: (name, fn) => t.test(name, fn), factory })`; other runners need only an adapter.
 */
export interface SuiteTest {
  equal(found: unknown, wanted: unknown, ...message: AssertionMessage): unknown;
  same(found: unknown, wanted: unknown, ...message: AssertionMessage): unknown;
  ok(value: unknown, ...message: AssertionMessage): unknown;
  fail(...message: AssertionMessage): unknown;
}

/** Registers one named case; the runner awaits the returned promise. */
export type SuiteTestFunction = (name: string, fn: (t: SuiteTest) => Promise<void>) => unknown;

/** Error fields a case expects; errors are matched by their stable `code`, never by class identity. */
export type ExpectedError = { readonly code: string } & Readonly<Record<string, unknown>>;

/**
 * Asserts that `action` rejects with an error carrying every field of `expected`. Matching by `code` keeps a
 * suite correct when the store and the suite load two copies of @raftbus/core (src under ts-node, dist).
 */
export async function expectRejects(
  t: SuiteTest,
  action: () => Promise<unknown>,
  expected: ExpectedError,
  message: string,
): Promise<Error | undefined> {
  try {
    await action();
  } catch (error) {
    if (!(error instanceof Error)) {
      t.fail(`${message}: rejected with a non-Error ${String(error)}`);
      return undefined;
    }
    const fields = error as unknown as Record<string, unknown>;
    const mismatches = Object.entries(expected).filter(([key, value]) => fields[key] !== value);
    t.same(
      mismatches.map(([key]) => `${key}=${String(fields[key])}`),
      [],
      `${message}: ${error.message}`,
    );
    return error;
  }
  t.fail(`${message}: resolved, expected a rejection with code ${expected.code}`);
  return undefined;
}
