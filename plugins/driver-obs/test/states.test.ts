import { expect } from 'chai';
import { OUTPUT_STATES } from '@encoder-manager/sdk';
import { OUTPUT_STATES as OBS_STATES } from '../src/protocol.js';
import { mergeState, OBS_STATE_MAP, polledRecordState, polledStreamState } from '../src/states.js';

const idle = polledStreamState({ outputActive: false, outputReconnecting: false });
const live = polledStreamState({ outputActive: true, outputReconnecting: false, outputCongestion: 0.01 });

describe('obs state mapping', () => {
  it('maps every ObsOutputState', () => {
    expect(Object.keys(OBS_STATE_MAP)).to.have.members([...OBS_STATES]);
    expect(OBS_STATES.map((s) => [s.replace('OBS_WEBSOCKET_OUTPUT_', ''), OBS_STATE_MAP[s]])).to.deep.equal([
      ['UNKNOWN', 'unknown'],
      ['STARTING', 'starting'],
      ['STARTED', 'active'],
      ['STOPPING', 'stopping'],
      ['STOPPED', 'idle'],
      ['RECONNECTING', 'reconnecting'],
      ['RECONNECTED', 'active'],
      ['PAUSED', 'degraded'],
      ['RESUMED', 'active'],
    ]);
    for (const state of Object.values(OBS_STATE_MAP)) expect(OUTPUT_STATES).to.include(state);
  });

  it('reads GetStreamStatus and GetRecordStatus booleans', () => {
    expect(idle).to.deep.equal({ state: 'idle', raw: 'outputActive=false' });
    expect(live).to.deep.equal({ state: 'active', raw: 'outputActive=true' });
    expect(polledStreamState({ outputActive: true, outputReconnecting: true }).state).to.equal(
      'reconnecting',
    );
    expect(
      polledStreamState({ outputActive: true, outputReconnecting: false, outputCongestion: 0.5 }).state,
    ).to.equal('degraded');
    expect(polledRecordState({ outputActive: true, outputPaused: true }).state).to.equal('degraded');
    expect(polledRecordState({ outputActive: false }).state).to.equal('idle');
  });

  it('shows pushed transitions at once and lets the poll win when they contradict it', () => {
    const cases: [string | undefined, typeof idle, string, string][] = [
      [undefined, live, 'active', 'outputActive=true'],
      ['OBS_WEBSOCKET_OUTPUT_STARTING', idle, 'starting', 'OBS_WEBSOCKET_OUTPUT_STARTING'],
      ['OBS_WEBSOCKET_OUTPUT_STARTING', live, 'active', 'outputActive=true'],
      ['OBS_WEBSOCKET_OUTPUT_STARTED', live, 'active', 'OBS_WEBSOCKET_OUTPUT_STARTED'],
      ['OBS_WEBSOCKET_OUTPUT_STARTED', idle, 'idle', 'outputActive=false'],
      ['OBS_WEBSOCKET_OUTPUT_STOPPING', live, 'stopping', 'OBS_WEBSOCKET_OUTPUT_STOPPING'],
      ['OBS_WEBSOCKET_OUTPUT_STOPPING', idle, 'idle', 'outputActive=false'],
      ['OBS_WEBSOCKET_OUTPUT_STOPPED', idle, 'idle', 'OBS_WEBSOCKET_OUTPUT_STOPPED'],
      ['OBS_WEBSOCKET_OUTPUT_STOPPED', live, 'active', 'outputActive=true'],
      ['OBS_WEBSOCKET_OUTPUT_RECONNECTING', live, 'reconnecting', 'OBS_WEBSOCKET_OUTPUT_RECONNECTING'],
      ['OBS_WEBSOCKET_OUTPUT_RECONNECTED', live, 'active', 'OBS_WEBSOCKET_OUTPUT_RECONNECTED'],
      ['OBS_WEBSOCKET_OUTPUT_UNKNOWN', idle, 'idle', 'outputActive=false'],
      ['SOMETHING_NEW', idle, 'idle', 'outputActive=false'],
    ];
    for (const [pushed, polled, state, raw] of cases)
      expect(mergeState(pushed, polled), `${pushed} + ${polled.raw}`).to.deep.equal({ state, raw });
  });

  it('keeps the polled congestion detail under a pushed STARTED', () => {
    const congested = polledStreamState({
      outputActive: true,
      outputReconnecting: false,
      outputCongestion: 0.9,
    });
    expect(mergeState('OBS_WEBSOCKET_OUTPUT_STARTED', congested)).to.deep.equal({
      state: 'degraded',
      raw: 'OBS_WEBSOCKET_OUTPUT_STARTED',
    });
  });
});
