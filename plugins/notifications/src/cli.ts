import { parseArgs } from 'node:util';
import {
  EmError,
  errorMessageOf,
  type CliCommand,
  type CliIo,
  type NotificationsService,
} from '@encoder-manager/sdk';

const USAGE = `Usage:
  encoder-manager notify test --to <recipient|role> [--channel email|telegram|…]
      send a test message now and report each delivery (exit 1 if any failed)
  encoder-manager notify dead [--channel <name>] [--limit <n>]
      list dead letters, newest first
  encoder-manager notify replay <dead-letter id>
      queue a dead letter again (the running agent delivers it)
  encoder-manager notify ack <alert fingerprint> [--by <name>]
      acknowledge a firing alert: stops its escalation and reminders`;

type Run = (args: readonly string[], io: CliIo, signal: AbortSignal) => Promise<number>;

/** `encoder-manager notify …`: test messages, dead letters, acknowledgements. */
export function createNotifyCommand(service: NotificationsService): CliCommand {
  const subcommands: Record<string, Run> = {
    test: (args, io, signal) => testCommand(service, args, io, signal),
    dead: (args, io) => deadCommand(service, args, io),
    replay: (args, io) => replayCommand(service, args, io),
    ack: (args, io) => ackCommand(service, args, io),
  };
  return {
    name: 'notify',
    summary: 'send test notifications, list and replay dead letters, acknowledge alerts',
    usage: USAGE,
    async run(args, io, signal) {
      const [sub, ...rest] = args;
      const run = sub === undefined ? undefined : subcommands[sub];
      if (!run) {
        io.err(sub === undefined || sub === '--help' ? USAGE : `unknown subcommand "${sub}"\n${USAGE}`);
        return sub === '--help' ? 0 : 2;
      }
      try {
        return await run(rest, io, signal);
      } catch (error) {
        io.err(
          error instanceof EmError
            ? `error ${error.code}: ${error.message}${error.hint ? `\n  fix: ${error.hint}` : ''}`
            : `error: ${errorMessageOf(error)}`,
        );
        return error instanceof TypeError &&
          'code' in error &&
          String(error.code).startsWith('ERR_PARSE_ARGS')
          ? 2
          : 1;
      }
    },
  };
}

async function testCommand(
  service: NotificationsService,
  args: readonly string[],
  io: CliIo,
  signal: AbortSignal,
): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { to: { type: 'string' }, channel: { type: 'string' } },
    strict: true,
  });
  if (!values.to) {
    io.err(`--to <recipient|role> is required\n${USAGE}`);
    return 2;
  }
  const results = await service.sendTest(
    { to: values.to, ...(values.channel ? { channel: values.channel } : {}) },
    signal,
  );
  for (const r of results) {
    const mark = r.status === 'delivered' ? 'ok  ' : r.status === 'retry' ? 'wait' : 'FAIL';
    io.out(
      `${mark} ${r.channel} → ${r.recipientId} <${r.address}>: ${r.status}${r.reason ? ` (${r.reason})` : ''}${r.notificationId ? ` [${r.notificationId}]` : ''}`,
    );
  }
  const delivered = results.filter((r) => r.status === 'delivered').length;
  io.out(`${delivered} of ${results.length} delivered`);
  return delivered === results.length ? 0 : 1;
}

async function deadCommand(
  service: NotificationsService,
  args: readonly string[],
  io: CliIo,
): Promise<number> {
  const { values } = parseArgs({
    args: [...args],
    options: { channel: { type: 'string' }, limit: { type: 'string' } },
    strict: true,
  });
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined && !(Number.isInteger(limit) && limit > 0)) {
    io.err(`--limit must be a positive whole number, got "${values.limit}"`);
    return 2;
  }
  const letters = await service.listDeadLetters({
    ...(values.channel ? { channel: values.channel } : {}),
    ...(limit ? { limit } : {}),
  });
  for (const d of letters) {
    io.out(
      `${d.id} ${new Date(d.deadAt).toISOString()} ${d.eventType} ${d.channel} → ${d.recipientId}: ${d.reason}`,
    );
  }
  io.out(`${letters.length} dead letter(s)`);
  return 0;
}

async function replayCommand(
  service: NotificationsService,
  args: readonly string[],
  io: CliIo,
): Promise<number> {
  const { positionals } = parseArgs({ args: [...args], allowPositionals: true, strict: true });
  if (positionals.length !== 1 || !positionals[0]) {
    io.err(`give exactly one dead-letter id\n${USAGE}`);
    return 2;
  }
  await service.replayDeadLetter(positionals[0]);
  io.out(`queued ${positionals[0]} again`);
  return 0;
}

async function ackCommand(
  service: NotificationsService,
  args: readonly string[],
  io: CliIo,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { by: { type: 'string' } },
    strict: true,
  });
  if (positionals.length !== 1 || !positionals[0]) {
    io.err(`give exactly one alert fingerprint\n${USAGE}`);
    return 2;
  }
  const result = await service.acknowledge(positionals[0], values.by);
  io.out(`acknowledged ${result.fingerprint}; stopped ${result.stoppedTimers} escalation/reminder timer(s)`);
  return 0;
}
