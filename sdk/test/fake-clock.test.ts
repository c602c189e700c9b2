import { expect } from 'chai';
import { FakeClock } from '@encoder-manager/sdk/testing';

describe('FakeClock', () => {
  it('starts at 2026-01-01 UTC unless told otherwise', () => {
    expect(new FakeClock().now()).to.equal(Date.UTC(2026, 0, 1));
    expect(new FakeClock(5).now()).to.equal(5);
  });

  it('runs due timers in due-time order, ties in insertion order', async () => {
    const clock = new FakeClock(0);
    const order: string[] = [];
    clock.setTimer(() => order.push('c@30'), 30);
    clock.setTimer(() => order.push('a@10'), 10);
    clock.setTimer(() => order.push('b1@20'), 20);
    clock.setTimer(() => order.push('b2@20'), 20);
    clock.setTimer(() => order.push('late@100'), 100);

    await clock.advance(30);

    expect(order).to.deep.equal(['a@10', 'b1@20', 'b2@20', 'c@30']);
    expect(clock.now()).to.equal(30);
    expect(clock.pendingTimers()).to.equal(1);
  });

  it('shows each callback the time it was due, then lands on the target', async () => {
    const clock = new FakeClock(0);
    const seen: number[] = [];
    clock.setTimer(() => seen.push(clock.now()), 15);
    await clock.advance(40);
    expect(seen).to.deep.equal([15]);
    expect(clock.now()).to.equal(40);
  });

  it('runs timers set by callbacks when they fall inside the window', async () => {
    const clock = new FakeClock(0);
    const order: string[] = [];
    clock.setTimer(() => {
      order.push('outer@10');
      clock.setTimer(() => order.push('inner@15'), 5);
      clock.setTimer(() => order.push('outside@60'), 50);
    }, 10);
    clock.setTimer(() => order.push('other@20'), 20);

    await clock.advance(30);

    expect(order).to.deep.equal(['outer@10', 'inner@15', 'other@20']);
    expect(clock.pendingTimers()).to.equal(1);
  });

  it('lets async code chained on sleeps make progress during one advance', async () => {
    const clock = new FakeClock(0);
    const ticks: number[] = [];
    const loop = async (): Promise<void> => {
      for (let i = 0; i < 3; i += 1) {
        await clock.sleep(10);
        await Promise.resolve();
        ticks.push(clock.now());
      }
    };
    const done = loop();

    await clock.advance(30);
    await done;

    expect(ticks).to.deep.equal([10, 20, 30]);
  });

  it('cancels timers, and cancelling twice is harmless', async () => {
    const clock = new FakeClock(0);
    let fired = false;
    const cancel = clock.setTimer(() => (fired = true), 10);
    cancel();
    cancel();
    await clock.advance(20);
    expect(fired).to.equal(false);
    expect(clock.pendingTimers()).to.equal(0);
  });

  it('rejects sleep with the signal reason on abort and drops its timer', async () => {
    const clock = new FakeClock(0);
    const controller = new AbortController();
    const reason = new Error('shutting down');
    const sleeping = clock.sleep(1000, controller.signal);
    expect(clock.pendingTimers()).to.equal(1);

    controller.abort(reason);

    let caught: unknown;
    await sleeping.catch((error: unknown) => (caught = error));
    expect(caught).to.equal(reason);
    expect(clock.pendingTimers()).to.equal(0);
  });

  it('rejects sleep straight away when the signal is already aborted', async () => {
    const clock = new FakeClock(0);
    const reason = new Error('already gone');
    let caught: unknown;
    await clock.sleep(10, AbortSignal.abort(reason)).catch((error: unknown) => (caught = error));
    expect(caught).to.equal(reason);
    expect(clock.pendingTimers()).to.equal(0);
  });

  it('resolves sleep when the clock reaches it', async () => {
    const clock = new FakeClock(0);
    let resolved = false;
    const sleeping = clock.sleep(50).then(() => (resolved = true));
    await clock.advance(49);
    expect(resolved).to.equal(false);
    await clock.advance(1);
    await sleeping;
    expect(resolved).to.equal(true);
  });

  it('runAll jumps through every timer and reports how many ran', async () => {
    const clock = new FakeClock(0);
    clock.setTimer(() => clock.setTimer(() => undefined, 500), 100);
    clock.setTimer(() => undefined, 50);
    expect(await clock.runAll()).to.equal(3);
    expect(clock.now()).to.equal(600);
    expect(clock.pendingTimers()).to.equal(0);
  });

  it('runAll gives up on a timer that re-arms forever', async () => {
    const clock = new FakeClock(0);
    const rearm = (): void => {
      clock.setTimer(rearm, 1);
    };
    rearm();
    let caught: unknown;
    await clock.runAll(20).catch((error: unknown) => (caught = error));
    expect(caught).to.be.instanceOf(Error);
    expect((caught as Error).message).to.match(/more than 20 timers/);
    expect(clock.pendingTimers()).to.equal(1);
  });
});
