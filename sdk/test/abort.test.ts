import { expect } from 'chai';
import { raceAbort } from '../src/index.js';

describe('raceAbort', () => {
  it('settles with the work when it finishes first, and leaves no listener behind', async () => {
    const controller = new AbortController();
    expect(await raceAbort(Promise.resolve(7), controller.signal)).to.equal(7);
    const failing = raceAbort(Promise.reject(new Error('device said no')), controller.signal);
    await failing.then(
      () => expect.fail('should reject'),
      (error: Error) => expect(error.message).to.equal('device said no'),
    );
    let calls = 0;
    controller.signal.addEventListener('abort', () => (calls += 1));
    controller.abort(new Error('late'));
    expect(calls, 'only the test listener ran').to.equal(1);
  });

  it('rejects with the mapped reason as soon as the signal aborts, without waiting for the work', async () => {
    const controller = new AbortController();
    const never = new Promise<number>(() => {});
    const raced = raceAbort(never, controller.signal, (reason) => new Error(`mapped: ${String(reason)}`));
    setTimeout(() => controller.abort('deadline'), 5);
    const error = await raced.then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).to.equal('mapped: deadline');
  });

  it('rejects at once when the signal has already aborted', async () => {
    const reason = new Error('gone');
    const error = await raceAbort(Promise.resolve(1), AbortSignal.abort(reason)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.equal(reason);
  });
});
