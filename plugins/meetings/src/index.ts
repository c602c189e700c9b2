import { cliCommandsRef, definePlugin, meetingsServiceRef } from '@encoder-manager/sdk';
import { configSchema } from './config.js';
import { createMeetingsRuntime } from './runtime.js';

export { configSchema, DEFAULTS, LinkSchema, SourceSchema } from './config.js';
export type { LinkConfig, MeetingsConfig, ScrapeConfig, SourceConfig } from './config.js';
export { loadCatalog, SHIPPED_CATALOG } from './catalog/load.js';
export { LIVE_CHECK } from './live/messages.js';
export { PRE_ROLL_CHECK } from './live/pre-roll.js';
export { createMeetingsRuntime, type MeetingsRuntime } from './runtime.js';

/** Meeting schedules: the source catalog, scraping with fallbacks, change detection, should-be-live check. */
export const meetingsPlugin = definePlugin({
  name: 'meetings',
  version: '0.1.0',
  sdk: '^1.0.0',
  kind: 'service',
  description:
    'Knows when council and board meetings happen (scraped from PDFs, iCal feeds and agenda portals through ' +
    'scraper plugins), publishes meeting.changed/starting/ended, and checks that linked streams are live.',
  configSchema,
  setup(ctx, config) {
    // No network or database I/O here: the catalog reaches the store on first use, so CLI commands work
    // without ready().
    const runtime = createMeetingsRuntime(ctx, config);
    ctx.provide(meetingsServiceRef, runtime.core);
    ctx.provide(cliCommandsRef, runtime.command);
    return { ready: () => runtime.start() };
  },
});

export default meetingsPlugin;
