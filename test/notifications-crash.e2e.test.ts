import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { alertTransitionParticipantsRef } from '@encoder-manager/sdk';
import { FakeClock } from '@encoder-manager/sdk/testing';
import { messageIdFor } from '@encoder-manager/plugin-notifier-email';
import { startTestSmtp, type TestSmtp } from '../plugins/notifier-email/test/helpers/smtp-server.js';
import { driveClock } from './helpers/drive-clock.js';
import {
  backendEnv,
  dropResults,
  RECIPIENTS,
  startNotifyAgent,
  stationConfig,
  streamDown,
  testBackends,
  until,
  type NotifyAgent,
  type NotifyStationOptions,
} from './helpers/notify-agent.js';

const CLI = fileURLToPath(new URL('../core/bin/encoder-manager.js', import.meta.url));

/** Critical alerts to Tom by e-mail at once; a 5 s lease so a dead sender's message is taken over soon. */
const notifications = (pollIntervalMs: number) => ({
  station: 'Metro Public Access',
  recipients: RECIPIENTS,
  rules: [
    {
      id: 'critical',
      match: { severities: ['critical'] },
      notify: { roles: ['technician'], channels: ['email'] },
      groupBy: ['encoder'],
      groupWaitSec: 0,
    },
  ],
  delivery: { pollIntervalMs, leaseSec: 5 },
});

