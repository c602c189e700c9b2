import { expect } from 'chai';
import { Value } from '@sinclair/typebox/value';
import {
  asDriverError,
  assertUniqueEncoderIds,
  DriverError,
  EmError,
  EncoderIdSchema,
  encoderDriversRef,
  provideEncoderDrivers,
  unreachableSample,
  type EncoderDriver,
} from '../src/index.js';
import { createTestContext } from '../src/testing/index.js';

function driver(id: string, closed: string[]): EncoderDriver {
  return {
    id,
    family: 'test',
    labels: {},
    capabilities: [],
    poll: () => Promise.resolve(unreachableSample(id, 0, { code: 'EM_DRIVER_UNREACHABLE', message: 'off' })),
    close: () => Promise.resolve(void closed.push(id)),
  };
}

describe('driver kit', () => {
  it('EncoderIdSchema: lower-case letters, digits and dashes, at most 64, worded per family', () => {
    const schema = EncoderIdSchema({ examples: ['council-helo'] });
    expect(['a', 'council-1', 'x'.repeat(64)].every((id) => Value.Check(schema, id))).to.equal(true);
    expect(['', '-a', 'A', 'a_b', 'x'.repeat(65)].some((id) => Value.Check(schema, id))).to.equal(false);
    expect(schema).to.include({ description: 'Encoder id: lower-case letters, digits and dashes.' });
    expect(EncoderIdSchema({ description: 'Pearl id.' })).to.include({ description: 'Pearl id.' });
  });

  it('unreachableSample keeps only the code and message of a driver error', () => {
    const error = new DriverError('EM_DRIVER_TIMEOUT', 'slow', { raw: 'x', hint: 'wait' });
    expect(unreachableSample('e1', 5, error)).to.deep.equal({
      encoderId: 'e1',
      at: 5,
      reachable: false,
      error: { code: 'EM_DRIVER_TIMEOUT', message: 'slow' },
      outputs: [],
      metrics: {},
    });
  });

  it('asDriverError keeps driver errors and names the target of anything else', () => {
    const auth = new DriverError('EM_DRIVER_AUTH', 'refused');
    expect(asDriverError(auth, 'HELO at http://h')).to.equal(auth);
    const wrapped = asDriverError(new SyntaxError('Unexpected token'), 'HELO at http://h');
    expect(wrapped).to.be.instanceOf(DriverError).and.include({ code: 'EM_DRIVER_PROTOCOL' });
    expect(wrapped.message).to.equal('HELO at http://h: Unexpected token');
  });

  it('refuses two encoders with one id, naming the plugin and the id', () => {
    expect(() => assertUniqueEncoderIds('driver-x', [{ id: 'a' }, { id: 'b' }])).not.to.throw();
    expect(() => assertUniqueEncoderIds('driver-x', [{ id: 'a' }, { id: 'a' }]))
      .to.throw(EmError, 'driver-x: duplicate encoder id "a"')
      .with.property('hint', 'Give every entry under plugins.driver-x.config.encoders its own id.');
  });

  it('provides every driver and closes them all on stop', async () => {
    const t = createTestContext({ name: 'driver-x' });
    const closed: string[] = [];
    const instance = provideEncoderDrivers(t.ctx, [driver('a', closed), driver('b', closed)]);
    expect(t.ctx.useAll(encoderDriversRef).map((d) => d.id)).to.deep.equal(['a', 'b']);
    await instance.stop?.();
    expect(closed.sort()).to.deep.equal(['a', 'b']);
    await t.stop();
  });
});
