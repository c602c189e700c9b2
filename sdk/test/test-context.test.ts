import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { expect } from 'chai';
import {
  createServiceRef,
  EmError,
  notifiersRef,
  type EventMeta,
  type Notifier,
  type PluginStateEvent,
  type PluginStore,
} from '@encoder-manager/sdk';
import { bindService, createTestContext, FakeClock, type TestContext } from '@encoder-manager/sdk/testing';

const stateEvent = (plugin: string, at = 0): PluginStateEvent => ({ plugin, state: 'loaded', at });

/** Captures the thrown value of `fn` so assertions can inspect its code and message. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
}

describe('createTestContext', () => {
  let t: TestContext;

  afterEach(async () => {
    await t.stop();
  });

  describe('bus', () => {
    it('records every published event with seq, time and the plugin as source', () => {
      t = createTestContext({ name: 'demo', clock: new FakeClock(1000) });
      t.ctx.bus.publish('plugin.state', stateEvent('a'));
      t.ctx.bus.publish('plugin.state', stateEvent('b'));

      expect(t.events.map((e) => e.meta)).to.deep.equal([
        { seq: 1, at: 1000, source: 'demo' },
        { seq: 2, at: 1000, source: 'demo' },
      ]);
      expect(t.events[1]?.payload).to.deep.equal(stateEvent('b'));
    });

    it('delivers asynchronously to `on` and `onAny`, filtered by name', async () => {
      t = createTestContext();
      const byName: string[] = [];
      const metas: EventMeta[] = [];
      const all: string[] = [];
      t.ctx.bus.on('plugin.state', (payload, meta) => {
        byName.push(payload.plugin);
        metas.push(meta);
      });
      t.ctx.bus.onAny((event) => {
        all.push(event.name);
      });

      t.ctx.bus.publish('plugin.state', stateEvent('x'));
      t.ctx.bus.publish('plugin.error', { plugin: 'x', hook: 'job', code: 'E', message: 'm', at: 0 });
      expect(byName, 'nothing delivered before publish returns').to.deep.equal([]);

      await t.flush();
      expect(byName).to.deep.equal(['x']);
      expect(metas[0]?.seq).to.equal(1);
      expect(all).to.deep.equal(['plugin.state', 'plugin.error']);
    });

    it('isolates handler errors: the publisher never sees them, others still get the event, logs record them', async () => {
      t = createTestContext({ name: 'iso' });
      const received: string[] = [];
      t.ctx.bus.on('plugin.state', () => {
        throw new EmError('EM_DRIVER_TIMEOUT', 'boom');
      });
      t.ctx.bus.on('plugin.state', async () => {
        await Promise.resolve();
        throw new Error('async boom');
      });
      t.ctx.bus.on('plugin.state', (payload) => {
        received.push(payload.plugin);
      });

      expect(() => t.ctx.bus.publish('plugin.state', stateEvent('p'))).not.to.throw();
      await t.flush();

      expect(received).to.deep.equal(['p']);
      const errors = t.logs.filter((r) => r.level === 'error');
      expect(errors).to.have.length(2);
      expect(errors[0]?.fields).to.include({
        plugin: 'iso',
        event: 'plugin.state',
        code: 'EM_DRIVER_TIMEOUT',
      });
      expect(errors[0]?.msg).to.contain('boom');
      expect(errors[1]?.fields).to.include({ code: 'EM_PLUGIN_HANDLER_FAILED' });
    });

    it('flush waits for deliveries caused by handlers publishing', async () => {
      t = createTestContext();
      const seen: string[] = [];
      t.ctx.bus.on('plugin.state', async (payload) => {
        await new Promise((resolve) => setImmediate(resolve));
        t.ctx.bus.publish('plugin.error', {
          plugin: payload.plugin,
          hook: 'h',
          code: 'C',
          message: 'm',
          at: 0,
        });
      });
      t.ctx.bus.on('plugin.error', async (payload) => {
        await new Promise((resolve) => setImmediate(resolve));
        seen.push(payload.plugin);
      });

      t.ctx.bus.publish('plugin.state', stateEvent('chain'));
      await t.flush();

      expect(seen).to.deep.equal(['chain']);
      expect(t.events.map((e) => e.name)).to.deep.equal(['plugin.state', 'plugin.error']);
    });

    it('delivers to one subscriber in order and stops after unsubscribe', async () => {
      t = createTestContext();
      const seen: string[] = [];
      const off = t.ctx.bus.on('plugin.state', async (payload) => {
        await new Promise((resolve) => setImmediate(resolve));
        seen.push(payload.plugin);
      });
      t.ctx.bus.publish('plugin.state', stateEvent('1'));
      t.ctx.bus.publish('plugin.state', stateEvent('2'));
      await t.flush();
      off();
      t.ctx.bus.publish('plugin.state', stateEvent('3'));
      await t.flush();
      expect(seen).to.deep.equal(['1', '2']);
    });

    it('drops per the overflow policy when a subscriber queue is full', async () => {
      t = createTestContext();
      const newest: string[] = [];
      const oldest: string[] = [];
      t.ctx.bus.on('plugin.state', (p) => void newest.push(p.plugin), {
        queueSize: 2,
        overflow: 'drop-newest',
      });
      t.ctx.bus.on('plugin.state', (p) => void oldest.push(p.plugin), { queueSize: 2 });
      for (const name of ['a', 'b', 'c']) t.ctx.bus.publish('plugin.state', stateEvent(name));
      await t.flush();
      expect(newest).to.deep.equal(['a', 'b']);
      expect(oldest).to.deep.equal(['b', 'c']);
      expect(t.logs.filter((r) => r.level === 'warn')).to.have.length(2);
    });
  });

  describe('logger', () => {
    it('records level, message and fields with the plugin name; child merges bindings', () => {
      t = createTestContext({ name: 'logs' });
      t.ctx.log.info('hello');
      t.ctx.log.child({ encoder: 'e1' }).warn({ tempC: 80 }, 'hot');

      expect(t.logs).to.deep.equal([
        { level: 'info', msg: 'hello', fields: { plugin: 'logs' } },
        { level: 'warn', msg: 'hot', fields: { plugin: 'logs', encoder: 'e1', tempC: 80 } },
      ]);
    });
  });

  describe('store', () => {
    it('throws EM_STORE_CONNECT when no store was given', () => {
      t = createTestContext();
      const error = thrown(() => t.ctx.store);
      expect(error).to.be.instanceOf(EmError);
      expect((error as EmError).code).to.equal('EM_STORE_CONNECT');
      expect((error as EmError).message).to.equal('createTestContext: no store given; pass { store }');
    });

    it('returns the store it was given', () => {
      const store = { prefix: 'test_plugin_' } as unknown as PluginStore;
      t = createTestContext({ store });
      expect(t.ctx.store).to.equal(store);
    });
  });

  describe('services', () => {
    const clockRef = createServiceRef<{ tick(): number }>({ id: 'demo.clock' });

    it('throws EM_SERVICE_MISSING naming the ref, and tryUse returns undefined', () => {
      t = createTestContext();
      const error = thrown(() => t.ctx.use(clockRef));
      expect((error as EmError).code).to.equal('EM_SERVICE_MISSING');
      expect((error as EmError).message).to.contain('demo.clock');
      expect(t.ctx.tryUse(clockRef)).to.equal(undefined);
    });

    it('provides and uses a single service, records it in `provided`, and refuses a second provider', () => {
      t = createTestContext();
      const impl = { tick: () => 1 };
      t.ctx.provide(clockRef, impl);

      expect(t.ctx.use(clockRef)).to.equal(impl);
      expect(t.provided.get('demo.clock')).to.deep.equal([impl]);
      const error = thrown(() => t.ctx.provide(clockRef, { tick: () => 2 }));
      expect((error as EmError).code).to.equal('EM_SERVICE_DUPLICATE');
      expect((error as EmError).message).to.contain('demo.clock');
    });

    it('collects multiple providers, seeded ones first', () => {
      const seeded: Notifier = { channel: 'email', send: async () => ({ status: 'delivered' }) };
      const mine: Notifier = { channel: 'telegram', send: async () => ({ status: 'delivered' }) };
      t = createTestContext({ services: [bindService(notifiersRef, seeded)] });
      t.ctx.provide(notifiersRef, mine);

      expect(t.ctx.useAll(notifiersRef)).to.deep.equal([seeded, mine]);
      expect(t.provided.get(notifiersRef.id)).to.deep.equal([mine]);
    });

    it('treats a seeded single service as already provided', () => {
      t = createTestContext({ services: [bindService(clockRef, { tick: () => 7 })] });
      expect(t.ctx.use(clockRef).tick()).to.equal(7);
      expect((thrown(() => t.ctx.provide(clockRef, { tick: () => 8 })) as EmError).code).to.equal(
        'EM_SERVICE_DUPLICATE',
      );
    });
  });

  describe('lifecycle', () => {
    it('names the plugin, gives a fresh temp dataDir and removes it on stop, aborting the signal', async () => {
      t = createTestContext({ name: 'life', version: '2.1.0' });
      expect(t.ctx.plugin).to.deep.equal({ name: 'life', version: '2.1.0' });
      expect(t.ctx.dataDir.startsWith(tmpdir())).to.equal(true);
      expect(existsSync(t.ctx.dataDir)).to.equal(true);
      expect(t.ctx.signal.aborted).to.equal(false);

      await t.stop();
      await t.stop();

      expect(t.ctx.signal.aborted).to.equal(true);
      expect(existsSync(t.ctx.dataDir)).to.equal(false);
    });

    it('defaults to a FakeClock it hands back for advancing', () => {
      t = createTestContext();
      expect(t.clock).to.be.instanceOf(FakeClock);
      expect(t.ctx.clock).to.equal(t.clock);
    });
  });
});
