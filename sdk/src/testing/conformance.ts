/** One framework-agnostic conformance test. */
export interface ConformanceCase {
  readonly name: string;
  run(): Promise<void>;
}

/** Throws a plain Error (every runner reports it) when the condition is false. */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

type Describe = (title: string, body: (this: { timeout(ms: number): void }) => void) => void;
type It = (title: string, body: () => Promise<void>) => void;

/** Registers cases with mocha's globals, when the runner is mocha. */
export function registerWithMocha(title: string, cases: readonly ConformanceCase[], timeoutMs: number): void {
  const globals = globalThis as { describe?: Describe; it?: It };
  const { describe, it } = globals;
  if (!describe || !it)
    throw new Error(
      'describe/it are not defined: call the *ConformanceCases() function with your test runner',
    );
  describe(title, function () {
    this.timeout(timeoutMs);
    for (const testCase of cases) it(testCase.name, () => testCase.run());
  });
}
