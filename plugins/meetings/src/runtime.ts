import { encoderDriversRef, scrapersRef, type CliCommand, type PluginContext } from '@encoder-manager/sdk';
import { loadCatalog } from './catalog/load.js';
import { resolveSources } from './catalog/resolve.js';
import { meetingsCommand } from './cli/command.js';
import { DEFAULTS, type MeetingsConfig } from './config.js';
import { LiveWatcher } from './live/watcher.js';
import { MeetingsCore } from './service.js';
import type { ScrapeDeps } from './scrape/deps.js';
import { liveLinks, scrapeSettings, type ScrapeSettings } from './settings.js';
import { MeetingsTable } from './store/meetings-table.js';
import { RunsTable } from './store/runs-table.js';
import { SourcesTable } from './store/sources-table.js';

/** How often due bodies are looked for; each body keeps its own interval. */
const SCRAPE_TICK_MS = 60_000;
/** A scheduled scrape of every due body may take this long before it is aborted. */
const SCRAPE_RUN_TIMEOUT_MS = 30 * 60_000;
const PRE_ROLL_START_TIMEOUT_MS = 60_000;

/** The plugin's parts, wired to one context. Exported so tests can drive the live check tick by tick. */
export interface MeetingsRuntime {
  readonly core: MeetingsCore;
  readonly watcher: LiveWatcher;
  readonly command: CliCommand;
  /** Subscribes to `stream.state` and schedules the scrape and live-check jobs (the plugin's `ready`). */
  start(): void;
}

/** Builds the runtime from a validated config; throws EM_CONFIG_INVALID for what the schema cannot check. */
export function createMeetingsRuntime(ctx: PluginContext, config: MeetingsConfig): MeetingsRuntime {
  const settings = scrapeSettings(config, ctx.plugin.version);
  const entries = resolveSources(loadCatalog(), config, settings.intervalMin);
  const meetings = new MeetingsTable(ctx.store);
  const core = new MeetingsCore(scrapeDeps(ctx, settings, meetings), entries, ctx.signal);
  const liveMs = (config.liveCheckSec ?? DEFAULTS.liveCheckSec) * 1000;
  const watcher = createWatcher(ctx, config, meetings, settings, liveMs);
  const start = () => {
    ctx.bus.on('stream.state', (event) => watcher.onStreamState(event));
    const scrapeJob = { intervalMs: SCRAPE_TICK_MS, jitterMs: 5_000, timeoutMs: SCRAPE_RUN_TIMEOUT_MS };
    ctx.schedule.every('scrape', scrapeJob, async (signal) => void (await core.scrapeDue(signal)));
    ctx.schedule.every('live-check', { intervalMs: liveMs }, () => watcher.tick());
    const enabled = entries.filter((entry) => entry.enabled).length;
    ctx.log.info({ sources: enabled, links: config.links?.length ?? 0 }, 'meeting schedules ready');
  };
  return { core, watcher, command: meetingsCommand(core), start };
}

function scrapeDeps(ctx: PluginContext, settings: ScrapeSettings, meetings: MeetingsTable): ScrapeDeps {
  return {
    store: ctx.store,
    sources: new SourcesTable(ctx.store),
    runs: new RunsTable(ctx.store),
    meetings,
    clock: ctx.clock,
    log: ctx.log,
    bus: ctx.bus,
    scrapers: () => ctx.useAll(scrapersRef),
    settings,
    random: Math.random,
  };
}

function createWatcher(
  ctx: PluginContext,
  config: MeetingsConfig,
  meetings: MeetingsTable,
  settings: ScrapeSettings,
  liveMs: number,
): LiveWatcher {
  const { clock, bus, log, signal } = ctx;
  return new LiveWatcher({
    meetings,
    links: liveLinks(config),
    clock,
    bus,
    log,
    defaultDurationMin: settings.defaultDurationMin,
    lookaheadMs: liveMs,
    preRoll: {
      drivers: () => ctx.useAll(encoderDriversRef),
      clock,
      bus,
      log,
      signal,
      timeoutMs: PRE_ROLL_START_TIMEOUT_MS,
    },
  });
}
