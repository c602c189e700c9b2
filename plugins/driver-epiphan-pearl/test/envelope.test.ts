import { expect } from 'chai';
import { DriverError, type DeviceReply } from '@encoder-manager/sdk';
import { Type } from '@sinclair/typebox';
import { readEnvelope } from '../src/envelope.js';
import { ChannelList, NoResult, RecorderStatusList, StorageStatus, SystemStatus } from '../src/replies.js';
import { SPEC_CHANNELS, SPEC_RECORDERS } from './fixtures.js';

function reply(status: number, body: unknown): DeviceReply {
  return { status, headers: new Headers(), text: typeof body === 'string' ? body : JSON.stringify(body) };
}

function failure(fn: () => unknown): DriverError {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(DriverError);
    return error as DriverError;
  }
  throw new Error('expected a DriverError');
}

describe('pearl envelope', () => {
  it('unwraps the spec examples of /channels, /recorders/status, /system/status and storage', () => {
    const channels = readEnvelope(reply(200, SPEC_CHANNELS), 'GET /channels', ChannelList);
    expect(channels[0]?.publishers?.map((p) => p.status?.state)).to.deep.equal([
      'stopped',
      'stopped',
      'started',
    ]);
    const recorders = readEnvelope(reply(200, SPEC_RECORDERS), 'GET /recorders/status', RecorderStatusList);
    expect(recorders.map((r) => r.status?.state)).to.deep.equal(['started', 'stopped']);
    for (const date of ['2025-02-14T08:41:09-05:00', 1739540469]) {
      const body = {
        status: 'ok',
        result: { date, uptime: 5490, cpuload: 25, cpuload_high: false, cputemp: 57, cputemp_threshold: 70 },
      };
      expect(readEnvelope(reply(200, body), 'GET /system/status', SystemStatus).cputemp).to.equal(57);
    }
    const storage = { status: 'ok', result: { state: 'ready', total: 15809413120, free: 11821019136 } };
    expect(readEnvelope(reply(200, storage), 'GET storage', StorageStatus).free).to.equal(11821019136);
  });

  it('accepts the OkResponse of control calls, which has no result', () => {
    expect(readEnvelope(reply(200, { status: 'ok' }), 'POST /recorders/1/control/start', NoResult)).to.equal(
      undefined,
    );
  });

  it('maps error envelopes by status and HTTP code', () => {
    const notFound = failure(() =>
      readEnvelope(
        reply(404, { status: 'notfound', message: "streamer '99' for channel '1' not found" }),
        'POST x',
        NoResult,
      ),
    );
    expect(notFound.code).to.equal('EM_DRIVER_UNSUPPORTED');
    expect(notFound.message).to.contain("streamer '99' for channel '1' not found").and.contain('POST x');
    const bad = failure(() =>
      readEnvelope(
        reply(400, { status: 'badrequest', message: 'Detailed error description' }),
        'GET y',
        NoResult,
      ),
    );
    expect(bad.code).to.equal('EM_DRIVER_PROTOCOL');
    const conflict = failure(() =>
      readEnvelope(reply(409, { status: 'conflict', message: 'busy' }), 'GET y', NoResult),
    );
    expect(conflict.code).to.equal('EM_DRIVER_PROTOCOL');
    const unavailable = failure(() =>
      readEnvelope(reply(503, { status: 'unavailable', message: 'starting' }), 'GET z', NoResult),
    );
    expect(unavailable.code).to.equal('EM_DRIVER_UNREACHABLE');
    expect(
      failure(() => readEnvelope(reply(503, '<html>Service Unavailable</html>'), 'GET z', NoResult)).code,
    ).to.equal('EM_DRIVER_UNREACHABLE');
  });

  it('rejects malformed replies with EM_DRIVER_PROTOCOL quoting the body', () => {
    const cases: [number, unknown][] = [
      [200, '{"status":"ok","result":[{"id":"1","name":"Coun'],
      [200, '<html>login</html>'],
      [200, []],
      [200, { result: [] }],
      [200, { status: 7 }],
      [500, { status: 'ok', result: [] }],
    ];
    for (const [status, body] of cases) {
      const error = failure(() => readEnvelope(reply(status, body), 'GET /channels', ChannelList));
      expect(error.code, JSON.stringify(body)).to.equal('EM_DRIVER_PROTOCOL');
      expect(error.raw).to.be.a('string');
    }
  });

  it('names the offending field when the result has the wrong shape', () => {
    const body = { status: 'ok', result: { cpuload: 'high' } };
    const error = failure(() => readEnvelope(reply(200, body), 'GET /system/status', SystemStatus));
    expect(error.message).to.contain('result.cpuload');
    const list = failure(() =>
      readEnvelope(
        reply(200, { status: 'ok', result: [{ name: 'x' }] }),
        'GET r',
        Type.Array(Type.Object({ id: Type.String() })),
      ),
    );
    expect(list.message).to.contain('result.0.id');
  });

  it('masks stream keys and passwords in the reply it quotes', () => {
    const body =
      '{"status":"ok","result":[{"id":"1","publishers":[{"id":"0","settings":{"rtmp":{"stream":"live_8f3k","password":"hunter2"}}}],"x":';
    const error = failure(() => readEnvelope(reply(200, body), 'GET /channels', ChannelList));
    expect(error.raw).to.contain('"stream":"***"').and.contain('"password":"***"');
    expect(`${error.message} ${error.raw}`).to.not.match(/live_8f3k|hunter2/);
  });
});
