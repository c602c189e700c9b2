import { expect } from 'chai';
import { OUTPUT_STATES } from '@encoder-manager/sdk';
import { deriveState, type StateFacts } from '../src/index.js';

const base: StateFacts = {
  phase: 'running',
  network: true,
  everStarted: true,
  opened: true,
  framesFlowing: true,
  sinceAdvanceMs: 100,
  stallAfterMs: 1000,
  pid: 42,
};

describe('ffmpeg output state table', () => {
  const table: [string, Partial<StateFacts>, string, string][] = [
    ['never started', { phase: 'idle', everStarted: false }, 'idle', 'IDLE'],
    ['stopped on request', { phase: 'idle' }, 'idle', 'STOPPED'],
    ['stop in progress', { phase: 'stopping' }, 'stopping', 'STOPPING'],
    ['RTMP not yet accepted', { opened: false, framesFlowing: false }, 'starting', 'CONNECTING'],
    ['file not yet opened', { network: false, opened: false, framesFlowing: false }, 'starting', 'OPENING'],
    ['opened, no frame yet', { framesFlowing: false }, 'starting', 'OPENED'],
    ['publishing', {}, 'active', 'PUBLISHING'],
    ['recording', { network: false }, 'active', 'RECORDING'],
    ['progress exactly at the limit', { sinceAdvanceMs: 1000 }, 'active', 'PUBLISHING'],
    [
      'no progress past the limit',
      { sinceAdvanceMs: 1001 },
      'failed',
      'STALLED: no progress from ffmpeg (pid 42) for 1001 ms',
    ],
    [
      'exited with a signature',
      {
        phase: 'failed',
        failure: {
          token: 'BROKEN_PIPE',
          line: 'av_interleaved_write_frame(): Broken pipe',
          code: 'EM_DRIVER_UNREACHABLE',
        },
      },
      'failed',
      'BROKEN_PIPE: av_interleaved_write_frame(): Broken pipe',
    ],
  ];
  for (const [what, facts, state, raw] of table) {
    it(`${what} → ${state} (${raw.split(':')[0]})`, () => {
      const derived = deriveState({ ...base, ...facts });
      expect(derived).to.deep.equal({ state, raw });
      expect(OUTPUT_STATES).to.include(derived.state);
    });
  }
});
