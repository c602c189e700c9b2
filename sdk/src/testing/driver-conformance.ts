import { CAPABILITIES, OUTPUT_STATES, type EncoderDriver, type EncoderSample } from '../index.js';
import { check, registerWithMocha, type ConformanceCase } from './conformance.js';

/** Faults every driver simulator supports, so the conformance suite can provoke them. */
export type SimulatorFault = 'garbled' | 'slow' | 'auth-expiry' | 'ignore-commands';

/** A running simulator as the conformance suite drives it. */
export interface DriverSimulatorHandle {
  /** Where the driver connects (http:// or ws:// base). */
  readonly url: string;
  /** Sets an output as if an operator pressed the button on the device. */
  setOutput(outputId: string, state: 'idle' | 'active'): void | Promise<void>;
  inject(fault: SimulatorFault): void | Promise<void>;
  clearFaults(): void | Promise<void>;
  close(): Promise<void>;
}

/** What the suite needs to know about a driver family. */
export interface DriverConformanceOptions {
  readonly family: string;
  startSimulator(): Promise<DriverSimulatorHandle>;
  /** A driver for the simulator, with the simulator's credentials or deliberately wrong ones. */
  createDriver(
    sim: DriverSimulatorHandle,
    credentials: 'valid' | 'invalid',
  ): EncoderDriver | Promise<EncoderDriver>;
  readonly streamOutput: string;
  /** `none` skips the credential cases; `session`/`challenge` add the expiry case. */
  readonly auth: 'none' | 'basic' | 'session' | 'challenge';
  /** The control confirmation deadline the driver is configured with (default 10 s). */
  readonly controlDeadlineMs?: number;
  /** The poll deadline used in the slow-reply case (default 1000 ms). */
  readonly slowPollDeadlineMs?: number;
  /**
   * Faults the family cannot honestly produce, each with the reason (e.g. a driver that reads local
   * state has no reply that could be slow). Their cases are not run; `describeDriverConformance`
   * lists them as pending with the reason, so the gap stays visible in the test output.
   */
  readonly notApplicable?: Partial<Record<SimulatorFault, string>>;
}

/** A case that provokes a fault, so it can be declared not applicable. */
type FaultCase = ConformanceCase & { readonly fault?: SimulatorFault };

const METRIC_CAPABILITY = {
  temperatureC: 'temperature',
  cpuPct: 'cpu',
  droppedFrames: 'droppedFrames',
  inputSignal: 'inputSignal',
} as const;

/** The standard driver tests, framework-agnostic: `{ name, run }` each; not-applicable cases left out. */
export function driverConformanceCases(options: DriverConformanceOptions): ConformanceCase[] {
  return allCases(options).filter((testCase) => !testCase.fault || !options.notApplicable?.[testCase.fault]);
}

/** The cases left out because their fault is declared not applicable, with the reason given. */
export function notApplicableCases(options: DriverConformanceOptions): { name: string; reason: string }[] {
  return allCases(options).flatMap((testCase) => {
    const reason = testCase.fault && options.notApplicable?.[testCase.fault];
    return reason ? [{ name: testCase.name, reason }] : [];
  });
}

