import { expect } from 'chai';
import {
  notificationActionsRef,
  type NotificationActionResult,
  type NotificationActions,
  type NotificationActor,
} from '@encoder-manager/sdk';
import { bindService, FakeClock } from '@encoder-manager/sdk/testing';
import { FakeTelegram, type FakeSentMessage } from './helpers/fake-telegram.js';
import { alertMessage, configFor, live, telegramNotifier, until } from './helpers/notifier.js';
import type { TelegramConfig } from '../src/index.js';

interface Call {
  readonly action: 'acknowledge' | 'silence';
  readonly fingerprint: string;
  readonly by: NotificationActor;
  readonly durationMs?: number;
}

/** Stands in for the alert engine: records every action and answers like it would. */
function recordingActions(calls: Call[]): NotificationActions {
  const ok = (message: string): Promise<NotificationActionResult> => Promise.resolve({ ok: true, message });
  return {
    acknowledge: (fingerprint, by) => (
      calls.push({ action: 'acknowledge', fingerprint, by }),
      ok(`Acknowledged by ${by.displayName}`)
    ),
    silence: (fingerprint, durationMs, by) => (
      calls.push({ action: 'silence', fingerprint, by, durationMs }),
      ok('Silenced for 1 h')
    ),
  };
}

describe('notifier-telegram buttons (getUpdates long polling against the fake Bot API)', () => {
  let fake: FakeTelegram;
  beforeEach(async () => (fake = await new FakeTelegram().start()));
  afterEach(async () => fake.close());

  async function started(
    calls: Call[] | undefined,
    overrides: Partial<TelegramConfig> = {},
    clock?: FakeClock,
  ) {
    const services = calls ? [bindService(notificationActionsRef, recordingActions(calls))] : [];
    const running = await telegramNotifier(configFor(fake, overrides), {
      services,
      ready: true,
      ...(clock ? { clock } : {}),
    });
    await running.notifier.send(alertMessage(), { recipientId: 'ops', address: '1001' }, live());
    return { ...running, sent: fake.sent[0] as FakeSentMessage };
  }

  const buttonData = (sent: FakeSentMessage, index: number) =>
    sent.replyMarkup?.inline_keyboard[0]?.[index]?.callback_data ?? '';

  it('Acknowledge calls notificationActions.acknowledge with the fingerprint and who pressed, then answers the query', async () => {
    const calls: Call[] = [];
    const { sent, stop } = await started(calls);
    const queryId = fake.press(sent, buttonData(sent, 0));
    await until(() => fake.state.answers.length === 1);
    await stop();
    expect(calls).to.deep.equal([
      {
        action: 'acknowledge',
        fingerprint: 'a1b2c3d4e5f60718',
        by: { channel: 'telegram', id: '4242', displayName: '@alice' },
      },
    ]);
    expect(fake.state.answers).to.deep.equal([
      { callback_query_id: queryId, text: 'Acknowledged by @alice', show_alert: false },
    ]);
  });

  it('Silence 1h silences for 3,600,000 ms and confirms the offset so the press is not seen twice', async () => {
    const calls: Call[] = [];
    const { sent, stop } = await started(calls);
    fake.press(sent, buttonData(sent, 1));
    await until(() => fake.state.answers.length === 1);
    await until(() => fake.updates.calls.some((call) => call.offset !== undefined));
    await stop();
    expect(calls.map((c) => [c.action, c.durationMs])).to.deep.equal([['silence', 3_600_000]]);
    expect(fake.updates.pending()).to.equal(0);
    expect(fake.updates.calls.every((call) => call.timeout === 1)).to.equal(true);
  });

  it('works for fingerprints longer than callback_data allows (64 bytes)', async () => {
    const calls: Call[] = [];
    const services = [bindService(notificationActionsRef, recordingActions(calls))];
    const running = await telegramNotifier(configFor(fake), { services, ready: true });
    const fingerprint = 'f'.repeat(100);
    await running.notifier.send(
      alertMessage({ fingerprint }),
      { recipientId: 'ops', address: '1001' },
      live(),
    );
    const sent = fake.sent[0] as FakeSentMessage;
    fake.press(sent, buttonData(sent, 0));
    await until(() => fake.state.answers.length === 1);
    await running.stop();
    expect(calls[0]?.fingerprint).to.equal(fingerprint);
  });

  it('refuses people outside allowedUserIds, with an alert and without acting', async () => {
    const calls: Call[] = [];
    const { sent, stop } = await started(calls, {
      actions: { enabled: true, pollTimeoutSec: 1, allowedUserIds: ['777'] },
    });
    fake.press(sent, buttonData(sent, 0));
    await until(() => fake.state.answers.length === 1);
    await stop();
    expect(calls).to.deep.equal([]);
    expect(fake.state.answers[0]).to.include({
      show_alert: true,
      text: 'You are not allowed to act on alerts from Telegram.',
    });
  });

  it('answers that actions are unavailable when no plugin provides notificationActionsRef, and unknown data as expired', async () => {
    const { sent, stop } = await started(undefined);
    fake.press(sent, buttonData(sent, 0));
    fake.press(sent, 'something-else');
    await until(() => fake.state.answers.length === 2);
    await stop();
    expect(fake.state.answers.map((a) => a.text)).to.deep.equal([
      'Alert actions are not available right now (notifications plugin not running).',
      'This button has expired.',
    ]);
  });

  it('stop() ends a long poll in progress at once', async () => {
    const { stop } = await started([], { actions: { enabled: true, pollTimeoutSec: 30 } });
    await until(() => fake.updates.calls.length >= 1);
    const before = Date.now();
    await stop();
    expect(Date.now() - before).to.be.below(1000);
  });

  it('a 409 Conflict (another poller) is logged with a hint and polling resumes after the back-off', async () => {
    const clock = new FakeClock();
    const running = await started([], {}, clock);
    await until(() => fake.updates.calls.length >= 1);
    const rival = fetch(`${fake.apiRoot}/bot${fake.token}/getUpdates?timeout=0`);
    await rival;
    await until(() => running.test.logs.some((r) => r.msg === 'Telegram getUpdates failed'));
    const warning = running.test.logs.find((r) => r.msg === 'Telegram getUpdates failed');
    expect(warning?.fields.hint).to.contain('another program polls this bot');
    const callsBefore = fake.updates.calls.length;
    await clock.advance(60_000);
    await until(() => fake.updates.calls.length > callsBefore);
    await running.stop();
  });
});
