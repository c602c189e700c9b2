import { expect } from 'chai';
import { OUTPUT_STATES, type OutputState } from '@encoder-manager/sdk';
import {
  MONARCH_STATES,
  monarchState,
  startMatroxMonarchSimulator,
  type MonarchVariant,
} from '../src/index.js';
import { pollDriver } from '@encoder-manager/sdk/testing';
import { driverFor } from './helpers.js';

// encoders.md §3.3 [INFER]: ON = active, READY = idle but enabled, DISABLED = not configured; LCS OFF.
const TABLE: readonly [mode: string, state: string, expected: OutputState][] = [
  ['RTMP', 'ON', 'active'],
  ['RTMP', 'READY', 'idle'],
  ['RTSP', 'ON', 'active'],
  ['RTSP', 'READY', 'idle'],
  ['RECORD', 'ON', 'active'],
  ['RECORD', 'READY', 'idle'],
  ['RECORD', 'OFF', 'idle'],
  ['RECORD', 'DISABLED', 'disabled'],
  ['NONE', 'DISABLED', 'disabled'],
  ['NONE', 'READY', 'disabled'],
  ['DISABLED', 'DISABLED', 'disabled'],
  ['RTMP', 'CONNECTING', 'unknown'],
];

describe('Monarch state mapping', () => {
  for (const [mode, state, expected] of TABLE) {
    it(`${mode},${state} → ${expected}`, () => expect(monarchState(mode, state)).to.equal(expected));
  }

  it('maps every documented state word to a normalised state', () => {
    expect(Object.keys(MONARCH_STATES)).to.have.members(['ON', 'READY', 'OFF', 'DISABLED']);
    for (const state of Object.values(MONARCH_STATES)) expect(OUTPUT_STATES).to.include(state);
  });

  const MODELS: readonly [MonarchVariant, Record<string, string>, string[]][] = [
    ['hd', { record: 'DISABLED' }, ['record:record:disabled:DISABLED', 'stream:stream:active:RTMP,ON']],
    ['nvs30', { stream: 'RTSP' }, ['record:record:idle:READY', 'stream:stream:idle:RTSP,READY']],
    ['hdx', { enc1: 'NONE' }, ['enc1:stream:disabled:NONE,DISABLED', 'enc2:stream:active:RTMP,ON']],
    ['lcs', {}, ['enc1:record:idle:RECORD,READY', 'enc2:stream:active:RTMP,ON']],
  ];
  for (const [variant, modes, expected] of MODELS) {
    it(`polls a simulated ${variant} with modes ${JSON.stringify(modes)}`, async () => {
      const sim = await startMatroxMonarchSimulator({ variant, modes });
      try {
        const channel = variant === 'hd' || variant === 'nvs30' ? 'stream' : 'enc2';
        if (!(variant === 'nvs30')) sim.setOutput(channel, 'active');
        const sample = await pollDriver(driverFor(sim.url, { variant }));
        expect(sample.outputs.map((o) => `${o.id}:${o.kind}:${o.state}:${o.raw}`)).to.deep.equal(expected);
        expect(sample.metrics).to.deep.equal({});
      } finally {
        await sim.close();
      }
    });
  }
});
