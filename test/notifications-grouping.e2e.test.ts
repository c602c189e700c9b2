import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import type { AddressObject } from 'mailparser';
import { FakeClock } from '@encoder-manager/sdk/testing';
import { startTestSmtp, type TestSmtp } from '../plugins/notifier-email/test/helpers/smtp-server.js';
import { FakeTelegram } from '../plugins/notifier-telegram/test/helpers/fake-telegram.js';
import { driveClock } from './helpers/drive-clock.js';
import {
  RECIPIENTS,
  startNotifyAgent,
  streamDown,
  testBackends,
  type NotifyAgent,
} from './helpers/notify-agent.js';

const ENCODERS = Array.from({ length: 10 }, (_, i) => `enc-${String(i + 1).padStart(2, '0')}`);

const addressOf = (to: AddressObject | AddressObject[] | undefined): string =>
  (Array.isArray(to) ? to : to ? [to] : []).map((a) => a.text).join(', ');

/** Alert lines ("• name: …") in a rendered plain-text message. */
const alertLines = (text: string): string[] => text.split('\n').filter((line) => line.startsWith('• '));

// Ten encoders at one site fail within the alert engine's 10 s group window: the real engine forms one
// group alert, the notifications plugin sends it once per recipient and channel, through notifier-email
// (real SMTP server) and notifier-telegram (fake Bot API).
for (const backend of testBackends()) {
  describe(`notifications e2e: 10 encoders failing together on ${backend.name}`, function () {
    this.timeout(30_000);
    let smtp: TestSmtp;
    let telegram: FakeTelegram;
    let station: NotifyAgent | undefined;
    let dir: string;

    before(async () => {
      smtp = await startTestSmtp();
      telegram = await new FakeTelegram().start();
      dir = mkdtempSync(path.join(os.tmpdir(), 'em-grouping-'));
    });
    after(async () => {
      await station?.stop();
      await smtp.close();
      await telegram.close();
      await backend.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it('sends one message per recipient and channel that lists all 10 encoders', async () => {
      const clock = new FakeClock(Date.UTC(2026, 2, 14, 18, 0));
      station = await startNotifyAgent({
        backend,
        dir,
        clock,
        smtpPort: smtp.port,
        telegram: { apiRoot: telegram.apiRoot, token: telegram.token },
        alerts: { forMs: 0, holdDownMs: 0, groupBy: ['site'], groupWaitMs: 10_000, groupMin: 2 },
        notifications: {
          station: 'Metro Public Access',
          timezone: 'America/Chicago',
          recipients: RECIPIENTS,
          rules: [
            {
              id: 'critical',
              match: { severities: ['critical'] },
              notify: { roles: ['technician', 'engineer'] },
              groupBy: ['site'],
              groupWaitSec: 30,
            },
          ],
        },
      });
      // Failures arrive over 4.5 s; the checks keep reporting them every second, as they do on each poll.
      for (const [index, encoder] of ENCODERS.entries()) {
        await station.feed([streamDown(encoder)]);
        if (index % 2 === 1) await clock.advance(1000);
      }
      for (let second = 0; second < 12; second += 1) {
        await clock.advance(1000);
        await station.feed(ENCODERS.map((encoder) => streamDown(encoder)));
      }
      const open = station.agent.alerts.open();
      const group = open.filter((alert) => alert.name === 'group');
      expect(group).to.have.length(1);
      expect(open.filter((a) => a.suppressedBy === 'grouped').map((a) => a.labels.encoder)).to.have.members(
        ENCODERS,
      );

      // Nothing is due inside the notifications grouping window (30 s); then the worker sends.
      await clock.advance(28_000);
      await driveClock(clock, station, { totalMs: 10_000, stepMs: 1000 });
      const rows = await station.outbox();
      expect(rows.every((row) => row.status === 'sent' || row.status === 'suppressed')).to.equal(true);

      expect(smtp.mails.map((mail) => addressOf(mail.parsed.to)).sort()).to.deep.equal([
        'erin@station.test',
        'tom@station.test',
      ]);
      for (const mail of smtp.mails) {
        const text = mail.parsed.text ?? '';
        for (const encoder of ENCODERS) expect(text, `${encoder} in the e-mail`).to.include(encoder);
        expect(alertLines(text), 'one group alert, not ten separate ones').to.have.length(1);
        expect(mail.parsed.subject).to.match(/^\[CRITICAL\] 10 alerts at site=hq at once: enc-/);
        for (const encoder of ENCODERS) expect(String(mail.parsed.html)).to.include(encoder);
      }
      const [message, ...more] = telegram.sent;
      expect(more, 'one Telegram message').to.have.length(0);
      expect(message?.chatId).to.equal('1001');
      for (const encoder of ENCODERS)
        expect(message?.visibleText, `${encoder} on Telegram`).to.include(encoder);
    });
  });
}
