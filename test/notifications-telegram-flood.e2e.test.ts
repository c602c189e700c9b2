import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { startTestSmtp, type TestSmtp } from '../plugins/notifier-email/test/helpers/smtp-server.js';
import { FakeTelegram, type FakeRequest } from '../plugins/notifier-telegram/test/helpers/fake-telegram.js';
import {
  startNotifyAgent,
  streamDown,
  testBackends,
  until,
  type NotifyAgent,
} from './helpers/notify-agent.js';

const ENCODERS = ['enc-1', 'enc-2', 'enc-3'];
/** Chat → [retry_after seconds, rounds of 429]. */
const FLOODS: Record<string, [number, number]> = { '1001': [2, 2], '1002': [1, 3] };

/** Each 429 as a deadline, and every later call to the same chat. */
function violations(requests: readonly FakeRequest[]): string[] {
  const found: string[] = [];
  for (const [index, refused] of requests.entries()) {
    if (refused.status !== 429 || refused.retryAfterSec === undefined) continue;
    const deadline = refused.at + refused.retryAfterSec * 1000;
    for (const later of requests.slice(index + 1)) {
      if (later.chatId === refused.chatId && later.at < deadline)
        found.push(`chat ${later.chatId}: call ${deadline - later.at} ms before the retry_after deadline`);
    }
  }
  return found;
}

// Real agent on the real clock; the fake Bot API answers 429 with retry_after to every call to a chat
// for several rounds (and 429 again to any call that comes too early, as Telegram does).
for (const backend of testBackends()) {
  describe(`notifications e2e: Telegram 429 storm on ${backend.name}`, function () {
    this.timeout(30_000);
    let telegram: FakeTelegram;
    let smtp: TestSmtp;
    let station: NotifyAgent | undefined;
    let dir: string;

    before(async () => {
      telegram = await new FakeTelegram().start();
      smtp = await startTestSmtp();
      dir = mkdtempSync(path.join(os.tmpdir(), 'em-telegram-flood-'));
    });
    after(async () => {
      await station?.stop();
      await telegram.close();
      await smtp.close();
      await backend.cleanup();
      rmSync(dir, { recursive: true, force: true });
    });

    it('sends nothing to a chat before retry_after has passed, then delivers every message once', async () => {
      for (const [chat, [seconds, rounds]] of Object.entries(FLOODS))
        telegram.floodWait(chat, seconds, rounds);
      station = await startNotifyAgent({
        backend,
        dir,
        smtpPort: smtp.port,
        telegram: { apiRoot: telegram.apiRoot, token: telegram.token },
        notifications: {
          recipients: [
            {
              id: 'tom',
              name: 'Tom',
              roles: ['technician'],
              channels: [{ channel: 'telegram', address: '1001' }],
            },
            {
              id: 'tia',
              name: 'Tia',
              roles: ['technician'],
              channels: [{ channel: 'telegram', address: '1002' }],
            },
          ],
          rules: [
            {
              id: 'critical',
              match: { severities: ['critical'] },
              notify: { roles: ['technician'] },
              groupBy: ['encoder'],
              groupWaitSec: 0,
            },
          ],
          // Backoff well below retry_after, so the wait comes from Telegram's answer.
          delivery: { pollIntervalMs: 100, backoffBaseMs: 50, backoffCapMs: 200 },
        },
      });
      await station.feed(ENCODERS.map((encoder) => streamDown(encoder)));
      const allSent = async () => (await station!.outbox()).every((row) => row.status === 'sent');
      await until(allSent, 20_000, 'every Telegram message sent');

      const requests = telegram.requests;
      expect(violations(requests)).to.deep.equal([]);
      expect(
        requests.filter((r) => r.early),
        'calls inside a flood wait',
      ).to.deep.equal([]);
      for (const [chat, [, rounds]] of Object.entries(FLOODS)) {
        const refused = requests.filter((r) => r.chatId === chat && r.status === 429);
        expect(refused, `429 rounds for ${chat}`).to.have.length(rounds);
        const sent = telegram.sent.filter((m) => m.chatId === chat);
        expect(sent, `messages in ${chat}`).to.have.length(ENCODERS.length);
        for (const encoder of ENCODERS)
          expect(sent.filter((m) => m.visibleText.includes(`${encoder}:`))).to.have.length(1);
      }
      const rows = await station.outbox();
      expect(rows).to.have.length(6);
      expect(
        rows.some((row) => row.attempts > 1),
        'the outbox retried',
      ).to.equal(true);
    });
  });
}
