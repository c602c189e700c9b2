import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { AddressObject } from 'mailparser';
import { FakeClock } from '@encoder-manager/sdk/testing';
import { messageIdFor } from '@encoder-manager/plugin-notifier-email';
import { startTestSmtp, type TestSmtp } from '../plugins/notifier-email/test/helpers/smtp-server.js';
import { driveClock } from './helpers/drive-clock.js';
import {
  RECIPIENTS,
  startNotifyAgent,
  streamDown,
  testBackends,
  type NotifyAgent,
} from './helpers/notify-agent.js';

const MINUTE = 60_000;

const addressOf = (to: AddressObject | AddressObject[] | undefined): string =>
  (Array.isArray(to) ? to : to ? [to] : []).map((a) => a.text).join(', ');
const ENCODERS = ['enc-1', 'enc-2', 'enc-3'];
const MESSAGES = ENCODERS.length * 2;

// Real agent (loadConfigFromSource + startAgent) on a FakeClock, real alert engine, notifications plugin
// and notifier-email, against a real SMTP server that refuses every message for 10 minutes.
for (const backend of testBackends()) {
  describe(`notifications e2e: SMTP relay refusing for 10 min on ${backend.name}`, function () {
    this.timeout(60_000);
    let smtp: TestSmtp;
    let station: NotifyAgent | undefined;
    let dir: string;

    before(async () => {
      smtp = await startTestSmtp();
      dir = mkdtempSync(path.join(os.tmpdir(), 'em-smtp-outage-'));
    });
    after(async () => {
      await station?.stop();
      await smtp.close();
      await backend.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it('keeps retrying 421/451 with backoff and, once the relay recovers, delivers every message exactly once', async () => {
      const clock = new FakeClock(Date.UTC(2026, 2, 14, 18, 0));
      station = await startNotifyAgent({
        backend,
        dir,
        clock,
        smtpPort: smtp.port,
        notifications: {
          station: 'Metro Public Access',
          recipients: RECIPIENTS,
          rules: [
            {
              id: 'critical',
              match: { severities: ['critical'] },
              notify: { roles: ['technician', 'engineer'], channels: ['email'] },
              groupBy: ['encoder'],
              groupWaitSec: 0,
            },
          ],
          delivery: { pollIntervalMs: 5000 },
        },
      });
      smtp.fault = 'refuse';
      await station.feed(ENCODERS.map((encoder) => streamDown(encoder)));
      const queued = await station.outbox();
      expect(queued, 'one message per encoder and recipient').to.have.length(MESSAGES);

      await driveClock(clock, station, { totalMs: 10 * MINUTE, stepMs: 5000 });
      const during = await station.outbox();
      expect(smtp.mails, 'nothing gets through a refusing relay').to.have.length(0);
      expect(during.map((row) => row.status)).to.deep.equal(Array(MESSAGES).fill('pending'));
      // Full jitter keeps each wait below base·2^(n−1): ten attempts fit in 511 s plus poll lag.
      for (const row of during) expect(row.attempts, `attempts of ${row.id}`).to.be.at.least(10);
      // Every attempt was refused by the relay (plus notifier-email's one connection check at start).
      const attempts = during.reduce((sum, row) => sum + row.attempts, 0);
      expect(smtp.refusals).to.be.within(attempts, attempts + 1);

      smtp.fault = 'none';
      const allSent = async () => (await station!.outbox()).every((row) => row.status === 'sent');
      const recoveredAfter = await driveClock(clock, station, {
        totalMs: 7 * MINUTE,
        stepMs: 5000,
        until: allSent,
      });
      expect(recoveredAfter, 'the 5-minute backoff cap bounds the wait after recovery').to.be.at.most(
        5 * MINUTE + 10_000,
      );

      const sent = await station.outbox();
      const ids = smtp.mails.map((mail) => mail.parsed.messageId);
      expect(ids, 'each message accepted exactly once').to.have.length(MESSAGES);
      expect(new Set(ids).size).to.equal(MESSAGES);
      expect([...ids].sort()).to.deep.equal(
        sent.map((row) => messageIdFor(row.batch_id ?? row.id, 'station.test')).sort(),
      );
      const reached = smtp.mails.map((mail) => `${mail.parsed.subject ?? ''} → ${addressOf(mail.parsed.to)}`);
      expect(reached.sort()).to.deep.equal(
        ENCODERS.flatMap((encoder) =>
          ['erin@station.test', 'tom@station.test'].map(
            (to) => `[CRITICAL] ${encoder}: no stream at the ingest → ${to}`,
          ),
        ).sort(),
      );
      expect(smtp.mails.every((mail) => /Delayed by \d+ min/.test(mail.parsed.text ?? ''))).to.equal(true);
    });
  });
}
