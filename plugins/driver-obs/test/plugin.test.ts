import { expect } from 'chai';
import { encoderDriversRef } from '@encoder-manager/sdk';
import { createTestContext, expectEmError, pollDriver } from '@encoder-manager/sdk/testing';
import { Ajv } from 'ajv';
import driverObsPlugin, { configSchema, driverObsPlugin as named, OBS_CAPABILITIES } from '../src/index.js';
import type { DriverObsConfig } from '../src/index.js';
import { startObsSimulator } from '../src/simulator/index.js';

const ajv = new Ajv({ useDefaults: true, strict: false, allErrors: true });
const validate = ajv.compile(configSchema);

function defaulted(raw: unknown): DriverObsConfig {
  const copy = structuredClone(raw);
  if (!validate(copy)) throw new Error(ajv.errorsText(validate.errors));
  return copy as DriverObsConfig;
}

describe('driver-obs plugin', () => {
  it('exports one definition as default and named export', () => {
    expect(driverObsPlugin).to.equal(named);
    expect(named).to.include({ name: 'driver-obs', kind: 'driver', sdk: '^1.0.0' });
  });

  it('validates its config: defaults filled, password secret and optional, unknown fields refused', () => {
    const config = defaulted({ encoders: [{ id: 'studio-b', host: '10.0.0.40', password: 'x' }] });
    expect(config.encoders[0]).to.include({ port: 4455, pollIntervalMs: 1000, controlDeadlineMs: 10_000 });
    expect(configSchema.properties.encoders.items.properties.password).to.have.property('secret', true);
    expect(validate({ encoders: [{ id: 'a', host: 'h' }] })).to.equal(true);
    expect(validate({ encoders: [{ id: 'a', host: 'h', password: 'p', port: 0 }] })).to.equal(false);
    expect(validate({ encoders: [{ id: 'a', host: 'h', password: 'p', colour: 'red' }] })).to.equal(false);
    expect(validate({ encoders: [] })).to.equal(false);
  });

  it('provides one driver per configured OBS, which polls the simulator', async () => {
    const sim = await startObsSimulator();
    const t = createTestContext({ name: 'driver-obs' });
    const config = defaulted({
      encoders: [
        {
          id: 'chamber',
          host: '127.0.0.1',
          port: sim.port,
          password: 'obs-secret',
          labels: { room: 'chamber' },
        },
        { id: 'committee', host: '127.0.0.1', port: sim.port, password: 'obs-secret', pollIntervalMs: 5000 },
      ],
    });
    const instance = await driverObsPlugin.setup(t.ctx, config);
    const drivers = t.ctx.useAll(encoderDriversRef);
    expect(drivers.map((d) => [d.id, d.family, d.pollIntervalMs])).to.deep.equal([
      ['chamber', 'obs', 1000],
      ['committee', 'obs', 5000],
    ]);
    expect(drivers[0]?.labels).to.deep.equal({ room: 'chamber' });
    expect(drivers[0]?.capabilities).to.deep.equal(OBS_CAPABILITIES);
    expect((await pollDriver(drivers[0]!)).reachable).to.equal(true);
    expect(t.logs.filter((r) => r.level === 'info').map((r) => r.msg)).to.deep.equal([
      'watching 2 OBS instances',
    ]);
    await instance?.stop?.();
    await t.stop();
    await sim.close();
  });

  it('refuses two encoders with one id', async () => {
    const t = createTestContext({ name: 'driver-obs' });
    const config = defaulted({
      encoders: [
        { id: 'a', host: 'h1', password: 'p' },
        { id: 'a', host: 'h2', password: 'p' },
      ],
    });
    await expectEmError(() => driverObsPlugin.setup(t.ctx, config), 'EM_CONFIG_INVALID');
    await t.stop();
  });
});
