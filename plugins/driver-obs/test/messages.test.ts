import { expect } from 'chai';
import { createHash } from 'node:crypto';
import type { DriverError } from '@encoder-manager/sdk';
import { closeError } from '../src/errors.js';
import { identifyData } from '../src/identify.js';
import { decodeServerMessage, StreamServiceSettings, StreamStatus, validate } from '../src/messages.js';
import { authenticationString, CloseCode } from '../src/protocol.js';

const DOC_AUTH = {
  challenge: '+IxH4CnCiqpX1rM9scsNynZzbOe4KhDeYcTNS3PDaeY=',
  salt: 'lM1GncleQOaCu9lT1yeUZhFYnqhsLLP1G5lAGo3ixaI=',
};

function thrown(fn: () => unknown): DriverError {
  try {
    fn();
  } catch (error) {
    return error as DriverError;
  }
  throw new Error('expected a throw');
}

describe('obs-websocket messages and auth', () => {
  it('computes base64(sha256(base64(sha256(password + salt)) + challenge))', () => {
    const sha = (text: string) => createHash('sha256').update(text).digest('base64');
    const expected = sha(sha('supersecretpassword' + DOC_AUTH.salt) + DOC_AUTH.challenge);
    expect(authenticationString('supersecretpassword', DOC_AUTH.salt, DOC_AUTH.challenge)).to.equal(expected);
    expect(expected).to.equal('1Ct943GAT+6YQUUX47Ia/ncufilbe6+oD6lY+5kaCu4=');
  });

  it('builds Identify with rpcVersion 1, Outputs+General subscriptions, and authentication only when asked', () => {
    expect(identifyData(undefined, undefined)).to.deep.equal({ rpcVersion: 1, eventSubscriptions: 65 });
    expect(identifyData(DOC_AUTH, 'supersecretpassword')).to.have.property(
      'authentication',
      '1Ct943GAT+6YQUUX47Ia/ncufilbe6+oD6lY+5kaCu4=',
    );
    expect(thrown(() => identifyData(DOC_AUTH, undefined)).code).to.equal('EM_DRIVER_AUTH');
  });

  it('decodes the documented example messages', () => {
    const hello = decodeServerMessage(
      JSON.stringify({ op: 0, d: { obsWebSocketVersion: '5.1.0', rpcVersion: 1, authentication: DOC_AUTH } }),
    );
    expect(hello.op).to.equal(0);
    expect(decodeServerMessage('{"op":0,"d":{"obsWebSocketVersion":"5.1.0","rpcVersion":1}}').op).to.equal(0);
    expect(decodeServerMessage('{"op":2,"d":{"negotiatedRpcVersion":1}}').op).to.equal(2);
    const event = decodeServerMessage(
      '{"op":5,"d":{"eventType":"StudioModeStateChanged","eventIntent":1,"eventData":{"studioModeEnabled":true}}}',
    );
    expect(event).to.deep.include({ op: 5 });
    const failure = decodeServerMessage(
      '{"op":7,"d":{"requestType":"SetCurrentProgramScene","requestId":"f819dcf0","requestStatus":{"result":false,"code":608,"comment":"Parameter: sceneName"}}}',
    );
    expect(failure.op === 7 && failure.d.requestStatus.code).to.equal(608);
  });

  it('refuses malformed frames with EM_DRIVER_PROTOCOL naming the problem', () => {
    const cases: [string, string][] = [
      ['{"op":7,"d":{"requestType":"GetStreamStatus","requestStatus":{"resu', 'not JSON'],
      ['[1,2]', 'unknown op'],
      ['{"op":42,"d":{}}', 'unknown op 42'],
      [
        '{"op":7,"d":{"requestType":"X","requestId":"1","requestStatus":{"result":"yes","code":100}}}',
        '/d/requestStatus/result',
      ],
      ['{"op":0,"d":{"rpcVersion":1}}', '/d/obsWebSocketVersion'],
    ];
    for (const [text, words] of cases) {
      const error = thrown(() => decodeServerMessage(text));
      expect(error.code, text).to.equal('EM_DRIVER_PROTOCOL');
      expect(error.message, text).to.contain(words);
    }
  });

  it('checks responseData types', () => {
    const error = thrown(() =>
      validate(StreamStatus, { outputActive: 'true' }, 'GetStreamStatus responseData'),
    );
    expect(error.code).to.equal('EM_DRIVER_PROTOCOL');
    expect(error.message).to.match(/GetStreamStatus responseData is malformed \(\/output/);
  });

  it('maps close codes to driver errors', () => {
    expect(closeError(CloseCode.AuthenticationFailed, 'Authentication failed.').code).to.equal(
      'EM_DRIVER_AUTH',
    );
    expect(closeError(CloseCode.UnsupportedRpcVersion, '').code).to.equal('EM_DRIVER_PROTOCOL');
    expect(closeError(CloseCode.NotIdentified, '').message).to.contain('4007 NotIdentified');
    expect(closeError(CloseCode.SessionInvalidated, '').code).to.equal('EM_DRIVER_UNREACHABLE');
    expect(closeError(1001, 'Server stopping.').message).to.contain('1001 GoingAway (Server stopping.)');
    expect(closeError(1006, '').code).to.equal('EM_DRIVER_UNREACHABLE');
  });

  it('masks the stream key when it quotes a malformed reply', () => {
    const settings = {
      streamServiceType: 7,
      streamServiceSettings: { server: 'rtmp://x/live', key: 'live_8f3k' },
    };
    const error = thrown(() =>
      validate(StreamServiceSettings, settings, 'GetStreamServiceSettings responseData'),
    );
    expect(error.raw).to.contain('"key":"***"').and.not.contain('live_8f3k');
  });
});
