import { parseArgs } from 'node:util';
import {
  errorMessageOf,
  type CliCommand,
  type CliIo,
  type MeetingQuery,
  type MeetingsService,
} from '@encoder-manager/sdk';
import { DateTime } from 'luxon';
import { meetingLines, scrapeLines, sourceLines } from './format.js';

const USAGE = `Usage:
  encoder-manager meetings list [--body NAME] [--city NAME] [--from DATE] [--to DATE] [--past] [--limit N] [--json]
      Upcoming meetings (not ended yet), soonest first. --from/--to (ISO date or date-time, the machine's
      zone unless an offset is given) list every meeting starting in that range; --past lists started ones.
  encoder-manager meetings scrape [--source NAME] [--json]
      Scrapes every enabled body now (or only the body of NAME) and prints items found / errors per source.
  encoder-manager meetings sources [--json]
      The source catalog: priority, type, enabled, last run.`;

/** Exit codes: 0 done, 1 a scrape failed, 2 bad usage. */
const USAGE_ERROR = 2;

/** The `encoder-manager meetings …` command. */
export function meetingsCommand(service: MeetingsService): CliCommand {
  return {
    name: 'meetings',
    summary: 'List meeting schedules, scrape sources now, show the source catalog',
    usage: USAGE,
    async run(args, io, signal) {
      const [sub, ...rest] = args;
      try {
        if (sub === 'list') return await list(service, rest, io);
        if (sub === 'scrape') return await scrape(service, rest, io, signal);
        if (sub === 'sources') return await sources(service, rest, io);
        io.err(sub ? `meetings: unknown subcommand "${sub}"` : 'meetings: a subcommand is required');
        io.err(USAGE);
        return USAGE_ERROR;
      } catch (error) {
        io.err(`meetings ${sub}: ${errorMessageOf(error)}`);
        return error instanceof UsageError || isParseArgsError(error) ? USAGE_ERROR : 1;
      }
    },
  };
}

class UsageError extends Error {}

function isParseArgsError(error: unknown): boolean {
  return error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
}

async function list(service: MeetingsService, args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      body: { type: 'string' },
      city: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      past: { type: 'boolean' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const query: MeetingQuery = {
    ...(values.body ? { body: values.body } : {}),
    ...(values.city ? { city: values.city } : {}),
    ...(values.from ? { from: instant(values.from, '--from') } : {}),
    ...(values.to ? { to: instant(values.to, '--to') } : {}),
    ...(values.limit ? { limit: positive(values.limit, '--limit') } : {}),
  };
  const ranged = query.from !== undefined || query.to !== undefined;
  const meetings = values.past
    ? await service.past(query)
    : ranged
      ? await service.list(query)
      : await service.upcoming(query);
  print(io, values.json === true, meetings, meetingLines);
  return 0;
}

async function scrape(
  service: MeetingsService,
  args: readonly string[],
  io: CliIo,
  signal: AbortSignal,
): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { source: { type: 'string' }, json: { type: 'boolean' } },
  });
  const reports = await service.scrapeNow({ ...(values.source ? { source: values.source } : {}), signal });
  print(io, values.json === true, reports, scrapeLines);
  return reports.every((report) => report.ok) ? 0 : 1;
}

async function sources(service: MeetingsService, args: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { json: { type: 'boolean' } } });
  print(io, values.json === true, await service.sources(), sourceLines);
  return 0;
}

function print<T>(io: CliIo, json: boolean, value: T, lines: (value: T) => string[]): void {
  if (json) io.out(JSON.stringify(value, null, 2));
  else for (const line of lines(value)) io.out(line);
}

function instant(value: string, flag: string): number {
  const parsed = DateTime.fromISO(value, { setZone: true });
  if (!parsed.isValid)
    throw new UsageError(
      `${flag} "${value}" is not an ISO date or date-time (e.g. 2026-04-21 or 2026-04-21T18:00)`,
    );
  return parsed.toMillis();
}

function positive(value: string, flag: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new UsageError(`${flag} must be a whole number ≥ 1, got "${value}"`);
  return number;
}
