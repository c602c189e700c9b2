// `npm run bench -- notify [alerts] [sqlite|postgres] [perSecond]`: N alerts (default 1,000) through the
// real agent — alert engine → transactional outbox → notifications worker → notifier-email → a local
// SMTP server (the `smtp-server` package), all in this process — and the latency from each alert
// transition (the engine's commit time, core_alert_transitions.at) to the SMTP server accepting its
// e-mail. Bounded: the feed runs at `perSecond` (default 20) and everything stops after 120 s. The CPU
// time used and the machine's load average are printed too: on a shared machine they explain the tail.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestSmtp, type TestSmtp } from '../plugins/notifier-email/test/helpers/smtp-server.js';
import {
  startNotifyAgent,
  streamDown,
  testBackends,
  until,
  type NotifyAgent,
} from '../test/helpers/notify-agent.js';

const TIME_LIMIT_MS = 120_000;
const TARGET_P99_MS = 200;

export async function run(args: string[]): Promise<void> {
  const count = Math.min(Number(args[0] ?? 1000), 10_000);
  const backendName = args[1] ?? 'sqlite';
  const perSecond = Number(args[2] ?? 20);
  const backend = testBackends().find((b) => b.name === backendName);
  if (!backend) throw new Error(`unknown backend "${backendName}" (sqlite or postgres)`);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'em-bench-notify-'));
  const smtp = await startTestSmtp();
  let station: NotifyAgent | undefined;
  try {
    station = await startNotifyAgent({
      backend,
      dir,
      smtpPort: smtp.port,
      notifications: NOTIFICATIONS,
    });
    process.stdout.write(
      `notify bench: ${count} alerts at ${perSecond}/s on ${backend.name}, node ${process.version}\n`,
    );
    const started = Date.now();
    const cpu = process.cpuUsage();
    await feed(station, count, perSecond);
    const fed = Date.now();
    await until(() => smtp.mails.length >= count, TIME_LIMIT_MS - (fed - started), `${count} e-mails`).catch(
      (error: unknown) => process.stdout.write(`  stopped: ${String(error)}\n`),
    );
    await report(station, smtp, count, Date.now() - started);
    const used = process.cpuUsage(cpu);
    const cpuMs = (used.user + used.system) / 1000;
    process.stdout.write(
      `  CPU ${(cpuMs / 1000).toFixed(1)} s (${(cpuMs / count).toFixed(1)} ms per alert, engine + outbox + SMTP client and server); ` +
        `load average ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')} on ${os.cpus().length} cores\n`,
    );
  } finally {
    await station?.stop();
    await smtp.close();
    await backend.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One e-mail recipient; every alert its own message, sent as soon as the worker polls. */
const NOTIFICATIONS = {
  station: 'Bench Station',
  recipients: [
    {
      id: 'ops',
      name: 'Ops',
      roles: ['technician'],
      channels: [{ channel: 'email', address: 'ops@bench.test' }],
    },
  ],
  rules: [{ id: 'all', notify: { roles: ['technician'] }, groupBy: ['encoder'], groupWaitSec: 0 }],
  delivery: { pollIntervalMs: 100, batchSize: 100 },
};

/** Publishes `count` failing check results, the i-th at start + i/perSecond (checked every 5 ms). */
async function feed(station: NotifyAgent, count: number, perSecond: number): Promise<void> {
  const start = Date.now();
  for (let sent = 0; sent < count;) {
    const due = Math.min(count, Math.floor(((Date.now() - start) * perSecond) / 1000) + 1);
    for (; sent < due; sent += 1) {
      const result = streamDown(`enc-${sent}`, `site-${sent % 7}`);
      station.agent.bus.publish('bench', 'check.result', { ...result, at: Date.now() });
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  await station.agent.bus.idle();
}

async function report(station: NotifyAgent, smtp: TestSmtp, count: number, elapsedMs: number): Promise<void> {
  const transitions = (await station.agent.database
    .knex('core_alert_transitions')
    .where({ to_state: 'firing' })
    .select('fingerprint', 'at')) as { fingerprint: string; at: number | string }[];
  const firedAt = new Map(transitions.map((t) => [t.fingerprint, Number(t.at)]));
  const latencies: number[] = [];
  const seen = new Set<string>();
  let duplicates = 0;
  for (const mail of smtp.mails) {
    const fingerprint = String(mail.parsed.headers.get('x-encoder-manager-fingerprint'));
    if (seen.has(fingerprint)) duplicates += 1;
    seen.add(fingerprint);
    const at = firedAt.get(fingerprint);
    if (at !== undefined) latencies.push(mail.at - at);
  }
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN;
  const p99 = pct(99);
  process.stdout.write(
    [
      `  alerts fired ${transitions.length}/${count}, e-mails accepted ${smtp.mails.length} (${duplicates} duplicates) in ${(elapsedMs / 1000).toFixed(1)} s`,
      `  alert transition → SMTP accepted: p50 ${pct(50)} ms, p90 ${pct(90)} ms, p99 ${p99} ms, max ${latencies.at(-1)} ms`,
      `  target p99 < ${TARGET_P99_MS} ms: ${p99 < TARGET_P99_MS ? 'met' : 'MISSED'}`,
      '',
    ].join('\n'),
  );
}