/** `encoder-manager start --config <file>` as a real child process. */
function startChild(
  configFile: string,
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [CLI, 'start', '--config', configFile], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

interface DbView {
  transitions: string[];
  alerts: string[];
  outbox: { fingerprint: string; status: string; claimed_by: string | null; claimed_until: unknown }[];
}

// kill -9 of a real agent process: once after an alert transition and its outbox row committed while
// the e-mail is on the wire (the SMTP server holds DATA), and once inside the next transition's
// database transaction, after the notifications participant wrote its rows but before the commit.
for (const backend of testBackends()) {
  describe(`notifications e2e: agent killed with SIGKILL on ${backend.name}`, function () {
    this.timeout(60_000);
    let smtp: TestSmtp;
    let dir: string;
    let child: ChildProcess | undefined;
    let station: NotifyAgent | undefined;

    before(async () => {
      smtp = await startTestSmtp();
      dir = mkdtempSync(path.join(os.tmpdir(), 'em-crash-'));
    });
    after(async () => {
      child?.kill('SIGKILL');
      await station?.stop();
      await smtp.close();
      await backend.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    const inspect = async (): Promise<DbView> => {
      const db = await backend.open();
      try {
        const subject = (row: { labels: string }) =>
          (JSON.parse(row.labels) as Record<string, string>).subject ?? '?';
        const transitions = (await db
          .knex('core_alert_transitions as t')
          .join('core_alerts as a', 'a.fingerprint', 't.fingerprint')
          .select('a.labels', 't.to_state')) as { labels: string; to_state: string }[];
        const alerts = (await db.knex('core_alerts').select('labels')) as { labels: string }[];
        const outbox = (await db
          .knex('notifications_outbox')
          .select('fingerprint', 'status', 'claimed_by', 'claimed_until')) as DbView['outbox'];
        return {
          transitions: transitions.map((t) => `${subject(t)}→${t.to_state}`),
          alerts: alerts.map(subject),
          outbox,
        };
      } finally {
        await db.close();
      }
    };

    it('commits nothing of a transition killed mid-transaction, and delivers a committed one once after restart', async () => {
      const inbox = path.join(dir, 'inbox');
      mkdirSync(inbox);
      const options: NotifyStationOptions = {
        backend,
        smtpPort: smtp.port,
        notifications: notifications(100),
        probe: { inbox, hangOn: 'enc-crash' },
      };
      const configFile = path.join(dir, 'encoder-manager.yaml');
      writeFileSync(configFile, JSON.stringify({ agent: { dataDir: dir }, ...stationConfig(options) }));
      smtp.fault = 'slow';
      const started = startChild(configFile, backendEnv(backend));
      child = started.child;
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child?.on('exit', (_, s) => resolve(s)));

      dropResults(inbox, '1', [streamDown('enc-ok')]);
      await until(() => smtp.holding === 1 || child?.exitCode !== null, 30_000, 'e-mail held at DATA');
      expect(child.exitCode, started.output()).to.equal(null);
      dropResults(inbox, '2', [streamDown('enc-crash')]);
      const marker = path.join(inbox, 'in-transaction');
      await until(() => existsSync(marker), 10_000, 'enc-crash transition inside its transaction');
      child.kill('SIGKILL');
      expect(await exited).to.equal('SIGKILL');

      const killed = await inspect();
      expect(killed.transitions, 'only the committed transition').to.deep.equal(['enc-ok→firing']);
      expect(killed.alerts).to.deep.equal(['enc-ok']);
      const crashedFingerprint = readFileSync(marker, 'utf8');
      expect(killed.outbox.map((row) => row.fingerprint)).not.to.include(crashedFingerprint);
      expect(killed.outbox).to.have.length(1);
      expect(killed.outbox[0]).to.include({ status: 'sending' });
      expect(killed.outbox[0]?.claimed_by, 'claimed by the dead agent').to.be.a('string');
      expect(smtp.mails).to.have.length(0);

      // A fresh agent on the same database; its clock starts now, so the dead agent's lease still runs.
      smtp.fault = 'none';
      const clock = new FakeClock(Date.now());
      const restartInbox = path.join(dir, 'inbox-2');
      mkdirSync(restartInbox);
      station = await startNotifyAgent({
        ...options,
        dir,
        clock,
        notifications: notifications(1000),
        probe: { inbox: restartInbox },
      });
      const owners = station.agent.services.useAllWithOwners(alertTransitionParticipantsRef);
      expect(
        owners.map((o) => o.owner),
        'outbox rows are written before the probe hangs',
      ).to.deep.equal(['notifications', 'alert-probe']);
      expect(station.agent.alerts.open().map((a) => a.labels.subject)).to.deep.equal(['enc-ok']);
      const sent = async () => (await station!.outbox()).every((row) => row.status === 'sent');
      const deadWorkers = [String(killed.outbox[0]?.claimed_by)];
      await driveClock(clock, station, { totalMs: 30_000, stepMs: 1000, until: sent, deadWorkers });
      // The crashed transition was never stored: the next check result opens the alert as new.
      dropResults(restartInbox, '1', [streamDown('enc-crash')]);
      const bothSent = async () =>
        (await station!.outbox()).filter((row) => row.status === 'sent').length === 2;
      await driveClock(clock, station, { totalMs: 30_000, stepMs: 1000, until: bothSent });
      await driveClock(clock, station, { totalMs: 20_000, stepMs: 5000 }); // nothing is sent twice

      const rows = await station.outbox();
      expect(rows.map((row) => row.status)).to.deep.equal(['sent', 'sent']);
      const subjects = smtp.mails.map((mail) => mail.parsed.subject);
      const seen = smtp.mails.map(
        (m) => `${m.parsed.subject} ${m.parsed.messageId} ${m.parsed.date?.toISOString()}`,
      );
      expect(subjects, seen.join('\n')).to.deep.equal([
        '[CRITICAL] enc-ok: no stream at the ingest',
        '[CRITICAL] enc-crash: no stream at the ingest',
      ]);
      const leaseEnd = Math.floor(Number(killed.outbox[0]?.claimed_until) / 1000) * 1000;
      expect(smtp.mails[0]?.parsed.date?.getTime(), 'sent after the lease').to.be.at.least(leaseEnd);
      expect(smtp.mails.map((mail) => mail.parsed.messageId)).to.deep.equal(
        rows.map((row) => messageIdFor(row.batch_id ?? row.id, 'station.test')),
      );
    });
  });
}
