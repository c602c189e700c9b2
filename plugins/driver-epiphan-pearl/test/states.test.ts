import { expect } from 'chai';
import { OUTPUT_STATES } from '@encoder-manager/sdk';
import {
  PUBLISHER_STATE_MAP,
  PUBLISHER_STATES,
  RECORDER_STATE_MAP,
  RECORDER_STATES,
  publisherState,
  recorderState,
} from '../src/states.js';

const healthy = { isConfigured: true, warnings: 0 };

describe('pearl state mapping', () => {
  it('maps every PublisherState of the spec', () => {
    expect(Object.keys(PUBLISHER_STATE_MAP)).to.have.members([...PUBLISHER_STATES]);
    const table = PUBLISHER_STATES.map((raw) => [raw, publisherState(raw, healthy)]);
    expect(table).to.deep.equal([
      ['starting', 'starting'],
      ['listening', 'starting'],
      ['started', 'active'],
      ['stopped', 'idle'],
      ['error', 'failed'],
    ]);
  });

  it('maps every RecorderState of the spec', () => {
    expect(Object.keys(RECORDER_STATE_MAP)).to.have.members([...RECORDER_STATES]);
    const table = RECORDER_STATES.map((raw) => [raw, recorderState(raw)]);
    expect(table).to.deep.equal([
      ['disabled', 'disabled'],
      ['starting', 'starting'],
      ['started', 'active'],
      ['stopped', 'idle'],
      ['error', 'failed'],
    ]);
  });

  it('only produces normalised states', () => {
    for (const state of [...Object.values(PUBLISHER_STATE_MAP), ...Object.values(RECORDER_STATE_MAP)])
      expect(OUTPUT_STATES).to.include(state);
  });

  it('reads a started publisher with warnings or SRT drops as degraded', () => {
    expect(publisherState('started', { ...healthy, warnings: 1 })).to.equal('degraded');
    expect(publisherState('started', { ...healthy, dropRatio: 0.02 })).to.equal('degraded');
    expect(publisherState('started', { ...healthy, dropRatio: 0 })).to.equal('active');
  });

  it('reads a stopped, unconfigured publisher as disabled', () => {
    expect(publisherState('stopped', { isConfigured: false, warnings: 0 })).to.equal('disabled');
    expect(publisherState('error', { isConfigured: false, warnings: 0 })).to.equal('failed');
  });

  it('reads values outside the spec as unknown, including prototype names', () => {
    expect(publisherState('paused', healthy)).to.equal('unknown');
    expect(recorderState('toString')).to.equal('unknown');
    expect(recorderState('')).to.equal('unknown');
  });
});
