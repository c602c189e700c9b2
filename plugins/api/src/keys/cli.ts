import { parseArgs } from 'node:util';
import { EmError, errorMessageOf, type CliCommand, type CliIo, type Clock } from '@encoder-manager/sdk';
import { parseDurationSec } from './duration.js';
import { viewOf } from './present.js';
import type { KeyService } from './service.js';

const USAGE = `Usage:
  encoder-manager keys create --name <name> --scope read|operate|admin [--site <site>]… [--expires-in <days>d] [--json]
      create a key; the key is printed once and only its SHA-256 digest is stored
  encoder-manager keys list [--all] [--json]
      keys with scope, sites, expiry and last use (--all includes revoked and expired keys)
  encoder-manager keys revoke <id>
      revoke a key now; its WebSockets are closed
  encoder-manager keys rotate <id> [--grace 0|1h|24h|7d] [--json]
      issue a successor; the old key keeps working for the grace period (default 24h)`;

type Run = (args: string[], io: CliIo) => Promise<number>;

const iso = (ms: number) => new Date(ms).toISOString();

/** `encoder-manager keys …`: API key administration from the agent's host. */
export function createKeysCommand(keys: KeyService, clock: Clock, staleAfterDays: number): CliCommand {
  const subcommands: Record<string, Run> = {
    create: (args, io) => create(keys, args, io),
    list: (args, io) => list(keys, clock, staleAfterDays, args, io),
    revoke: (args, io) => revoke(keys, args, io),
    rotate: (args, io) => rotate(keys, args, io),
  };
  return {
    name: 'keys',
    summary: 'create, list, revoke and rotate API keys',
    usage: USAGE,
    async run(args, io) {
      const [sub, ...rest] = args;
      const run = sub === undefined ? undefined : subcommands[sub];
      if (!run) {
        io.err(sub === undefined ? USAGE : `unknown subcommand "${sub}"\n${USAGE}`);
        return 2;
      }
      try {
        return await run(rest, io);
      } catch (error) {
        io.err(describe(error));
        return error instanceof EmError ? 1 : 2;
      }
    },
  };
}

function describe(error: unknown): string {
  if (error instanceof EmError)
    return `error ${error.code}: ${error.message}${error.hint ? `\n  fix: ${error.hint}` : ''}`;
  return `error: ${errorMessageOf(error)}\n${USAGE}`;
}

async function create(keys: KeyService, args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: 'string' },
      scope: { type: 'string' },
      site: { type: 'string', multiple: true },
      'expires-in': { type: 'string' },
      json: { type: 'boolean' },
    },
    strict: true,
  });
  if (!values.name || !values.scope) throw new Error('--name and --scope are required');
  const ttlSec = values['expires-in'] ? parseDurationSec(values['expires-in'], '--expires-in') : undefined;
  const { token, record } = await keys.create({
    name: values.name,
    scope: values.scope,
    sites: values.site,
    ttlDays: ttlSec === undefined ? undefined : Math.ceil(ttlSec / 86_400),
    createdBy: 'cli',
  });
  if (values.json)
    io.out(
      JSON.stringify({ id: record.id, key: token, expiresAt: new Date(record.expiresAt).toISOString() }),
    );
  else {
    io.out(
      `created ${record.id} "${record.name}" scope=${record.scope}${record.sites ? ` sites=${record.sites.join(',')}` : ''}`,
    );
    io.out(`expires ${new Date(record.expiresAt).toISOString()}`);
    io.out(`key (shown once, store it now): ${token}`);
  }
  return 0;
}

async function list(
  keys: KeyService,
  clock: Clock,
  staleAfterDays: number,
  args: string[],
  io: CliIo,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { all: { type: 'boolean' }, json: { type: 'boolean' } },
    strict: true,
  });
  const views = (await keys.list())
    .map((key) => viewOf(key, clock.now(), staleAfterDays))
    .filter((view) => values.all || view.state === 'active' || view.state === 'grace');
  if (values.json) {
    io.out(JSON.stringify(views));
    return 0;
  }
  if (views.length === 0) io.out('no keys');
  for (const v of views) {
    const sites = v.sites ? v.sites.join(',') : '*';
    const used = v.lastUsedAt ? `used ${iso(v.lastUsedAt)} from ${v.lastUsedIp ?? '?'}` : 'never used';
    io.out(
      `${v.id}  ${v.hint}  ${v.state.padEnd(7)}  ${v.scope.padEnd(7)}  sites=${sites}  expires ${iso(v.expiresAt)}  ${used}${v.stale ? '  STALE' : ''}  ${v.name}`,
    );
  }
  return 0;
}

async function revoke(keys: KeyService, args: string[], io: CliIo): Promise<number> {
  const { positionals } = parseArgs({ args, allowPositionals: true, strict: true });
  if (positionals.length !== 1) throw new Error('revoke takes exactly one key id');
  const record = await keys.revoke(positionals[0]!, 'cli');
  io.out(`revoked ${record.id} "${record.name}"`);
  return 0;
}

async function rotate(keys: KeyService, args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { grace: { type: 'string' }, json: { type: 'boolean' } },
    strict: true,
  });
  if (positionals.length !== 1) throw new Error('rotate takes exactly one key id');
  const graceSec = parseDurationSec(values.grace ?? '24h', '--grace');
  const { issued, old } = await keys.rotate(positionals[0]!, graceSec, 'cli');
  const oldUntil = new Date(old.expiresAt).toISOString();
  if (values.json) {
    io.out(
      JSON.stringify({ id: issued.record.id, key: issued.token, oldId: old.id, oldExpiresAt: oldUntil }),
    );
    return 0;
  }
  io.out(`rotated ${old.id} → ${issued.record.id}; the old key works until ${oldUntil}`);
  io.out(`new key (shown once, store it now): ${issued.token}`);
  return 0;
}
