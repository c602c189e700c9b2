import { expect } from 'chai';
import { EmError, encoderDriversRef } from '@encoder-manager/sdk';
import { createTestContext } from '@encoder-manager/sdk/testing';
import driverMatroxMonarchPlugin, {
  driverMatroxMonarchPlugin as named,
  startMatroxMonarchSimulator,
} from '../src/index.js';
import { validateConfig } from './helpers.js';

describe('driver-matrox-monarch plugin', () => {
  it('exports one definition as default and named export', () => {
    expect(driverMatroxMonarchPlugin).to.equal(named);
    expect(driverMatroxMonarchPlugin).to.include({
      name: 'driver-matrox-monarch',
      kind: 'driver',
      sdk: '^1.0.0',
    });
  });

  it('defaults a minimal encoder from the doc (port 80, admin/admin, 10 s polls and requests)', () => {
    const { config } = validateConfig({ encoders: [{ id: 'annex', host: '10.0.0.31' }] });
    expect(config?.encoders[0]).to.deep.equal({
      id: 'annex',
      host: '10.0.0.31',
      port: 80,
      variant: 'hd',
      username: 'admin',
      password: 'admin',
      pollIntervalMs: 10_000,
      requestTimeoutMs: 10_000,
      controlDeadlineMs: 10_000,
      retryAttempts: 5,
      retryDelayMs: 250,
    });
  });

  const invalid: readonly [string, unknown, string][] = [
    ['no encoders', { encoders: [] }, 'must NOT have fewer than 1 items'],
    [
      'a URL as host',
      { encoders: [{ id: 'a', host: 'http://10.0.0.31' }] },
      '/encoders/0/host must match pattern',
    ],
    [
      'an unknown variant',
      { encoders: [{ id: 'a', host: 'h', variant: 'edge' }] },
      'must be equal to one of',
    ],
    [
      'an unknown field',
      { encoders: [{ id: 'a', host: 'h', temperature: true }] },
      'must NOT have additional',
    ],
    [
      'zero retry attempts',
      { encoders: [{ id: 'a', host: 'h', retryAttempts: 0 }] },
      'retryAttempts must be >= 1',
    ],
  ];
  for (const [name, raw, message] of invalid) {
    it(`rejects ${name}`, () => expect(validateConfig(raw).errors).to.contain(message));
  }

  it('marks the password as a secret', () => {
    const schema = driverMatroxMonarchPlugin.configSchema as {
      properties: { encoders: { items: { properties: Record<string, { secret?: boolean }> } } };
    };
    expect(schema.properties.encoders.items.properties.password?.secret).to.equal(true);
  });

  it('provides one driver per encoder, which polls its Monarch', async () => {
    const sim = await startMatroxMonarchSimulator({ variant: 'hdx' });
    const t = createTestContext({ name: 'driver-matrox-monarch' });
    try {
      const { config } = validateConfig({
        encoders: [
          { id: 'annex', host: '127.0.0.1', port: sim.port, variant: 'hdx', labels: { room: 'annex' } },
          { id: 'chamber', host: '127.0.0.1', port: sim.port, variant: 'nvs30', pollIntervalMs: 2000 },
        ],
      });
      const instance = await driverMatroxMonarchPlugin.setup(t.ctx, config!);
      const drivers = t.ctx.useAll(encoderDriversRef);
      expect(drivers.map((d) => [d.id, d.family, d.model, d.pollIntervalMs])).to.deep.equal([
        ['annex', 'matrox-monarch', 'Monarch HDX', 10_000],
        ['chamber', 'matrox-monarch', 'Datavideo NVS-30', 2000],
      ]);
      expect(drivers[0]?.labels).to.deep.equal({ room: 'annex' });
      const sample = await drivers[0]!.poll(AbortSignal.timeout(5000));
      expect(sample).to.include({ encoderId: 'annex', reachable: true, at: t.clock.now() });
      expect(t.logs.some((r) => r.level === 'debug' && r.msg === 'polled Monarch')).to.equal(true);
      await instance?.stop?.();
    } finally {
      await t.stop();
      await sim.close();
    }
  });

  it('refuses duplicate ids with EM_CONFIG_INVALID and provides nothing', async () => {
    const t = createTestContext({ name: 'driver-matrox-monarch' });
    const { config } = validateConfig({
      encoders: [
        { id: 'a', host: 'h' },
        { id: 'a', host: 'k' },
      ],
    });
    expect(() => driverMatroxMonarchPlugin.setup(t.ctx, config!)).to.throw(
      EmError,
      'duplicate encoder id "a"',
    );
    expect(t.provided.size).to.equal(0);
    await t.stop();
  });
});
