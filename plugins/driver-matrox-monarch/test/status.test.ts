import { expect } from 'chai';
import { DriverError, type EncoderOutput } from '@encoder-manager/sdk';
import { parseGetStatus, type MonarchStatus } from '../src/index.js';
import { outputsOf } from '../src/outputs.js';

type Row = readonly [reply: string, format: MonarchStatus['format'], name: string, outputs: string[]];

// Every reply quoted in encoders.md §3.3, as `id kind state raw`.
const DOCUMENTED: readonly Row[] = [
  [
    'RECORD: READY, STREAM:RTMP,READY, NAME:DEVICE1',
    'hd',
    'DEVICE1',
    ['record record idle READY', 'stream stream idle RTMP,READY'],
  ],
  [
    'RECORD: ON, STREAM:RTSP,READY, NAME:DEVICE2',
    'hd',
    'DEVICE2',
    ['record record active ON', 'stream stream idle RTSP,READY'],
  ],
  [
    'RECORD: READY, STREAM:DISABLED,DISABLED, NAME:DEVICE4',
    'hd',
    'DEVICE4',
    ['record record idle READY', 'stream stream disabled DISABLED,DISABLED'],
  ],
  [
    'ENC1:RECORD,READY, ENC2:RTMP,READY, NAME:DEVICE1',
    'hdx',
    'DEVICE1',
    ['enc1 record idle RECORD,READY', 'enc2 stream idle RTMP,READY'],
  ],
  [
    'ENC1:RECORD,ON, ENC2:RTSP,READY, NAME:DEVICE2',
    'hdx',
    'DEVICE2',
    ['enc1 record active RECORD,ON', 'enc2 stream idle RTSP,READY'],
  ],
  [
    'ENC1:RECORD,READY, ENC2:NONE,DISABLED, NAME:DEVICE3',
    'hdx',
    'DEVICE3',
    ['enc1 record idle RECORD,READY', 'enc2 stream disabled NONE,DISABLED'],
  ],
  [
    'ENC1:RECORD,READY,ENC2:RTMP,READY,FILETRANSFER:ON,NAME:DEVICE1',
    'lcs',
    'DEVICE1',
    ['enc1 record idle RECORD,READY', 'enc2 stream idle RTMP,READY'],
  ],
  [
    'RECORD:READY,STREAM:RTMP,ON,NAME:NVS-30',
    'hd',
    'NVS-30',
    ['record record idle READY', 'stream stream active RTMP,ON'],
  ],
];

const brief = (o: EncoderOutput) => `${o.id} ${o.kind} ${o.state} ${o.raw}`;

describe('Monarch GetStatus parsing', () => {
  for (const [reply, format, name, outputs] of DOCUMENTED) {
    it(`reads the documented ${format.toUpperCase()} reply "${reply}"`, () => {
      const status = parseGetStatus(`${reply}\r\n`);
      expect(status).to.include({ format, name });
      expect(outputsOf(status).map(brief)).to.deep.equal(outputs);
    });
  }

  it('reads the LCS file-transfer state and OFF as idle', () => {
    const status = parseGetStatus('ENC1:RECORD,OFF,ENC2:RTMP,ON,FILETRANSFER:OFF,NAME:LCS');
    expect(status.fileTransfer).to.equal('OFF');
    expect(outputsOf(status).map((o) => o.state)).to.deep.equal(['idle', 'active']);
  });

  it('keeps spaces and commas in NAME, which the module loses', () => {
    expect(parseGetStatus('RECORD: READY, STREAM:RTMP,ON, NAME:Council Chamber, East').name).to.equal(
      'Council Chamber, East',
    );
    expect(parseGetStatus('ENC1:RECORD,ON, ENC2:RTMP,ON, NAME:').name).to.equal('');
  });

  it('maps a state word it does not know to unknown, keeping the raw words', () => {
    const [, stream] = outputsOf(parseGetStatus('RECORD: READY, STREAM:RTMP,STARTING, NAME:X'));
    expect(stream).to.deep.include({ state: 'unknown', raw: 'RTMP,STARTING' });
  });

  const MALFORMED: readonly [string, string, RegExp][] = [
    [
      'the XML-ish reply of the module mock',
      '<encoder1>False,RTMP</encoder1><encoder2>False,RTMP</encoder2><fanFault>False</fanFault><tempFault>False</tempFault>',
      /answered with markup/,
    ],
    ['an empty reply', '', /has no NAME field/],
    ['a command reply', 'SUCCESS', /has no NAME field/],
    ['a cut-off status', 'RECORD: REA', /has no NAME field/],
    ['no channel fields', 'NAME:X', /fields are missing/],
    ['an HD reply without STREAM', 'RECORD: READY, NAME:X', /fields are RECORD; expected/],
    ['fields in another order', 'STREAM:RTMP,READY, RECORD: READY, NAME:X', /fields are STREAM,RECORD/],
    [
      'a stream without its state',
      'RECORD: READY, STREAM:RTMP, NAME:X',
      /STREAM has 1 value\(s\), expected 2/,
    ],
    [
      'a record with two states',
      'RECORD: READY,ON, STREAM:RTMP,ON, NAME:X',
      /RECORD has 2 value\(s\), expected 1/,
    ],
    ['an unknown field', 'ENC1:RECORD,READY, ENC2:RTMP,READY, FAN:OK, NAME:X', /fields are ENC1,ENC2,FAN/],
    ['control bytes', 'RECORD: REA\u0000\u0007, STREAM:RTMP,ON, NAME:X', /unexpected part/],
    ['a value before any field', 'READY, RECORD: READY, STREAM:RTMP,ON, NAME:X', /unexpected part "READY"/],
  ];
  for (const [name, reply, message] of MALFORMED) {
    it(`refuses ${name} with EM_DRIVER_PROTOCOL quoting the reply`, () => {
      try {
        parseGetStatus(reply);
        expect.fail('expected a protocol error');
      } catch (error) {
        expect(error).to.be.instanceOf(DriverError);
        expect(error).to.include({ code: 'EM_DRIVER_PROTOCOL', raw: reply });
        expect((error as Error).message).to.match(message);
      }
    });
  }
});
