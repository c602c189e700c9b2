import { expect } from 'chai';
import { PluginError, createServiceRef } from '@encoder-manager/sdk';
import { definition, loaded, makeHost, stateOf } from '../helpers/host.js';

const never = () => new Promise<never>(() => {});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('PluginHost', () => {
  it('stops waiting for a hung setup at its timeout and reports the plugin, hook and code', async () => {
    let lateStop = false;
    const hung = definition('hung', async () => {
      await sleep(400);
      return { stop: () => void (lateStop = true) };
    });
    const { host } = makeHost([loaded(hung, { setupTimeoutMs: 150 })]);
    const started = Date.now();
    const error = await host.start().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(Date.now() - started).to.be.within(140, 390);
    expect(error).to.be.instanceOf(PluginError);
    expect((error as PluginError).code).to.equal('EM_PLUGIN_SETUP_TIMEOUT');
    expect((error as PluginError).message).to.contain('plugin "hung" (setup): did not finish within 150 ms');
    expect(stateOf(host, 'hung')).to.include({ state: 'failed', code: 'EM_PLUGIN_SETUP_TIMEOUT' });
    await sleep(350);
    expect(lateStop, 'a setup that finishes after its deadline is stopped').to.equal(true);
  });

  it('keeps the other plugins running when one throws under failurePolicy: disable', async () => {
    let ticks = 0;
    const broken = definition('broken', () => {
      throw new Error('cannot open serial port');
    });
    const needsBroken = definition('needs-broken', () => {}, { depends: ['broken'] });
    const healthy = definition('healthy', (ctx) => {
      ctx.schedule.every('tick', { intervalMs: 20 }, () => void (ticks += 1));
    });
    const { host, log } = makeHost([
      loaded(broken, { failurePolicy: 'disable' }),
      loaded(needsBroken),
      loaded(healthy),
    ]);
    await host.start();
    await host.ready();
    await sleep(120);
    expect(stateOf(host, 'broken')).to.include({
      state: 'disabled',
      code: 'EM_PLUGIN_SETUP_FAILED',
      message: 'cannot open serial port',
    });
    expect(stateOf(host, 'needs-broken')).to.include({
      state: 'disabled',
      code: 'EM_PLUGIN_DEPENDENCY_FAILED',
    });
    expect(stateOf(host, 'healthy')?.state).to.equal('loaded');
    expect(ticks).to.be.greaterThan(2);
    expect(
      log.errors().some((line) => line.plugin === 'broken' && line.code === 'EM_PLUGIN_SETUP_FAILED'),
    ).to.equal(true);
    await host.stop();
  });

  it('retries with capped backoff and then sets up the plugins that waited for it', async () => {
    let attempts = 0;
    const flaky = definition('flaky', () => {
      attempts += 1;
      if (attempts < 3) throw new Error(`attempt ${attempts} failed`);
    });
    const dependent = definition('dependent', () => {}, { depends: ['flaky'] });
    const { host } = makeHost([
      loaded(flaky, {
        failurePolicy: 'retry',
        retry: { initialDelayMs: 50, maxDelayMs: 80, maxAttempts: 0 },
      }),
      loaded(dependent),
    ]);
    await host.start();
    await host.ready();
    expect(stateOf(host, 'flaky')).to.include({ state: 'retrying', attempts: 1 });
    expect(stateOf(host, 'dependent')?.state).to.equal('pending');
    await sleep(50 + 80 + 80);
    expect(attempts).to.equal(3);
    expect(stateOf(host, 'flaky')?.state).to.equal('loaded');
    expect(stateOf(host, 'dependent')?.state).to.equal('loaded');
    await host.stop();
  });

  it('gives up after maxAttempts and marks the plugin failed without stopping the agent', async () => {
    const hopeless = definition('hopeless', () => {
      throw new Error('nope');
    });
    const { host } = makeHost([
      loaded(hopeless, {
        failurePolicy: 'retry',
        retry: { initialDelayMs: 100, maxDelayMs: 100, maxAttempts: 2 },
      }),
    ]);
    await host.start();
    await sleep(150);
    expect(stateOf(host, 'hopeless')).to.include({ state: 'failed', attempts: 2 });
    await host.stop();
  });

  it('stops in reverse order and does not let a hanging stop block the rest', async () => {
    const order: string[] = [];
    const first = definition('first', () => ({ stop: () => void order.push('first') }));
    const second = definition('second', () => ({ stop: () => never() }), { depends: ['first'] });
    const third = definition('third', () => ({ stop: () => void order.push('third') }), {
      depends: ['second'],
    });
    const { host, log } = makeHost([loaded(first), loaded(second, { stopTimeoutMs: 100 }), loaded(third)]);
    await host.start();
    await host.stop();
    expect(order).to.deep.equal(['third', 'first']);
    expect(host.statuses().map((s) => s.state)).to.deep.equal(['stopped', 'stopped', 'stopped']);
    expect(
      log
        .errors()
        .some(
          (line) => line.plugin === 'second' && String(line.msg).includes('did not finish within 100 ms'),
        ),
    ).to.equal(true);
  });

  it('withdraws the services of a plugin that failed, and explains a missing service', async () => {
    const ref = createServiceRef<{ ping(): string }>({ id: 'test.pinger' });
    const provider = definition('provider', (ctx) => {
      ctx.provide(ref, { ping: () => 'pong' });
      throw new Error('late failure after provide');
    });
    const consumer = definition('consumer', (ctx) => {
      ctx.use(ref);
    });
    const { host, services } = makeHost([
      loaded(provider, { failurePolicy: 'disable' }),
      loaded(consumer, { failurePolicy: 'disable' }),
    ]);
    await host.start();
    expect(services.tryUse(ref)).to.equal(undefined);
    expect(stateOf(host, 'consumer')).to.include({ state: 'disabled', code: 'EM_SERVICE_MISSING' });
    expect(stateOf(host, 'consumer')?.message).to.contain('needs service test.pinger');
  });

  it('publishes plugin.state events on the bus', async () => {
    const { host, bus } = makeHost([loaded(definition('quiet', () => {}))]);
    const seen: string[] = [];
    bus.subscribe(
      'test',
      'plugin.state',
      (event) => void seen.push(`${(event.payload as { state: string }).state}`),
    );
    await host.start();
    await host.stop();
    await bus.idle();
    expect(seen).to.deep.equal(['loaded', 'stopped']);
  });
});
