import { expect } from 'chai';
import { FakeClock } from '@encoder-manager/sdk/testing';
import { quietUntil } from '../src/routing/quiet-hours.js';
import type { QuietHours } from '../src/settings/model.js';
import { alert, openStore, start, testBackends, transition, type OpenStore } from './helpers/harness.js';
import { RecordingNotifier } from './helpers/recording-notifier.js';
import { stationConfig } from './helpers/station.js';

const NIGHTS: QuietHours = {
  start: '22:00',
  end: '07:00',
  timezone: 'America/Chicago',
  days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
  allowSeverities: ['critical'],
};

describe('notifications: quiet hours (time zones)', () => {
  it('holds non-critical messages until the window ends in the recipient zone, across DST', () => {
    // 2026-03-08 is the US spring-forward night: 02:00 CST → 03:00 CDT.
    const at = Date.parse('2026-03-08T06:30:00Z'); // 00:30 CST
    expect(new Date(quietUntil(NIGHTS, 'warning', at) ?? 0).toISOString()).to.equal(
      '2026-03-08T12:00:00.000Z',
    ); // 07:00 CDT
    expect(quietUntil(NIGHTS, 'critical', at)).to.equal(undefined);
    expect(quietUntil(NIGHTS, 'warning', Date.parse('2026-03-09T18:00:00Z'))).to.equal(undefined); // 13:00 CDT
  });

  it('only opens on the listed days (a window starting Friday night covers Saturday morning)', () => {
    const fridayOnly: QuietHours = { ...NIGHTS, days: ['fri'] };
    const saturdayMorning = Date.parse('2026-03-14T10:00:00Z'); // Sat 05:00 CDT
    expect(quietUntil(fridayOnly, 'info', saturdayMorning)).to.equal(Date.parse('2026-03-14T12:00:00Z'));
    const sundayMorning = Date.parse('2026-03-15T10:00:00Z');
    expect(quietUntil(fridayOnly, 'info', sundayMorning)).to.equal(undefined);
  });
});

for (const backend of testBackends()) {
  describe(`notifications: quiet hours end to end on ${backend.name}`, function () {
    this.timeout(30_000);
    let db: OpenStore;
    before(async () => {
      db = await openStore(backend);
    });
    after(() => db.close());

    it('delivers a warning at 07:00 local and a critical alert at once', async () => {
      await db.reset();
      const clock = new FakeClock(Date.parse('2026-03-10T05:30:00Z')); // 00:30 CDT
      const email = new RecordingNotifier('email', clock);
      const config = stationConfig({
        recipients: [
          {
            id: 'cara',
            name: 'Cara',
            roles: ['cablecaster'],
            channels: [{ channel: 'email', address: 'cara@station.test' }],
            quietHours: { start: '22:00', end: '07:00', timezone: 'America/Chicago' },
          },
        ],
        rules: [{ id: 'all', notify: { roles: ['cablecaster'] }, groupBy: ['encoder'] }],
      });
      const run = await start(db.store, config, [email], { clock });
      await run.record(transition(alert('e1', 'firing', { severity: 'warning' }), undefined, clock.now()));
      await run.record(transition(alert('e2', 'firing', { severity: 'critical' }), undefined, clock.now()));
      await clock.advance(30_000);
      await run.tick();
      expect(email.calls.map((c) => c.message.subject)).to.deep.equal(['[CRITICAL] e2 stream is down']);
      await clock.advance(Date.parse('2026-03-10T11:59:00Z') - clock.now());
      await run.tick();
      expect(email.calls).to.have.length(1);
      await clock.advance(60_000);
      await run.tick();
      expect(email.calls.map((c) => c.message.subject)).to.deep.equal([
        '[CRITICAL] e2 stream is down',
        '[WARNING] e1 stream is down',
      ]);
      expect(email.calls[1]?.message.text, 'held by quiet hours is not "late"').not.to.include('Delayed');
      await run.t.stop();
    });
  });
}
