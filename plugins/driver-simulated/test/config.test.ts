import { expect } from 'chai';
import { configSchema, DEFAULTS, FAULT_KINDS } from '../src/index.js';
import { check, defaultedConfig } from './helpers.js';

describe('driver-simulated config schema', () => {
  it('fills every default from an empty object', () => {
    expect(defaultedConfig({})).to.deep.equal({ encoders: 3, pollIntervalMs: 5000, seed: 1 });
  });

  it('does not require defaulted fields, so validators that do not fill defaults accept {}', () => {
    expect(configSchema.required ?? []).to.deep.equal([]);
    expect(DEFAULTS).to.deep.include({ encoders: 3, pollIntervalMs: 5000, seed: 1, startAfterSec: 0 });
  });

  it('defaults startAfterSec of a fault to 0', () => {
    const config = defaultedConfig({ faults: [{ encoder: 'sim-1', kind: 'overheat' }] });
    expect(config.faults).to.deep.equal([{ encoder: 'sim-1', kind: 'overheat', startAfterSec: 0 }]);
  });

  it('accepts a count and an explicit list of encoders', () => {
    expect(check({ encoders: 1 }).valid).to.equal(true);
    expect(check({ encoders: 64 }).valid).to.equal(true);
    const list = {
      encoders: [
        { id: 'studio-a', model: 'X', labels: { room: 'a' }, pollIntervalMs: 1000, profile: 'uhd' },
        { id: 'b2' },
      ],
      faults: [{ encoder: 'b2', kind: 'slow-reply', startAfterSec: 5, durationSec: 10 }],
    };
    expect(check(list)).to.deep.equal({ valid: true, errors: '' });
  });

  it('accepts every fault kind', () => {
    for (const kind of FAULT_KINDS)
      expect(check({ faults: [{ encoder: 'sim-1', kind }] }).valid, kind).to.equal(true);
  });

  const bad: Array<[string, unknown]> = [
    ['zero encoders', { encoders: 0 }],
    ['65 encoders', { encoders: 65 }],
    ['a fractional count', { encoders: 2.5 }],
    ['an empty list', { encoders: [] }],
    ['an upper-case id', { encoders: [{ id: 'Studio' }] }],
    ['an id starting with a dash', { encoders: [{ id: '-a' }] }],
    ['an unknown encoder field', { encoders: [{ id: 'a', colour: 'red' }] }],
    ['a non-string label', { encoders: [{ id: 'a', labels: { room: 1 } }] }],
    ['an unknown profile', { encoders: [{ id: 'a', profile: '8k' }] }],
    ['a too short per-encoder poll interval', { encoders: [{ id: 'a', pollIntervalMs: 100 }] }],
    ['a too short poll interval', { pollIntervalMs: 249 }],
    ['a string seed', { seed: 'abc' }],
    ['an unknown top-level field', { encoder: 3 }],
    ['an unknown fault kind', { faults: [{ encoder: 'sim-1', kind: 'fire' }] }],
    ['a fault without encoder', { faults: [{ kind: 'overheat' }] }],
    ['a negative startAfterSec', { faults: [{ encoder: 'sim-1', kind: 'overheat', startAfterSec: -1 }] }],
    ['a zero durationSec', { faults: [{ encoder: 'sim-1', kind: 'overheat', durationSec: 0 }] }],
    ['an unknown fault field', { faults: [{ encoder: 'sim-1', kind: 'overheat', severity: 'high' }] }],
  ];
  for (const [what, raw] of bad) {
    it(`rejects ${what}`, () => {
      const result = check(raw);
      expect(result.valid).to.equal(false);
      expect(result.errors).to.not.equal('');
    });
  }

  it('documents every top-level field with a description and examples', () => {
    for (const [key, prop] of Object.entries(configSchema.properties)) {
      const schema = prop as { description?: string; examples?: unknown[] };
      expect(schema.description, key).to.be.a('string').and.not.equal('');
      expect(schema.examples, key).to.be.an('array').that.is.not.empty;
    }
    expect(configSchema.additionalProperties).to.equal(false);
  });
});
