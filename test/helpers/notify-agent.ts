import { renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CheckResult, Clock } from '@encoder-manager/sdk';
import { loadConfigFromSource, startAgent, type Agent } from '@encoder-manager/core';
import type { TestBackend } from '../../core/test/helpers/databases.js';

export { testBackends, type TestBackend } from '../../core/test/helpers/databases.js';

/** The check-result plugin the child-process agents load by path. */
export const ALERT_PROBE_DIR = fileURLToPath(new URL('../fixtures/alert-probe', import.meta.url));

/** What to run besides the notifications plugin and notifier-email. */
export interface NotifyStationOptions {
  readonly backend: TestBackend;
  readonly smtpPort: number;
  /** Adds notifier-telegram pointing at a (fake) Bot API. */
  readonly telegram?: { readonly apiRoot: string; readonly token: string };
  /** The core `alerts:` section; default: fire at once, no grouping. */
  readonly alerts?: Record<string, unknown>;
  /** The notifications plugin's config. */
  readonly notifications: Record<string, unknown>;
  /** Adds the alert-probe plugin (check results from files, a participant that can hang). */
  readonly probe?: { readonly inbox: string; readonly hangOn?: string };
  readonly logLevel?: string;
  /** notifier-email's connection pool (default 5 connections). */
  readonly emailPool?: { readonly maxConnections?: number; readonly maxMessages?: number };
}

/** Tom (technician: e-mail and Telegram) and Erin (engineer: e-mail); critical alerts go to both. */
export const RECIPIENTS = [
  {
    id: 'tom',
    name: 'Tom Technician',
    roles: ['technician'],
    channels: [
      { channel: 'email', address: 'tom@station.test' },
      { channel: 'telegram', address: '1001' },
    ],
  },
  {
    id: 'erin',
    name: 'Erin Engineer',
    roles: ['engineer'],
    channels: [{ channel: 'email', address: 'erin@station.test' }],
  },
];

/** The whole agent config as an object (JSON is YAML, so it is written as JSON). */
export function stationConfig(options: NotifyStationOptions): Record<string, unknown> {
  const plugins: Record<string, unknown> = {
    notifications: { config: options.notifications },
    'notifier-email': {
      config: {
        host: '127.0.0.1',
        port: options.smtpPort,
        security: 'none',
        from: 'Encoder Manager <alerts@station.test>',
        timeouts: { connectionMs: 2000, greetingMs: 2000, socketMs: 30_000 },
        ...(options.emailPool ? { pool: options.emailPool } : {}),
      },
    },
  };
  if (options.telegram) {
    plugins['notifier-telegram'] = {
      config: {
        token: options.telegram.token,
        apiRoot: options.telegram.apiRoot,
        requestTimeoutMs: 3000,
        limits: { perChatIntervalMs: 50 },
        actions: { enabled: false },
      },
    };
  }
  if (options.probe) plugins['alert-probe'] = { package: ALERT_PROBE_DIR, config: options.probe };
  return {
    log: { level: options.logLevel ?? 'error', summaryIntervalSec: 0 },
    store: { sqliteFile: options.backend.sqliteFile },
    alerts: options.alerts ?? { forMs: 0, holdDownMs: 0, groupBy: [], groupWaitMs: 0 },
    plugins,
  };
}

/** The environment that points an agent at the backend (PostgreSQL URL and schema, or the SQLite file). */
export function backendEnv(backend: TestBackend): NodeJS.ProcessEnv {
  return backend.url
    ? { DATABASE_URL: backend.url, DATABASE_SCHEMA: backend.schema ?? '' }
    : { DATABASE_URL: '', DATABASE_SCHEMA: '' };
}

/** A real agent in this process, with the notifications plugin and its notifiers. */
export interface NotifyAgent {
  readonly agent: Agent;
  /** Publishes check results on the agent's bus (as a check plugin would) and waits until they are handled. */
  feed(results: readonly Omit<CheckResult, 'at'>[]): Promise<void>;
  /** Rows of the notifications outbox, oldest first. */
  outbox(): Promise<OutboxRowView[]>;
  stop(): Promise<void>;
}

/** The outbox columns the tests look at. */
export interface OutboxRowView {
  readonly id: string;
  readonly status: string;
  readonly channel: string;
  readonly recipient_id: string;
  readonly fingerprint: string | null;
  readonly batch_id: string | null;
  readonly attempts: number;
}

/** Loads the config like `encoder-manager start` does and starts the agent on `clock`. */
export async function startNotifyAgent(
  options: NotifyStationOptions & { readonly clock?: Clock; readonly dir: string },
): Promise<NotifyAgent> {
  const env = { ...process.env, ...backendEnv(options.backend) };
  const text = JSON.stringify(stationConfig(options), null, 2);
  const config = await loadConfigFromSource({ name: 'station.yaml', baseDir: options.dir, text }, env);
  if (config.problems.length > 0) throw new Error(JSON.stringify(config.problems, null, 2));
  const agent = await startAgent(config, { env, ...(options.clock ? { clock: options.clock } : {}) });
  const clock = options.clock;
  return {
    agent,
    feed: async (results) => {
      for (const result of results)
        agent.bus.publish('checks-test', 'check.result', { ...result, at: clock?.now() ?? Date.now() });
      await agent.bus.idle();
    },
    outbox: async () =>
      (
        (await agent.database
          .knex('notifications_outbox')
          .orderBy([{ column: 'created_at' }, { column: 'id' }])) as Record<string, unknown>[]
      ).map((row) => ({
        id: String(row.id),
        status: String(row.status),
        channel: String(row.channel),
        recipient_id: String(row.recipient_id),
        fingerprint: row.fingerprint === null ? null : String(row.fingerprint),
        batch_id: row.batch_id === null ? null : String(row.batch_id),
        attempts: Number(row.attempts),
      })),
    stop: () => agent.stop(),
  };
}

/** A critical `stream-down` result for an encoder at a site. */
export function streamDown(encoder: string, site = 'hq'): Omit<CheckResult, 'at'> {
  return {
    check: 'stream-down',
    subject: encoder,
    status: 'critical',
    message: `${encoder}: no stream at the ingest`,
    labels: { encoder, site },
  };
}

/** Hands check results to an alert-probe plugin (written atomically, so it never reads half a file). */
export function dropResults(inbox: string, name: string, results: readonly Omit<CheckResult, 'at'>[]): void {
  const file = path.join(inbox, `${name}.json`);
  writeFileSync(`${file}.tmp`, JSON.stringify(results));
  renameSync(`${file}.tmp`, file);
}

/** Resolves when `condition` holds, checking every 20 ms (real time); rejects after `timeoutMs`. */
export async function until(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  label: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
