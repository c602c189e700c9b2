import { expect } from 'chai';
import { Ajv } from 'ajv';
import {
  cliCommandsRef,
  notificationsServiceRef,
  notifiersRef,
  type CliCommand,
  type FailoverEvent,
} from '@encoder-manager/sdk';
import { bindService, createTestContext, FakeClock } from '@encoder-manager/sdk/testing';
import { configSchema, notificationsPlugin } from '../src/index.js';
import { openStore, start, testBackends, type OpenStore, type Running } from './helpers/harness.js';
import { RecordingNotifier } from './helpers/recording-notifier.js';
import { stationConfig } from './helpers/station.js';

function cli(run: Running): {
  command: CliCommand;
  out: string[];
  err: string[];
  exec(...args: string[]): Promise<number>;
} {
  const command = run.t.provided.get(cliCommandsRef.id)?.[0] as CliCommand;
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (line: string) => out.push(line), err: (line: string) => err.push(line) };
  return { command, out, err, exec: (...args) => command.run(args, io, new AbortController().signal) };
}

for (const backend of testBackends()) {
  describe(`notifications: test messages, CLI and bus events on ${backend.name}`, function () {
    this.timeout(30_000);
    let db: OpenStore;
    let email: RecordingNotifier;
    let telegram: RecordingNotifier;
    let run: Running;

    before(async () => {
      db = await openStore(backend);
    });
    after(() => db.close());
    beforeEach(async () => {
      await db.reset();
      const clock = new FakeClock();
      email = new RecordingNotifier('email', clock);
      telegram = new RecordingNotifier('telegram', clock);
      const rules = [
        ...(stationConfig().rules ?? []),
        {
          id: 'failovers',
          match: { eventTypes: ['failover.*'] },
          notify: { roles: ['engineer'] },
          groupWaitSec: 0,
        },
      ];
      run = await start(db.store, stationConfig({ rules }), [email, telegram], { clock });
    });
    afterEach(() => run.t.stop());

    it('`notify test --to <role>` sends now through the outbox and reports each delivery', async () => {
      telegram.then({ status: 'permanent', reason: 'Bad Request: chat not found' });
      const c = cli(run);
      expect(c.command.name).to.equal('notify');
      const code = await c.exec('test', '--to', 'engineer');
      expect(code).to.equal(1);
      expect(c.out.some((l) => /^ok {3}email → erin <erin@station\.test>: delivered \[/.test(l))).to.equal(
        true,
      );
      expect(c.out).to.include.members(['1 of 2 delivered']);
      expect(
        c.out.some((l) =>
          l.startsWith('FAIL telegram → erin <1002>: dead (permanent: Bad Request: chat not found)'),
        ),
      ).to.equal(true);
      expect(email.calls[0]?.message.subject).to.equal('Test notification from Metro Public Access');
    });

    it('`notify test --to <recipient> --channel email` exits 0 when delivered; usage errors exit 2', async () => {
      const c = cli(run);
      expect(await c.exec('test', '--to', 'tom', '--channel', 'email')).to.equal(0);
      expect(email.calls).to.have.length(1);
      expect(telegram.calls).to.have.length(0);
      expect(await c.exec('test')).to.equal(2);
      expect(await c.exec('frobnicate')).to.equal(2);
      expect(await c.exec('test', '--to', 'nobody')).to.equal(1);
      expect(c.err.join('\n')).to.include('EM_NOTIFY_NOT_FOUND');
    });

    it('`notify dead` lists and `notify replay` queues dead letters', async () => {
      telegram.then({ status: 'permanent', reason: 'Forbidden: bot was kicked from the group chat' });
      await run.n.service.sendTest({ to: 'tom', channel: 'telegram' });
      const c = cli(run);
      expect(await c.exec('dead')).to.equal(0);
      expect(c.out.at(-1)).to.equal('1 dead letter(s)');
      const id = (c.out[0] ?? '').split(' ')[0] ?? '';
      expect(await c.exec('replay', id)).to.equal(0);
      await run.tick();
      expect(telegram.delivered.size).to.equal(1);
    });

    it('routes failover.completed from the bus to engineers in its own transaction', async () => {
      const failover: FailoverEvent = {
        id: 'fo-1',
        channel: 'Council Chamber live',
        from: 'enc-1',
        to: 'enc-2',
        reason: 'stream-down',
        detectedAt: run.clock.now(),
      };
      run.t.ctx.bus.publish('failover.completed', failover);
      await run.t.flush();
      expect(run.t.events.filter((e) => e.name === 'notification.queued')).to.have.length(2);
      await run.tick();
      expect(email.calls[0]?.message.subject).to.equal('[WARNING] Failover completed: Council Chamber live');
      expect(telegram.calls[0]?.message.html).to.include('enc-1 → enc-2: stream-down');
      expect(run.t.events.filter((e) => e.name === 'notification.sent')).to.have.length(2);
    });

    it('runs as a plugin: config validates against its schema and the scheduled worker delivers', async () => {
      const config = stationConfig();
      const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true });
      expect(ajv.validate(configSchema, config), JSON.stringify(ajv.errors)).to.equal(true);
      expect(
        ajv.validate(configSchema, {
          ...config,
          recipients: [{ id: 'X!', name: '', roles: [], channels: [] }],
        }),
      ).to.equal(false);
      const clock = new FakeClock();
      const mail = new RecordingNotifier('email', clock);
      const t = createTestContext({
        name: 'notifications',
        store: db.store,
        clock,
        services: [bindService(notifiersRef, mail)],
      });
      const withCerts = {
        ...config,
        rules: [
          {
            id: 'certs',
            match: { eventTypes: ['cert.*'] },
            notify: { roles: ['engineer'] },
            groupWaitSec: 5,
          },
        ],
      };
      const instance = await notificationsPlugin.setup(t.ctx, withCerts);
      await instance?.ready?.();
      const service = t.provided.get(notificationsServiceRef.id)?.[0];
      expect(service).to.have.property('sendTest');
      const start = clock.now();
      t.ctx.bus.publish('cert.expiring', {
        host: 'stream.station.test',
        notAfter: clock.now(),
        daysLeft: 3,
        severity: 'warning',
        at: clock.now(),
      });
      await t.flush();
      await clock.advance(4_000);
      expect(mail.calls).to.have.length(0, 'still inside the grouping window');
      // The scheduled worker (every 1 s) picks it up; real database I/O runs between fake ticks.
      for (let i = 0; i < 100 && mail.calls.length === 0; i += 1) {
        await clock.advance(1_000);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(clock.now() - start).to.be.at.least(5_000);
      expect(mail.calls.map((c) => c.message.subject)).to.deep.equal([
        '[WARNING] Certificate expires in 3 days: stream.station.test',
      ]);
      await t.stop();
      const bad = await Promise.resolve()
        .then(() =>
          notificationsPlugin.setup(createTestContext({ store: db.store }).ctx, {
            rules: [{ id: 'r', notify: { roles: ['ghost'] } }],
          }),
        )
        .catch((e: unknown) => e);
      expect(bad).to.have.property('code', 'EM_CONFIG_INVALID');
      expect(String((bad as Error).message)).to.include(
        'plugins.notifications.config.rules[0].notify.roles[0]: unknown role "ghost"',
      );
    });
  });
}
