import { expect } from 'chai';
import {
  startMatroxMonarchSimulator,
  type MatroxMonarchSimulator,
  type MonarchVariant,
} from '../src/index.js';
import { controlDriver, emErrorOf, outputOf, pollDriver } from '@encoder-manager/sdk/testing';
import { driverFor } from './helpers.js';

const PATH = '/Monarch/syncconnect/sdk.aspx?command=';

describe('Monarch control', () => {
  let sim: MatroxMonarchSimulator;
  afterEach(() => sim.close());

  const CASES: readonly [MonarchVariant, string, string, string][] = [
    ['hd', 'stream', 'StartStreaming', 'StopStreaming'],
    ['hd', 'record', 'StartRecording', 'StopRecording'],
    ['hd', 'both', 'StartStreamingAndRecording', 'StopStreamingAndRecording'],
    ['hdx', 'enc1', 'StartEncoder1', 'StopEncoder1'],
    ['hdx', 'enc2', 'StartEncoder2', 'StopEncoder2'],
    ['hdx', 'both', 'StartBothEncoders', 'StopBothEncoders'],
    ['lcs', 'both', 'StartBothEncoders', 'StopBothEncoders'],
  ];
  for (const [variant, outputId, start, stop] of CASES) {
    it(`${variant} ${outputId}: ${start} / ${stop}, confirmed from GetStatus`, async () => {
      sim = await startMatroxMonarchSimulator({ variant, commandMs: 100, transitionMs: 250 });
      const driver = driverFor(sim.url, { variant });
      const started = await controlDriver(driver, { type: 'start', outputId });
      // SUCCESS comes after 100 ms; only GetStatus after the 250 ms transition confirms.
      expect(started).to.include({ confirmed: true, state: 'active' });
      expect(started.elapsedMs).to.be.at.least(250);
      const live = (await pollDriver(driver)).outputs.filter((o) => outputId === 'both' || o.id === outputId);
      expect(live.map((o) => o.state)).to.satisfy((states: string[]) => states.every((s) => s === 'active'));
      expect(await controlDriver(driver, { type: 'stop', outputId })).to.include({
        confirmed: true,
        state: 'idle',
      });
      expect(sim.requests()).to.include.members([`GET ${PATH}${start}`, `GET ${PATH}${stop}`]);
    });
  }

  it('"both" leaves a disabled encoder out and confirms the others', async () => {
    sim = await startMatroxMonarchSimulator({ variant: 'hdx', modes: { enc1: 'NONE' } });
    const driver = driverFor(sim.url, { variant: 'hdx' });
    expect(await controlDriver(driver, { type: 'start', outputId: 'both' })).to.include({ confirmed: true });
    expect(outputOf(await pollDriver(driver), 'enc1').state).to.equal('disabled');
  });

  it('explains FAILED in RTSP mode as unsupported', async () => {
    sim = await startMatroxMonarchSimulator({ modes: { stream: 'RTSP' } });
    const error = await emErrorOf(controlDriver(driverFor(sim.url), { type: 'stop', outputId: 'stream' }));
    expect(error.code).to.equal('EM_DRIVER_UNSUPPORTED');
    expect(error.message).to.contain('refused StopStreaming (FAILED): stream (RTSP,READY) is in RTSP mode');
  });

  it('explains FAILED for a record channel disabled in stream-only mode', async () => {
    sim = await startMatroxMonarchSimulator({ modes: { record: 'DISABLED' } });
    const error = await emErrorOf(controlDriver(driverFor(sim.url), { type: 'start', outputId: 'record' }));
    expect(error).to.include({ code: 'EM_DRIVER_UNSUPPORTED' });
    expect(error.message).to.contain('record (DISABLED) is disabled in its current mode');
  });

  it('reports a FAILED start with a working mode (uplink down) as not done, with a hint', async () => {
    sim = await startMatroxMonarchSimulator();
    sim.inject('link-loss');
    const error = await emErrorOf(controlDriver(driverFor(sim.url), { type: 'start', outputId: 'stream' }));
    expect(error).to.include({ code: 'EM_DRIVER_NOT_CONFIRMED' });
    expect(error.message).to.contain('answered FAILED to StartStreaming');
    expect(error.hint).to.contain('RTMP server reachable');
  });

  it('does not confirm a SUCCESS the device never acted on', async () => {
    sim = await startMatroxMonarchSimulator();
    sim.inject('ignore-commands');
    const result = await controlDriver(driverFor(sim.url, { controlDeadlineMs: 700 }), {
      type: 'start',
      outputId: 'stream',
    });
    expect(result).to.include({ confirmed: false, state: 'idle' });
  });

  it('refuses what the model has no command for, without sending anything', async () => {
    sim = await startMatroxMonarchSimulator({ variant: 'lcs' });
    const lcs = driverFor(sim.url, { variant: 'lcs' });
    const single = await emErrorOf(controlDriver(lcs, { type: 'start', outputId: 'enc2' }));
    expect(single).to.include({
      code: 'EM_DRIVER_UNSUPPORTED',
      message: 'Monarch LCS has no command for "enc2"',
    });
    expect(single.hint).to.contain('only starts and stops both encoders together');
    const reboot = await emErrorOf(controlDriver(lcs, { type: 'reboot' }));
    expect(reboot).to.include({
      code: 'EM_DRIVER_UNSUPPORTED',
      message: 'the Monarch SDK has no reboot command',
    });
    expect(await emErrorOf(controlDriver(lcs, { type: 'start', outputId: 'toString' }))).to.include({
      code: 'EM_DRIVER_UNSUPPORTED',
    });
    expect(sim.requests()).to.deep.equal([]);
  });

  it('treats a reply that is neither SUCCESS nor FAILED as a protocol error', async () => {
    sim = await startMatroxMonarchSimulator();
    sim.inject('garbled');
    const error = await emErrorOf(controlDriver(driverFor(sim.url), { type: 'start', outputId: 'stream' }));
    expect(error.code).to.equal('EM_DRIVER_PROTOCOL');
    expect(error.message).to.contain('with neither SUCCESS nor FAILED');
  });
});
