import { expect } from 'chai';
import { encoderDriversRef } from '@encoder-manager/sdk';
import { createTestContext, expectEmError, pollDriver } from '@encoder-manager/sdk/testing';
import { Ajv } from 'ajv';
import driverEpiphanPearlPlugin, {
  configSchema,
  driverEpiphanPearlPlugin as named,
  PEARL_CAPABILITIES,
} from '../src/index.js';
import type { DriverEpiphanPearlConfig } from '../src/index.js';
import { startPearlSimulator } from '../src/simulator/index.js';

const ajv = new Ajv({ useDefaults: true, strict: false, allErrors: true });
const validate = ajv.compile(configSchema);

function defaulted(raw: unknown): DriverEpiphanPearlConfig {
  const copy = structuredClone(raw);
  if (!validate(copy)) throw new Error(ajv.errorsText(validate.errors));
  return copy as DriverEpiphanPearlConfig;
}

describe('driver-epiphan-pearl plugin', () => {
  it('exports one definition as default and named export', () => {
    expect(driverEpiphanPearlPlugin).to.equal(named);
    expect(named).to.include({ name: 'driver-epiphan-pearl', kind: 'driver', sdk: '^1.0.0' });
  });

  it('validates its config: defaults filled, password secret and required, unknown fields refused', () => {
    const config = defaulted({ encoders: [{ id: 'chamber', host: '10.0.0.31', password: 'x' }] });
    expect(config.encoders[0]).to.include({
      port: 80,
      username: 'admin',
      pollIntervalMs: 10_000,
      controlDeadlineMs: 10_000,
    });
    expect(configSchema.properties.encoders.items.properties.password).to.have.property('secret', true);
    expect(validate({ encoders: [{ id: 'a', host: 'h' }] })).to.equal(false);
    expect(validate({ encoders: [{ id: 'a', host: 'h', password: 'p', port: 0 }] })).to.equal(false);
    expect(validate({ encoders: [{ id: 'a', host: 'h', password: 'p', colour: 'red' }] })).to.equal(false);
    expect(validate({ encoders: [] })).to.equal(false);
  });

  it('provides one driver per configured Pearl, which polls the simulator', async () => {
    const sim = await startPearlSimulator();
    const t = createTestContext({ name: 'driver-epiphan-pearl' });
    const config = defaulted({
      encoders: [
        { id: 'chamber', host: '127.0.0.1', port: sim.port, password: 'pearl', labels: { room: 'chamber' } },
        { id: 'committee', host: '127.0.0.1', port: sim.port, password: 'pearl', pollIntervalMs: 5000 },
      ],
    });
    const instance = await driverEpiphanPearlPlugin.setup(t.ctx, config);
    const drivers = t.ctx.useAll(encoderDriversRef);
    expect(drivers.map((d) => [d.id, d.family, d.pollIntervalMs])).to.deep.equal([
      ['chamber', 'epiphan-pearl', 10_000],
      ['committee', 'epiphan-pearl', 5000],
    ]);
    expect(drivers[0]?.labels).to.deep.equal({ room: 'chamber' });
    expect(drivers[0]?.capabilities).to.deep.equal(PEARL_CAPABILITIES);
    expect((await pollDriver(drivers[0]!)).reachable).to.equal(true);
    expect(t.logs.filter((r) => r.level === 'info').map((r) => r.msg)).to.deep.equal([
      'watching 2 Pearl encoders',
    ]);
    await instance?.stop?.();
    await t.stop();
    await sim.close();
  });

  it('refuses two encoders with one id', async () => {
    const t = createTestContext({ name: 'driver-epiphan-pearl' });
    const config = defaulted({
      encoders: [
        { id: 'a', host: 'h1', password: 'p' },
        { id: 'a', host: 'h2', password: 'p' },
      ],
    });
    await expectEmError(() => driverEpiphanPearlPlugin.setup(t.ctx, config), 'EM_CONFIG_INVALID');
    await t.stop();
  });
});
