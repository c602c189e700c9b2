import { expect } from 'chai';
import { checksRef, EmError } from '@encoder-manager/sdk';
import { createTestContext } from '@encoder-manager/sdk/testing';
import checksEncoderPlugin, { checksEncoderPlugin as named, SettingsResolver } from '../src/index.js';
import { defaultedConfig, schemaCheck } from './helpers.js';

describe('checks-encoder config and plugin', () => {
  it('exports the definition as default and named export, kind check', () => {
    expect(checksEncoderPlugin).to.equal(named);
    expect(checksEncoderPlugin).to.include({
      name: 'checks-encoder',
      version: '0.1.0',
      sdk: '^1.0.0',
      kind: 'check',
    });
  });

  it('declares every default in the schema', () => {
    const config = defaultedConfig({});
    expect(config.temperature).to.deep.equal({
      enabled: true,
      warningC: 75,
      criticalC: 85,
      trend: {
        enabled: true,
        windowSec: 600,
        minSpanSec: 30,
        minSamples: 5,
        minSlopeSigmas: 3,
        maxHorizonFactor: 2,
        aboveC: 60,
        warningWithinMin: 20,
        criticalWithinMin: 10,
      },
    });
    expect(config.droppedFrames).to.deep.equal({
      enabled: true,
      windowSec: 60,
      minSpanSec: 30,
      warningPerMin: 30,
      criticalPerMin: 120,
    });
    expect(config.outputs).to.deep.equal({
      enabled: true,
      expectActive: [],
      learnFromHistory: true,
      startingTimeoutSec: 30,
    });
    expect(config.reachability).to.deep.equal({ enabled: true, severity: 'critical' });
    expect(config.overrides).to.deep.equal([]);
  });

  it('leaves overrides without defaults, so they change only what they name', () => {
    const config = defaultedConfig({
      overrides: [{ match: { encoders: ['a'] }, temperature: { criticalC: 70, warningC: 65 } }],
    });
    expect(config.overrides[0]).to.deep.equal({
      match: { encoders: ['a'] },
      temperature: { criticalC: 70, warningC: 65 },
    });
    const settings = new SettingsResolver(config);
    expect(settings.for({ encoder: 'a' }).temperature.trend.windowSec).to.equal(600);
    expect(settings.for({ encoder: 'a' }).temperature.criticalC).to.equal(70);
    expect(settings.for({ encoder: 'b' }).temperature.criticalC).to.equal(85);
  });

  it('matches overrides by encoder id, by labels, or both, later ones winning; records merge key by key', () => {
    const settings = new SettingsResolver(
      defaultedConfig({
        bitrate: { expectedKbps: { stream: 4500 } },
        overrides: [
          {
            match: { labels: { site: 'annex' } },
            bitrate: { expectedKbps: { backup: 1500 } },
            cpu: { warningPct: 70 },
          },
          { match: { encoders: ['annex-2'], labels: { site: 'annex' } }, cpu: { warningPct: 60 } },
        ],
      }),
    );
    expect(settings.for({ encoder: 'annex-1', site: 'annex' }).bitrate.expectedKbps).to.deep.equal({
      stream: 4500,
      backup: 1500,
    });
    expect(settings.for({ encoder: 'annex-1', site: 'annex' }).cpu.warningPct).to.equal(70);
    expect(settings.for({ encoder: 'annex-2', site: 'annex' }).cpu.warningPct).to.equal(60);
    expect(settings.for({ encoder: 'annex-2', site: 'hq' }).cpu.warningPct).to.equal(85);
  });

  for (const { name, raw, error } of [
    { name: 'an unknown key', raw: { temprature: {} }, error: /must NOT have additional properties/ },
    {
      name: 'an override without a match',
      raw: { overrides: [{ cpu: { warningPct: 50 } }] },
      error: /must have required property 'match'/,
    },
    {
      name: 'an empty match',
      raw: { overrides: [{ match: {} }] },
      error: /must NOT have fewer than 1 properties/,
    },
    { name: 'a percentage over 100', raw: { cpu: { criticalPct: 120 } }, error: /must be <= 100/ },
    {
      name: 'a wrong severity',
      raw: { reachability: { severity: 'page' } },
      error: /must be equal to one of the allowed values/,
    },
  ]) {
    it(`the schema rejects ${name}`, () => {
      const result = schemaCheck(raw);
      expect(result.valid).to.equal(false);
      expect(result.errors).to.match(error);
    });
  }

  it('setup refuses thresholds in the wrong order, naming the path and the fix', async () => {
    const t = createTestContext({ name: 'checks-encoder' });
    const bad = defaultedConfig({
      overrides: [{ match: { encoders: ['a'] }, temperature: { warningC: 90 } }],
    });
    try {
      checksEncoderPlugin.setup(t.ctx, bad);
      expect.fail('setup should throw');
    } catch (error) {
      await t.stop();
      expect(error).to.be.instanceOf(EmError);
      expect((error as EmError).code).to.equal('EM_CONFIG_INVALID');
      expect((error as EmError).message).to.equal(
        'checks-encoder config.overrides[0]: temperature.warningC (90) must be below temperature.criticalC (85)',
      );
      expect((error as EmError).hint).to.equal('Lower warningC or raise criticalC.');
    }
    expect(
      () => new SettingsResolver(defaultedConfig({ temperature: { trend: { minSpanSec: 900 } } })),
    ).to.throw(
      EmError,
      /temperature\.trend\.minSpanSec \(900\) is longer than temperature\.trend\.windowSec \(600\)/,
    );
  });

  it('provides its nine checks on checksRef', async () => {
    const t = createTestContext({ name: 'checks-encoder' });
    await checksEncoderPlugin.setup(t.ctx, defaultedConfig({}));
    const names = t.ctx.useAll(checksRef).map((check) => check.name);
    expect(names).to.deep.equal([
      'reachability',
      'output-state',
      'dropped-frames',
      'bitrate',
      'fps',
      'temperature',
      'cpu',
      'memory',
      'link-errors',
    ]);
    for (const check of t.ctx.useAll(checksRef)) expect(check.description).to.have.length.above(20);
    await t.stop();
  });
});
