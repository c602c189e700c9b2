import { EmError, type ErrorCode } from '@encoder-manager/sdk';
import { check } from './conformance.js';

/** Something that should fail: a function (it may throw synchronously or return a promise) or a promise. */
export type Failing = (() => unknown) | Promise<unknown>;

/**
 * The `EmError` that `run` throws or rejects with. Fails (with a plain Error every test runner
 * reports) when it completes normally or fails with anything other than an EmError.
 */
export async function emErrorOf(run: Failing): Promise<EmError> {
  let error: unknown;
  try {
    await (typeof run === 'function' ? run() : run);
  } catch (thrown) {
    error = thrown;
  }
  check(error !== undefined, 'expected an EmError, but nothing was thrown');
  check(error instanceof EmError, `expected an EmError, got ${describeThrown(error)}`);
  return error;
}

/**
 * Asserts that `run` fails with an `EmError` of `code` whose message contains every fragment, and
 * returns that error for further checks (hint, details).
 */
export async function expectEmError(run: Failing, code: ErrorCode, ...fragments: string[]): Promise<EmError> {
  const error = await emErrorOf(run);
  check(error.code === code, `expected ${code}, got ${error.code}: ${error.message}`);
  for (const fragment of fragments) {
    check(
      error.message.includes(fragment),
      `expected the ${code} message to contain "${fragment}": ${error.message}`,
    );
  }
  return error;
}

function describeThrown(value: unknown): string {
  return value instanceof Error
    ? `${value.name}: ${value.message}`
    : (JSON.stringify(value) ?? String(value));
}
