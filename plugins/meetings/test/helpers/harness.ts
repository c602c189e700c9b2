import {
  cliCommandsRef,
  meetingsServiceRef,
  scrapersRef,
  type BusEvent,
  type CheckResult,
  type CliCommand,
  type MeetingEvent,
  type MeetingsService,
  type PluginInstance,
  type PluginStore,
  type Scraper,
} from '@encoder-manager/sdk';
import {
  bindService,
  createTestContext,
  FakeClock,
  type ServiceBinding,
  type TestContext,
} from '@encoder-manager/sdk/testing';
import { createAjv, validateWith } from '../../../../core/src/config/ajv.js';
import meetingsPlugin, {
  configSchema,
  createMeetingsRuntime,
  type MeetingsConfig,
  type MeetingsRuntime,
} from '../../src/index.js';
import { testJsonScraperPlugin } from './json-scraper.js';

const ajv = createAjv();

/** Validates and defaults a raw config exactly as the host does; throws with ajv's errors. */
export function hostConfig(raw: unknown): MeetingsConfig {
  const copy: unknown = structuredClone(raw);
  const errors = validateWith(ajv, configSchema, copy);
  if (errors.length > 0) throw new Error(`invalid config: ${ajv.errorsText(errors)}`);
  return copy as MeetingsConfig;
}

/** The scrapers the test scraper plugin provides, from its own setup. */
export async function testScrapers(): Promise<Scraper[]> {
  const t = createTestContext({ name: 'scraper-test-json' });
  await testJsonScraperPlugin.setup(t.ctx, {});
  const scrapers = (t.provided.get(scrapersRef.id) ?? []) as Scraper[];
  await t.stop();
  return scrapers;
}

/** The meetings plugin set up on a test context, with handles on what it provided. */
export interface Harness {
  readonly t: TestContext<FakeClock>;
  readonly clock: FakeClock;
  readonly service: MeetingsService;
  readonly command: CliCommand;
  readonly instance: PluginInstance;
  /** `meeting.changed` payloads so far. */
  changes(): MeetingEvent[];
  /** Events of one name so far. */
  named(name: BusEvent['name']): BusEvent[];
  /** `check.result` payloads of one check so far. */
  results(check: string): CheckResult[];
  stop(): Promise<void>;
}

/** Options for {@link startMeetings}. */
export interface HarnessOptions {
  readonly now?: number;
  /** Share a clock with other plugins under test; default a new FakeClock at `now`. */
  readonly clock?: FakeClock;
  readonly scrapers?: readonly Scraper[];
  readonly services?: readonly ServiceBinding[];
  /** Also call `ready()` (schedules the jobs). Default false: tests call the service directly. */
  readonly ready?: boolean;
}

/** Validates the config, sets the plugin up on a FakeClock, and optionally runs `ready()`. */
export async function startMeetings(
  store: PluginStore,
  rawConfig: unknown,
  options: HarnessOptions = {},
): Promise<Harness> {
  const t = await testContext(store, options);
  const instance = (await meetingsPlugin.setup(t.ctx, hostConfig(rawConfig))) ?? {};
  if (options.ready) await instance.ready?.();
  const [service] = (t.provided.get(meetingsServiceRef.id) ?? []) as MeetingsService[];
  const [command] = (t.provided.get(cliCommandsRef.id) ?? []) as CliCommand[];
  if (!service || !command) throw new Error('meetings did not provide its service and CLI command');
  return observe(t, { service, command, instance });
}

/** The plugin's runtime on a test context, for tests that drive the live check tick by tick. */
export async function startRuntime(
  store: PluginStore,
  rawConfig: unknown,
  options: HarnessOptions = {},
): Promise<Harness & { readonly runtime: MeetingsRuntime }> {
  const t = await testContext(store, options);
  const runtime = createMeetingsRuntime(t.ctx, hostConfig(rawConfig));
  return { ...observe(t, { service: runtime.core, command: runtime.command, instance: {} }), runtime };
}

async function testContext(store: PluginStore, options: HarnessOptions): Promise<TestContext<FakeClock>> {
  const clock = options.clock ?? new FakeClock(options.now ?? Date.UTC(2026, 3, 1, 12));
  const scrapers = options.scrapers ?? (await testScrapers());
  return createTestContext({
    name: 'meetings',
    version: '0.1.0',
    clock,
    store,
    services: [...scrapers.map((s) => bindService(scrapersRef, s)), ...(options.services ?? [])],
  });
}

function observe(
  t: TestContext<FakeClock>,
  parts: { service: MeetingsService; command: CliCommand; instance: PluginInstance },
): Harness {
  const named = (name: BusEvent['name']) => t.events.filter((e) => e.name === name);
  return {
    t,
    clock: t.clock,
    ...parts,
    changes: () => named('meeting.changed').map((e) => e.payload as MeetingEvent),
    named,
    results: (check) =>
      named('check.result')
        .map((e) => e.payload as CheckResult)
        .filter((r) => r.check === check),
    stop: async () => {
      await parts.instance.stop?.();
      await t.stop();
    },
  };
}

/**
 * Awaits work that mixes real I/O (the local HTTP server) with waits on the FakeClock (timeouts,
 * backoff): lets 10 ms of real time pass, then advances the fake clock by `stepMs`, until the work is
 * done. A reply that takes real time therefore costs fake time too (10 fake seconds per real second
 * by default), so tests that expect replies use timeouts far above that. Bounded by `maxSteps`.
 */
export async function settle<T>(
  work: Promise<T>,
  clock: FakeClock,
  stepMs = 100,
  maxSteps = 1000,
): Promise<T> {
  let done = false;
  const tracked = work.finally(() => {
    done = true;
  });
  // Observed below; this only keeps Node from flagging a rejection that arrives mid-loop.
  tracked.catch(() => undefined);
  for (let step = 0; step < maxSteps && !done; step += 1) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    if (!done) await clock.advance(stepMs);
  }
  if (!done) throw new Error(`settle: work not done after ${maxSteps} steps`);
  return tracked;
}
