import {
  createDeviceHttp,
  DriverError,
  protocolError,
  type DeviceReply,
  type DeviceHttp,
} from '@encoder-manager/sdk';
import { errorText, integerValue, parseGetReply, type HeloParam } from './reply.js';
import { heloSessionAuth, rebootingError } from './session.js';

/** Where and how to reach one HELO. */
export interface HeloClientOptions {
  readonly baseUrl: string;
  readonly password?: string;
  readonly timeoutMs: number;
}

/** `GET /config?action=get|set` on one HELO, with replies checked and failures as DriverErrors. */
export interface HeloClient {
  get(paramId: string, signal: AbortSignal): Promise<HeloParam>;
  /** A parameter whose value must be an integer (states, percent, °C). */
  getInteger(paramId: string, signal: AbortSignal): Promise<{ value: number; valueName: string }>;
  /** Sets are GETs on this device (`action=set&paramid=…&value=…`). */
  set(paramId: string, value: number, signal: AbortSignal, extra?: Record<string, string>): Promise<void>;
}

/** Creates the client; with a password every request carries the login session cookie. */
export function createHeloClient(options: HeloClientOptions): HeloClient {
  const target = `HELO at ${options.baseUrl}`;
  const http: DeviceHttp = createDeviceHttp({
    baseUrl: options.baseUrl,
    timeoutMs: options.timeoutMs,
    auth: options.password ? heloSessionAuth(options.password, target) : { type: 'none' },
  });
  const call = async (query: Record<string, string>, signal: AbortSignal): Promise<DeviceReply> => {
    const reply = await http.request({ path: `/config?${new URLSearchParams(query)}`, signal });
    checkStatus(reply, target, query, options.password !== undefined);
    return reply;
  };
  return {
    async get(paramId, signal) {
      const reply = await call({ action: 'get', paramid: paramId }, signal);
      return parseGetReply(reply.text, paramId);
    },
    async getInteger(paramId, signal) {
      const reply = await call({ action: 'get', paramid: paramId }, signal);
      const param = parseGetReply(reply.text, paramId);
      return { value: integerValue(param, reply.text), valueName: param.valueName };
    },
    async set(paramId, value, signal, extra = {}) {
      await call({ action: 'set', paramid: paramId, value: String(value), ...extra }, signal);
    },
  };
}

function checkStatus(
  reply: DeviceReply,
  target: string,
  query: Record<string, string>,
  hasPassword: boolean,
) {
  if (reply.status === 200) return;
  const what = `${query.action} ${query.paramid}`;
  if (reply.status === 503) throw rebootingError(target, reply);
  if (reply.status === 404) {
    // `/config` exists on every HELO; a 404 there is the login wall (the module's own reading).
    throw new DriverError('EM_DRIVER_AUTH', `${target} answered 404 to ${what}: a login is required`, {
      raw: reply.text,
      hint: hasPassword
        ? 'The session was refused right after logging in; check the password and the HELO firmware.'
        : 'Authentication is on for this HELO: set `password` in the driver config.',
    });
  }
  if (reply.status === 400)
    throw protocolError(`${target} rejected ${what}: ${errorText(reply.text)}`, reply.text);
  throw protocolError(`${target} answered HTTP ${reply.status} to ${what}`, reply.text);
}
