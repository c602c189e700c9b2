import { expect } from 'chai';
import { notificationCredentialsRef } from '@encoder-manager/sdk';
import { FakeClock } from '@encoder-manager/sdk/testing';
import {
  alert,
  openStore,
  start,
  testBackends,
  transition,
  type OpenStore,
  type Running,
} from './helpers/harness.js';
import { RecordingNotifier } from './helpers/recording-notifier.js';
import { stationConfig } from './helpers/station.js';

const PASSWORD = 'smtp-pa55word-do-not-leak';

for (const backend of testBackends()) {
  describe(`notifications: settings and secrets on ${backend.name}`, function () {
    this.timeout(30_000);
    let db: OpenStore;
    let run: Running;
    let email: RecordingNotifier;

    before(async () => {
      db = await openStore(backend);
    });
    after(() => db.close());
    beforeEach(async () => {
      await db.reset();
      const clock = new FakeClock();
      email = new RecordingNotifier('email', clock);
      run = await start(db.store, stationConfig(), [email], { clock });
    });
    afterEach(() => run.t.stop());

    it('encrypts channel secrets at rest and never returns them', async () => {
      const view = await run.n.service.putChannel({
        channel: 'email',
        settings: { host: 'smtp.station.test', port: 587 },
        secrets: { password: PASSWORD },
      });
      expect(view).to.deep.equal({
        channel: 'email',
        enabled: true,
        settings: { host: 'smtp.station.test', port: 587 },
        secrets: { password: { set: true } },
      });
      const raw = (await db.store.table('secrets').select('*')) as { ciphertext: string }[];
      expect(raw).to.have.length(1);
      expect(raw[0]?.ciphertext).to.match(/^v1\.[0-9a-f]{8}\.[\w-]+\.[\w-]+\.[\w-]+$/);
      const everyRow = JSON.stringify([
        ...raw,
        ...((await db.store.table('settings').select('*')) as unknown[]),
      ]);
      expect(everyRow).not.to.include(PASSWORD);
      expect(JSON.stringify(await run.n.service.getSettings())).not.to.include(PASSWORD);
      const credentials = run.t.provided.get(notificationCredentialsRef.id)?.[0] as {
        get(c: string): Promise<unknown>;
      };
      expect(await credentials.get('email')).to.deep.include({ secrets: { password: PASSWORD } });
      // Updating settings keeps the secret; null removes it.
      await run.n.service.putChannel({ channel: 'email', settings: { host: 'smtp2.station.test' } });
      expect((await run.n.service.getSettings()).channels[0]?.secrets).to.deep.equal({
        password: { set: true },
      });
      await run.n.service.putChannel({ channel: 'email', secrets: { password: null } });
      expect((await run.n.service.getSettings()).channels[0]?.secrets).to.deep.equal({});
    });

    it('names EM_SECRET_KEY when a secret must be stored without a key, and stores nothing', async () => {
      const keyless = await start(db.store, stationConfig(), [email], { env: {} });
      const error = await keyless.n.service
        .putChannel({ channel: 'telegram', secrets: { botToken: '123:abc' } })
        .catch((e: unknown) => e);
      expect(error).to.have.property('code', 'EM_SECRET_KEY_MISSING');
      expect(String((error as Error).message)).to.include('EM_SECRET_KEY');
      expect(await db.store.table('secrets').select('*')).to.deep.equal([]);
      await keyless.n.service.putChannel({
        channel: 'webhook',
        settings: { url: 'http://127.0.0.1:9/hook' },
      });
      await keyless.t.stop();
    });

    it('refuses to decrypt with another key, with a clear error', async () => {
      await run.n.service.putChannel({ channel: 'email', secrets: { password: PASSWORD } });
      const other = await start(db.store, stationConfig(), [email], {
        env: { EM_SECRET_KEY: 'x'.repeat(40) },
      });
      const credentials = other.t.provided.get(notificationCredentialsRef.id)?.[0] as {
        get(c: string): Promise<unknown>;
      };
      const error = await credentials.get('email').catch((e: unknown) => e);
      expect(error).to.have.property('code', 'EM_SECRET_DECRYPT_FAILED');
      await other.t.stop();
    });

    it('adds recipients, roles and rules through the service and routes with them at once', async () => {
      await run.n.service.putRole({ id: 'captioner', description: 'Live captioning' });
      await run.n.service.putRecipient({
        id: 'cap',
        name: 'Cap Tioner',
        roles: ['captioner'],
        channels: [{ channel: 'email', address: 'cap@station.test' }],
      });
      await run.n.service.putRule({
        id: 'captions',
        priority: 1,
        match: { alertNames: ['caption-loss'] },
        notify: { roles: ['captioner'] },
        groupWaitSec: 0,
      });
      await run.record(
        transition(alert('c1', 'firing', { name: 'caption-loss', labels: {} }), undefined, run.clock.now()),
      );
      await run.tick();
      expect(email.calls.map((c) => c.to.address)).to.deep.equal(['cap@station.test']);
      const settings = await run.n.service.getSettings();
      expect(settings.rules.find((r) => r.id === 'captions')?.source).to.equal('store');
      expect(settings.roles.find((r) => r.id === 'captioner')).to.include({
        builtIn: false,
        source: 'store',
      });
      const inUse = await run.n.service.deleteRole('captioner').catch((e: unknown) => e);
      expect(inUse).to.have.property('code', 'EM_NOTIFY_SETTINGS_INVALID');
      await run.n.service.deleteRule('captions');
      await run.n.service.deleteRecipient('cap');
      await run.n.service.deleteRole('captioner');
      expect((await run.n.service.getSettings()).recipients.map((r) => r.id)).not.to.include('cap');
    });

    it('rejects invalid settings with the field named, and config items as read-only', async () => {
      const badRole = await run.n.service
        .putRule({ id: 'x', notify: { roles: ['enginer'] } })
        .catch((e: unknown) => e as Error);
      expect(badRole).to.have.property('code', 'EM_NOTIFY_SETTINGS_INVALID');
      expect(String((badRole as Error).message)).to.include('rule.notify.roles[0]: unknown role "enginer"');
      const badZone = await run.n.service
        .putRecipient({
          id: 'z',
          name: 'Z',
          roles: [],
          channels: [],
          quietHours: { start: '22:00', end: '07:00', timezone: 'Mars/Olympus' },
        })
        .catch((e: unknown) => e as Error);
      expect(String((badZone as Error).message)).to.include('recipient.quietHours.timezone');
      const badTemplate = await run.n.service
        .putTemplate({ eventType: 'alert.firing', channel: 'email', text: '{{#if}}' })
        .catch((e: unknown) => e as Error);
      expect(String((badTemplate as Error).message)).to.include('template.text: template syntax error');
      const readOnly = await run.n.service
        .putRecipient({ id: 'tom', name: 'Tom', roles: [], channels: [] })
        .catch((e: unknown) => e as Error);
      expect(String((readOnly as Error).message)).to.include('defined in the config file');
    });

    it('skips an invalid stored item at start instead of failing, and reports it', async () => {
      await db.store.table('settings').insert({
        kind: 'rule',
        id: 'broken',
        doc: JSON.stringify({ id: 'broken', notify: { roles: ['ghost'] } }),
        updated_at: 0,
      });
      const again = await start(db.store, stationConfig(), [email]);
      expect(again.n.runtime.settings().rules.map((r) => r.id)).not.to.include('broken');
      expect(
        again.t.logs.some(
          (l) => l.fields.code === 'EM_NOTIFY_SETTINGS_INVALID' && String(l.msg).includes('broken'),
        ),
      ).to.equal(true);
      await again.t.stop();
    });
  });
}
