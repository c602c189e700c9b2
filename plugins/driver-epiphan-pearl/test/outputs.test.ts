import { expect } from 'chai';
import { DriverError } from '@encoder-manager/sdk';
import { metricsOf } from '../src/driver.js';
import {
  destinationOf,
  parseOutputId,
  publisherOutputId,
  publisherOutputs,
  recorderOutputId,
  recorderOutputs,
} from '../src/outputs.js';
import { SPEC_CHANNELS, SPEC_RECORDERS } from './fixtures.js';

describe('pearl outputs', () => {
  it('names publishers ch<cid>/pub<pid> and recorders rec<rid>, and parses them back', () => {
    expect(publisherOutputId('1', '0')).to.equal('ch1/pub0');
    expect(recorderOutputId('m1')).to.equal('recm1');
    expect(parseOutputId('ch1/pub0')).to.deep.equal({ kind: 'publisher', channel: '1', publisher: '0' });
    expect(parseOutputId('ch12/pub3')).to.deep.equal({ kind: 'publisher', channel: '12', publisher: '3' });
    expect(parseOutputId('recm1')).to.deep.equal({ kind: 'recorder', recorder: 'm1' });
    for (const bad of ['stream', 'ch1', 'ch1/pub', 'rec', 'ch1/pub0/x', '../rec1'])
      expect(() => parseOutputId(bad), bad)
        .to.throw(DriverError)
        .with.property('code', 'EM_DRIVER_UNSUPPORTED');
  });

  it('turns the spec /channels example into stream outputs', () => {
    const outputs = publisherOutputs(SPEC_CHANNELS.result);
    expect(outputs.map((o) => [o.id, o.kind, o.state, o.raw])).to.deep.equal([
      ['ch1/pub0', 'stream', 'idle', 'stopped'],
      ['ch1/pub1', 'stream', 'idle', 'stopped'],
      ['ch1/pub2', 'stream', 'active', 'started'],
    ]);
    expect(outputs[2]?.bitrateKbps).to.equal(3559);
    expect(outputs[0]?.bitrateKbps).to.equal(undefined);
    expect(outputs[0]?.destination).to.equal('rtmp://192.168.114.57/live/');
    expect(outputs[2]?.destination).to.equal(undefined);
  });

  it('turns the spec /recorders/status example into record outputs', () => {
    expect(recorderOutputs(SPEC_RECORDERS.result)).to.deep.equal([
      { id: 'rec1', kind: 'record', state: 'active', raw: 'started' },
      { id: 'rec2', kind: 'record', state: 'idle', raw: 'stopped' },
    ]);
    expect(recorderOutputs([{ id: '3' }])).to.deep.equal([
      { id: 'rec3', kind: 'record', state: 'unknown', raw: 'absent' },
    ]);
  });

  it('reads the destination from nested or flattened settings, without credentials or query', () => {
    expect(
      destinationOf({
        type: 'rtmp',
        rtmp: { url: 'rtmp://user:pw@cdn.example/live?token=1', stream: 'key' },
      }),
    ).to.equal('rtmp://cdn.example/live');
    expect(destinationOf({ type: 'mpegts-udp', mpegts_udp: { url: 'udp://239.0.0.1:6004' } })).to.equal(
      'udp://239.0.0.1:6004',
    );
    expect(destinationOf({ type: 'srt', srt: { url: '' } })).to.equal(undefined);
    expect(destinationOf({ type: 'rtmp', url: 'not a url' })).to.equal(undefined);
    expect(destinationOf(undefined)).to.equal(undefined);
  });

  it('reports only the metrics the Pearl sent', () => {
    const channels = SPEC_CHANNELS.result;
    const full = metricsOf({ uptime: 5490, cpuload: 25, cputemp: 57 }, channels, {
      state: 'ready',
      total: 1000,
      free: 250,
    });
    expect(full).to.deep.equal({
      cpuPct: 25,
      temperatureC: 57,
      uptimeSec: 5490,
      linkErrors: 0,
      mediaPct: 75,
    });
    const bare = metricsOf({}, [{ id: '1', publishers: [] }], { state: 'nodev' });
    expect(bare).to.deep.equal({});
  });
});