function allCases(options: DriverConformanceOptions): FaultCase[] {
  const withDriver =
    (
      credentials: 'valid' | 'invalid',
      body: (driver: EncoderDriver, sim: DriverSimulatorHandle) => Promise<void>,
    ) =>
    async () => {
      const sim = await options.startSimulator();
      const driver = await options.createDriver(sim, credentials);
      try {
        await body(driver, sim);
      } finally {
        await driver.close?.();
        await sim.close();
      }
    };
  const poll = (driver: EncoderDriver, ms = 5000) => driver.poll(AbortSignal.timeout(ms));
  const cases: FaultCase[] = [
    {
      name: 'declares known capabilities only',
      run: withDriver('valid', async (driver) => {
        for (const capability of driver.capabilities)
          check(CAPABILITIES.includes(capability), `unknown capability ${capability}`);
        check(driver.family === options.family, `family is ${driver.family}, expected ${options.family}`);
      }),
    },
    {
      name: 'poll returns a well-formed sample',
      run: withDriver('valid', async (driver) => assertWellFormed(driver, await poll(driver))),
    },
    {
      name: 'maps the device states of the stream output',
      run: withDriver('valid', async (driver, sim) => {
        await sim.setOutput(options.streamOutput, 'active');
        const active = streamOf(await poll(driver), options.streamOutput);
        await sim.setOutput(options.streamOutput, 'idle');
        const idle = streamOf(await poll(driver), options.streamOutput);
        check(
          active.state === 'active' && idle.state === 'idle',
          `states were ${active.state}/${idle.state}, expected active/idle`,
        );
        check(active.raw !== idle.raw, 'raw device values must be kept, and differ between states');
      }),
    },
    {
      name: 'start and stop are confirmed by reading the state back',
      run: withDriver('valid', async (driver, sim) => {
        await sim.setOutput(options.streamOutput, 'idle');
        const started = await control(driver, 'start', options);
        check(
          started.confirmed && started.state === 'active',
          `start: confirmed=${started.confirmed} state=${started.state}`,
        );
        check(
          streamOf(await poll(driver), options.streamOutput).state === 'active',
          'poll after start is not active',
        );
        const stopped = await control(driver, 'stop', options);
        check(
          stopped.confirmed && stopped.state === 'idle',
          `stop: confirmed=${stopped.confirmed} state=${stopped.state}`,
        );
      }),
    },
    {
      name: 'an accepted command that never takes effect is not confirmed',
      fault: 'ignore-commands',
      run: withDriver('valid', async (driver, sim) => {
        await sim.setOutput(options.streamOutput, 'idle');
        await sim.inject('ignore-commands');
        const result = await control(driver, 'start', options);
        check(!result.confirmed, 'control() reported success although the device state never changed');
      }),
    },
    {
      name: 'a slow device yields EM_DRIVER_TIMEOUT within the deadline',
      fault: 'slow',
      run: withDriver('valid', async (driver, sim) => {
        await sim.inject('slow');
        const deadline = options.slowPollDeadlineMs ?? 1000;
        const started = Date.now();
        const sample = await driver.poll(AbortSignal.timeout(deadline)).catch((error: unknown) => error);
        check(
          Date.now() - started < deadline + 1000,
          `poll took ${Date.now() - started} ms with a ${deadline} ms deadline`,
        );
        if (isSample(sample))
          check(
            !sample.reachable && sample.error?.code === 'EM_DRIVER_TIMEOUT',
            `got ${JSON.stringify(sample.error)}`,
          );
      }),
    },
    {
      name: 'a garbled reply yields EM_DRIVER_PROTOCOL, not a throw',
      fault: 'garbled',
      run: withDriver('valid', async (driver, sim) => {
        await sim.inject('garbled');
        const sample = await poll(driver);
        check(
          !sample.reachable && sample.error?.code === 'EM_DRIVER_PROTOCOL',
          `got ${JSON.stringify(sample.error)}`,
        );
        await sim.clearFaults();
        check(
          (await poll(driver)).reachable,
          'the driver did not recover after the device answered properly again',
        );
      }),
    },
    {
      name: 'an unreachable device yields EM_DRIVER_UNREACHABLE quickly',
      run: async () => {
        const sim = await options.startSimulator();
        const driver = await options.createDriver(sim, 'valid');
        await sim.close();
        const started = Date.now();
        const sample = await poll(driver, 10_000);
        await driver.close?.();
        check(
          !sample.reachable && sample.error?.code === 'EM_DRIVER_UNREACHABLE',
          `got ${JSON.stringify(sample.error)}`,
        );
        check(Date.now() - started < 6000, `took ${Date.now() - started} ms`);
      },
    },
  ];
  return [...cases, ...authCases(options, withDriver, poll)];
}

