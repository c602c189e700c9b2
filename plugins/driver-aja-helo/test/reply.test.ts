import { expect } from 'chai';
import { DriverError } from '@encoder-manager/sdk';
import { errorText, integerValue, parseGetReply } from '../src/reply.js';

const RECORD = 'eParamID_ReplicatorRecordState';

function protocolFailure(fn: () => unknown): DriverError {
  try {
    fn();
  } catch (error) {
    expect(error).to.be.instanceOf(DriverError);
    expect((error as DriverError).code).to.equal('EM_DRIVER_PROTOCOL');
    return error as DriverError;
  }
  throw new Error('expected EM_DRIVER_PROTOCOL');
}

describe('HELO /config reply parsing', () => {
  const valid: readonly [string, string, number, string][] = [
    [
      'string value (what the doc recommends simulators send)',
      `{"paramid":"2097225226","name":"${RECORD}","value":"2","value_name":"eRRSRecording"}`,
      2,
      'eRRSRecording',
    ],
    [
      'numeric value (the module mock)',
      `{"paramid":"2097225226","name":"${RECORD}","value":2,"value_name":"eRRSRecording"}`,
      2,
      'eRRSRecording',
    ],
    ['no value_name (the python mock for plain params)', `{"name":"${RECORD}","value":1}`, 1, '1'],
    ['no name echo', `{"value":" 5 ","value_name":"eRRSShutdown"}`, 5, 'eRRSShutdown'],
  ];
  for (const [name, text, value, valueName] of valid) {
    it(`reads ${name}`, () => {
      const param = parseGetReply(text, RECORD);
      expect(integerValue(param, text)).to.equal(value);
      expect(param.valueName).to.equal(valueName);
    });
  }

  it('keeps string parameters (durations) as text', () => {
    const param = parseGetReply(
      '{"name":"eParamID_Stream1_Duration","value":"00:00:05:12"}',
      'eParamID_Stream1_Duration',
    );
    expect(param.value).to.equal('00:00:05:12');
  });

  const malformed: readonly [string, string, RegExp][] = [
    ['HTML instead of JSON', '<html><body>Login</body></html>', /is not JSON/],
    ['truncated JSON', '{"paramid":"2097225226","name":"eParamID_Repl', /is not JSON/],
    ['a JSON array', '[1,2]', /is not a JSON object/],
    ['null', 'null', /is not a JSON object/],
    ['no value', `{"name":"${RECORD}"}`, /has no "value"/],
    ['an object as value', `{"name":"${RECORD}","value":{"x":1}}`, /has no "value"/],
    [
      'another parameter',
      '{"name":"eParamID_Temperature","value":"40"}',
      /answered for eParamID_Temperature/,
    ],
  ];
  for (const [name, text, message] of malformed) {
    it(`refuses ${name} with EM_DRIVER_PROTOCOL quoting the reply`, () => {
      const error = protocolFailure(() => parseGetReply(text, RECORD));
      expect(error.message).to.match(message);
      expect(error.raw).to.equal(text);
    });
  }

  it('refuses a non-integer where an integer is needed', () => {
    const text = `{"name":"${RECORD}","value":"2.5"}`;
    expect(protocolFailure(() => integerValue(parseGetReply(text, RECORD), text)).message).to.contain(
      'is not an integer',
    );
  });

  it('extracts the error text of a 400 reply, or quotes a non-JSON body', () => {
    expect(errorText(`{"error":"Parameter ID 'x' not found"}`)).to.equal("Parameter ID 'x' not found");
    expect(errorText('Bad request: value must be 0 - 9')).to.equal('Bad request: value must be 0 - 9');
  });
});
