import { expect } from 'chai';
import { EmError, encoderDriversRef } from '@encoder-manager/sdk';
import { createTestContext } from '@encoder-manager/sdk/testing';
import driverAjaHeloPlugin, { driverAjaHeloPlugin as named, startAjaHeloSimulator } from '../src/index.js';
import { validateConfig } from './helpers.js';

describe('driver-aja-helo plugin', () => {
  it('exports one definition as default and named export', () => {
    expect(driverAjaHeloPlugin).to.equal(named);
    expect(driverAjaHeloPlugin).to.include({ name: 'driver-aja-helo', kind: 'driver', sdk: '^1.0.0' });
  });

  it('defaults a minimal encoder from the doc (port 80, 10 s polls, 2 s requests)', () => {
    const { config } = validateConfig({ encoders: [{ id: 'helo-a', host: '10.0.0.21' }] });
    expect(config?.encoders[0]).to.deep.equal({
      id: 'helo-a',
      host: '10.0.0.21',
      port: 80,
      model: 'helo',
      pollIntervalMs: 10_000,
      requestTimeoutMs: 2000,
      controlDeadlineMs: 10_000,
    });
  });

  const invalid: readonly [string, unknown, string][] = [
    ['no encoders', { encoders: [] }, 'must NOT have fewer than 1 items'],
    [
      'a URL as host',
      { encoders: [{ id: 'a', host: 'http://10.0.0.21' }] },
      '/encoders/0/host must match pattern',
    ],
    ['an unknown model', { encoders: [{ id: 'a', host: 'h', model: 'kipro' }] }, 'must be equal to one of'],
    ['an unknown field', { encoders: [{ id: 'a', host: 'h', bitrate: true }] }, 'must NOT have additional'],
    [
      'an empty password',
      { encoders: [{ id: 'a', host: 'h', password: '' }] },
      'password must NOT have fewer',
    ],
  ];
  for (const [name, raw, message] of invalid) {
    it(`rejects ${name}`, () => expect(validateConfig(raw).errors).to.contain(message));
  }

  it('marks the password as a secret', () => {
    const schema = driverAjaHeloPlugin.configSchema as {
      properties: { encoders: { items: { properties: Record<string, { secret?: boolean }> } } };
    };
    expect(schema.properties.encoders.items.properties.password?.secret).to.equal(true);
  });

  it('provides one driver per encoder, which polls its HELO', async () => {
    const sim = await startAjaHeloSimulator({ password: 'pw' });
    const t = createTestContext({ name: 'driver-aja-helo' });
    try {
      const { config } = validateConfig({
        encoders: [
          { id: 'chamber', host: '127.0.0.1', port: sim.port, password: 'pw', labels: { room: 'council' } },
          { id: 'annex', host: '127.0.0.1', port: sim.port, model: 'helo-plus', pollIntervalMs: 2000 },
        ],
      });
      const instance = await driverAjaHeloPlugin.setup(t.ctx, config!);
      const drivers = t.ctx.useAll(encoderDriversRef);
      expect(drivers.map((d) => [d.id, d.family, d.model, d.pollIntervalMs])).to.deep.equal([
        ['chamber', 'aja-helo', 'HELO', 10_000],
        ['annex', 'aja-helo', 'HELO Plus', 2000],
      ]);
      expect(drivers[0]?.labels).to.deep.equal({ room: 'council' });
      const sample = await drivers[0]!.poll(AbortSignal.timeout(5000));
      expect(sample).to.include({ encoderId: 'chamber', reachable: true, at: t.clock.now() });
      expect(t.logs.some((r) => r.level === 'debug' && r.msg === 'polled HELO')).to.equal(true);
      await instance?.stop?.();
    } finally {
      await t.stop();
      await sim.close();
    }
  });

  it('refuses duplicate ids with EM_CONFIG_INVALID and provides nothing', async () => {
    const t = createTestContext({ name: 'driver-aja-helo' });
    const { config } = validateConfig({
      encoders: [
        { id: 'a', host: 'h' },
        { id: 'a', host: 'k' },
      ],
    });
    expect(() => driverAjaHeloPlugin.setup(t.ctx, config!)).to.throw(EmError, 'duplicate encoder id "a"');
    expect(t.provided.size).to.equal(0);
    await t.stop();
  });
});
