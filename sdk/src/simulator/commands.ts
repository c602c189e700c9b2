/**
 * One control command of a simulator: gets the simulator and the words after the verb, and returns a
 * result to show, or nothing to show the simulator's status.
 */
export type SimulatorCommand<S> = (sim: S, args: readonly string[]) => unknown;

/** A simulator's control grammar: verb → command. */
export type SimulatorCommands<S> = Readonly<Record<string, SimulatorCommand<S>>>;

/** What a control command answers over HTTP or on a CLI's stdout: its result, or why it failed. */
export type CommandReply =
  { readonly ok: true; readonly result: unknown } | { readonly ok: false; readonly error: string };

/**
 * Runs one command line (`output stream active`, `fault slow` …) against `commands`. A command that
 * returns nothing answers with `sim.status()`. Throws a RangeError listing the verbs for an unknown one.
 */
export function runSimulatorCommand<S extends { status(): unknown }>(
  commands: SimulatorCommands<S>,
  sim: S,
  line: string,
): unknown {
  const [verb = '', ...args] = line.trim().split(/\s+/);
  const command = Object.hasOwn(commands, verb) ? commands[verb] : undefined;
  if (!command)
    throw new RangeError(`unknown command "${verb}"; commands: ${Object.keys(commands).join(', ')}`);
  return command(sim, args) ?? sim.status();
}

/** The controls every driver simulator has (those of the driver conformance handle, plus its status). */
export interface ControllableSimulator<F extends string> {
  /** Sets an output as if an operator pressed the button on the device. */
  setOutput(outputId: string, state: 'idle' | 'active'): unknown;
  /** Turns one fault on. */
  inject(fault: F): unknown;
  /** Ends every fault. */
  clearFaults(): unknown;
  /** The device state, shown by `status` and after a command that returns nothing. */
  status(): unknown;
}

/**
 * The commands every driver simulator answers: `help` (the given lines), `status`,
 * `output <id> <idle|active>` (as if the front-panel button was pressed), `fault <name>` (one of
 * `faults`) and `clear`. Spread them into a simulator's own command table.
 */
export function standardSimulatorCommands<F extends string, S extends ControllableSimulator<F>>(
  faults: readonly F[],
  help: readonly string[],
): SimulatorCommands<S> {
  return {
    help: () => help,
    status: (sim) => sim.status(),
    output: (sim, [id = '', state = '']) => sim.setOutput(id, oneOf(state, ['idle', 'active'], 'state')),
    fault: (sim, [name = '']) => sim.inject(oneOf(name, faults, 'fault')),
    clear: (sim) => sim.clearFaults(),
  };
}

/** Runs `run(line)` and wraps the outcome as a {@link CommandReply}; a thrown error becomes its message. */
export function commandReply(run: (line: string) => unknown, line: string): CommandReply {
  try {
    return { ok: true, result: run(line) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * `value` when it is one of `allowed`; otherwise a RangeError `<name> must be one of a, b; got "x"`.
 * Serves command arguments and CLI flags alike (`name` is then the flag, e.g. `--model`).
 */
export function oneOf<const T extends string>(value: string, allowed: readonly T[], name: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new RangeError(`${name} must be one of ${allowed.join(', ')}; got "${value}"`);
}

/** Bounds for {@link numberArg}. */
export interface NumberArgOptions {
  /** The smallest value accepted (inclusive); default: no bound. */
  readonly min?: number;
}

/** A command argument that must be a finite number (≥ `min` when given); a RangeError naming it otherwise. */
export function numberArg(value: string | undefined, name: string, options: NumberArgOptions = {}): number {
  const { min } = options;
  const number = Number(value);
  const valid = value !== undefined && value.trim() !== '' && Number.isFinite(number);
  if (!valid || (min !== undefined && number < min)) {
    const bound = min === undefined ? '' : ` ≥ ${min}`;
    throw new RangeError(`${name} must be a number${bound}; got "${value ?? ''}"`);
  }
  return number;
}
