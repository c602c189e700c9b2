import { protocolError } from '@encoder-manager/sdk';

/** One parameter as a `GET /config?action=get` reply carries it. */
export interface HeloParam {
  readonly name: string;
  /** The value as sent: the device's mock sends numbers, the doc expects strings; both are kept. */
  readonly value: string | number;
  /** Enum text (`eRRSStreaming`) or a copy of the value for plain integers; `value` as text when absent. */
  readonly valueName: string;
}

/**
 * Parses a `get` reply such as
 * `{"paramid":"2097225226","name":"eParamID_ReplicatorRecordState","value":"2","value_name":"eRRSRecording"}`.
 * Throws EM_DRIVER_PROTOCOL for anything else, quoting the reply.
 */
export function parseGetReply(text: string, expectedName: string): HeloParam {
  const body = parseJsonObject(text, `reply to get ${expectedName}`);
  const { value, name } = body;
  if (typeof value !== 'string' && typeof value !== 'number') {
    throw protocolError(`reply to get ${expectedName} has no "value"`, text);
  }
  if (name !== undefined && name !== expectedName) {
    throw protocolError(`asked for ${expectedName}, the device answered for ${String(name)}`, text);
  }
  const valueName = typeof body.value_name === 'string' ? body.value_name : String(value);
  return { name: expectedName, value, valueName };
}

/** The integer in a parameter value, accepting `2` and `"2"`; EM_DRIVER_PROTOCOL otherwise. */
export function integerValue(param: HeloParam, raw: string): number {
  const text = String(param.value).trim();
  if (!/^-?\d+$/.test(text)) throw protocolError(`${param.name} is not an integer`, raw);
  return Number.parseInt(text, 10);
}

/** The `error` text of a 400 reply (`{"error":"Parameter ID '…' not found"}`), or the body itself. */
export function errorText(text: string): string {
  try {
    const body: unknown = JSON.parse(text);
    if (isRecord(body) && typeof body.error === 'string') return body.error;
  } catch {
    // Not JSON: quote the body as it is.
  }
  return text.trim().slice(0, 200);
}

/** Parses a JSON object reply, or throws EM_DRIVER_PROTOCOL naming what was being read. */
export function parseJsonObject(text: string, what: string): Record<string, unknown> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw protocolError(`${what} is not JSON`, text);
  }
  if (!isRecord(body)) throw protocolError(`${what} is not a JSON object`, text);
  return body;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
