import { expect } from 'chai';
import { OUTPUT_STATES, type OutputState } from '@encoder-manager/sdk';
import { FakeClock, outputOf, pollDriver } from '@encoder-manager/sdk/testing';
import { RECORD_STATES, STREAM_STATES, startAjaHeloSimulator, type AjaHeloSimulator } from '../src/index.js';
import { subStreamOutput } from '../src/outputs.js';
import { replicatorState } from '../src/params.js';
import { driverFor } from './helpers.js';

// encoders.md §2.3/§2.4: Idle = {0,1,5}, Recording/Streaming = {2}, Failed = {3,4}; 0 is "not ready".
const TABLE: readonly [number, string, string, OutputState][] = [
  [0, 'eRRSUninitialized', 'eRRSUninitialized', 'unknown'],
  [1, 'eRRSIdle', 'eRRSIdle', 'idle'],
  [2, 'eRRSRecording', 'eRRSStreaming', 'active'],
  [3, 'eRRSFailingInIdle', 'eRRSFailingInIdle', 'failed'],
  [4, 'eRRSFailingInRecord', 'eRRSFailingInStream', 'failed'],
  [5, 'eRRSShutdown', 'eRRSShutdown', 'idle'],
];

describe('HELO replicator state mapping', () => {
  let sim: AjaHeloSimulator;
  before(async () => (sim = await startAjaHeloSimulator()));
  after(() => sim.close());

  for (const [value, recordName, streamName, state] of TABLE) {
    it(`record ${value} (${recordName}) and stream ${value} (${streamName}) → ${state}`, async () => {
      sim.setReplicatorState('record', value);
      sim.setReplicatorState('stream', value);
      const sample = await pollDriver(driverFor(sim.url));
      expect(outputOf(sample, 'record')).to.deep.equal({
        id: 'record',
        kind: 'record',
        state,
        raw: recordName,
      });
      expect(outputOf(sample, 'stream')).to.deep.equal({
        id: 'stream',
        kind: 'stream',
        state,
        raw: streamName,
      });
    });
  }

  it('covers every documented value with a normalised state', () => {
    for (const table of [RECORD_STATES, STREAM_STATES]) {
      expect(Object.keys(table)).to.deep.equal(['0', '1', '2', '3', '4', '5']);
      for (const info of Object.values(table)) expect(OUTPUT_STATES).to.include(info.state);
    }
  });

  it('maps values outside the enum (newer firmware) to unknown instead of failing the poll', () => {
    expect(replicatorState(STREAM_STATES, 9)).to.equal('unknown');
    expect(replicatorState(STREAM_STATES, -1)).to.equal('unknown');
  });
});

describe('HELO Plus Stream1/Stream2', () => {
  const streaming = { value: 2, valueName: 'eRRSStreaming' };
  const failing = { value: 4, valueName: 'eRRSFailingInStream' };
  const idle = { value: 1, valueName: 'eRRSIdle' };
  const cases: readonly [string, { value: number; valueName: string }, string, OutputState][] = [
    ['streaming, stream has run', streaming, '00:01:02:03', 'active'],
    ['streaming, stream never ran', streaming, '00:00:00:00', 'idle'],
    ['failing, stream has run', failing, '00:00:10:00', 'failed'],
    ['failing, stream never ran', failing, '00:00:00:00', 'idle'],
    ['replicator idle', idle, '00:00:00:00', 'idle'],
  ];
  for (const [name, stream, duration, state] of cases) {
    it(`${name} → ${state}, raw keeps the duration`, () => {
      expect(subStreamOutput('stream2', stream, duration)).to.deep.equal({
        id: 'stream2',
        kind: 'stream',
        state,
        raw: duration,
      });
    });
  }

  it('reads both durations from the device; a single-stream setup leaves stream2 idle', async () => {
    const clock = new FakeClock();
    const sim = await startAjaHeloSimulator({ model: 'helo-plus', dualStream: false, clock });
    try {
      sim.setOutput('stream', 'active');
      await clock.advance(1100);
      const sample = await pollDriver(driverFor(sim.url, { model: 'helo-plus' }));
      expect(sample.outputs.map((o) => `${o.id}:${o.state}`)).to.deep.equal([
        'record:idle',
        'stream:active',
        'stream1:active',
        'stream2:idle',
      ]);
      expect(outputOf(sample, 'stream1').raw).to.match(/^00:00:01:\d\d$/);
      expect(outputOf(sample, 'stream2').raw).to.equal('00:00:00:00');
    } finally {
      await sim.close();
    }
  });

  it('a classic HELO has no Stream1/Stream2 parameters, so a helo-plus config against it fails clearly', async () => {
    const sim = await startAjaHeloSimulator({ model: 'helo' });
    try {
      const sample = await pollDriver(driverFor(sim.url, { model: 'helo-plus' }));
      expect(sample.reachable).to.equal(false);
      expect(sample.error?.code).to.equal('EM_DRIVER_PROTOCOL');
      expect(sample.error?.message).to.contain("Parameter ID 'eParamID_Stream1_Duration' not found");
    } finally {
      await sim.close();
    }
  });
});