function authCases(
  options: DriverConformanceOptions,
  withDriver: (
    c: 'valid' | 'invalid',
    body: (d: EncoderDriver, s: DriverSimulatorHandle) => Promise<void>,
  ) => () => Promise<void>,
  poll: (driver: EncoderDriver) => Promise<EncoderSample>,
): FaultCase[] {
  if (options.auth === 'none') return [];
  const wrong: ConformanceCase = {
    name: 'wrong credentials yield EM_DRIVER_AUTH',
    run: withDriver('invalid', async (driver) => {
      const sample = await poll(driver);
      check(
        !sample.reachable && sample.error?.code === 'EM_DRIVER_AUTH',
        `got ${JSON.stringify(sample.error)}`,
      );
    }),
  };
  if (options.auth === 'basic') return [wrong];
  return [
    wrong,
    {
      name: 'an expired session is renewed transparently',
      fault: 'auth-expiry',
      run: withDriver('valid', async (driver, sim) => {
        check((await poll(driver)).reachable, 'first poll failed');
        await sim.inject('auth-expiry');
        const sample = await poll(driver);
        check(sample.reachable, `after session expiry: ${JSON.stringify(sample.error)}`);
      }),
    },
  ];
}

async function control(driver: EncoderDriver, type: 'start' | 'stop', options: DriverConformanceOptions) {
  check(typeof driver.control === 'function', 'driver has no control()');
  const deadline = (options.controlDeadlineMs ?? 10_000) + 5000;
  return driver.control!({ type, outputId: options.streamOutput }, AbortSignal.timeout(deadline));
}

function assertWellFormed(driver: EncoderDriver, sample: EncoderSample): void {
  check(sample.encoderId === driver.id, `encoderId ${sample.encoderId} ≠ driver id ${driver.id}`);
  check(
    Number.isFinite(sample.at) && sample.reachable,
    `sample not reachable: ${JSON.stringify(sample.error)}`,
  );
  const ids = sample.outputs.map((output) => output.id);
  check(new Set(ids).size === ids.length, `duplicate output ids ${ids.join(',')}`);
  for (const output of sample.outputs) {
    check(
      OUTPUT_STATES.includes(output.state),
      `output ${output.id} state ${output.state} is not normalised`,
    );
    check(
      typeof output.raw === 'string' && output.raw.length > 0,
      `output ${output.id} lost the device's raw value`,
    );
  }
  for (const [metric, capability] of Object.entries(METRIC_CAPABILITY)) {
    const present = sample.metrics[metric as keyof typeof METRIC_CAPABILITY] !== undefined;
    check(
      present === driver.capabilities.includes(capability),
      `${metric} ${present ? 'reported without' : 'missing despite'} capability ${capability}`,
    );
  }
}

function streamOf(sample: EncoderSample, outputId: string) {
  const output = sample.outputs.find((candidate) => candidate.id === outputId);
  check(
    output !== undefined,
    `no output ${outputId} in ${JSON.stringify(sample.outputs)} (${JSON.stringify(sample.error)})`,
  );
  return output!;
}

function isSample(value: unknown): value is EncoderSample {
  return typeof value === 'object' && value !== null && 'reachable' in value;
}

/** Registers the driver conformance cases with mocha's global `describe`/`it`; not-applicable ones as pending. */
export function describeDriverConformance(options: DriverConformanceOptions): void {
  const title = `${options.family} driver conformance`;
  registerWithMocha(title, driverConformanceCases(options), 60_000);
  const skipped = notApplicableCases(options);
  const { describe, it } = globalThis as { describe?: PendingDescribe; it?: (title: string) => void };
  if (skipped.length === 0 || !describe || !it) return;
  describe(`${title}: not applicable`, () => {
    for (const { name, reason } of skipped) it(`${name} — not applicable: ${reason}`);
  });
}

type PendingDescribe = (title: string, body: () => void) => void;
