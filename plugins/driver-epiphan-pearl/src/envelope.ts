import { DriverError, protocolError, type DeviceReply, type DriverErrorCode } from '@encoder-manager/sdk';
import type { Static, TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { redact } from './redact.js';

/**
 * Unwraps a Pearl API v2.0 reply. Success is `{"status":"ok","result":…}`; failures are `ErrorResponse`
 * `{"status":"notfound"|"badrequest"|"unavailable"|…,"message":"…"}` with HTTP 400/403/404/409/503.
 * `what` names the call (e.g. `GET /recorders/status`) so every error says where it came from.
 */
export function readEnvelope<S extends TSchema>(received: DeviceReply, what: string, schema: S): Static<S> {
  // Errors quote the reply; publisher settings in it carry stream keys and passwords.
  const reply = { ...received, text: redact(received.text) };
  const body = parseJson(received, what, reply.text);
  if (typeof body !== 'object' || body === null || typeof (body as { status?: unknown }).status !== 'string')
    throw protocolError(`${what}: the reply is not a Pearl {"status":…} envelope`, reply.text);
  const envelope = body as { status: string; message?: unknown; result?: unknown };
  if (envelope.status !== 'ok') throw envelopeError(reply, what, envelope.status, envelope.message);
  if (reply.status < 200 || reply.status > 299)
    throw protocolError(`${what}: HTTP ${reply.status} with status "ok"`, reply.text);
  if (!Value.Check(schema, envelope.result)) {
    const first = Value.Errors(schema, envelope.result).First();
    const where = first ? `result${first.path.replaceAll('/', '.')}: ${first.message}` : 'result';
    throw protocolError(`${what}: unexpected reply (${where})`, reply.text);
  }
  return envelope.result;
}

function parseJson(reply: DeviceReply, what: string, safeText: string): unknown {
  try {
    return JSON.parse(reply.text) as unknown;
  } catch {
    if (reply.status === 503) throw unavailable(what, `HTTP 503 (${safeText.slice(0, 60)})`);
    throw protocolError(`${what}: HTTP ${reply.status} with a body that is not JSON`, safeText);
  }
}

function envelopeError(reply: DeviceReply, what: string, status: string, message: unknown): DriverError {
  const text = typeof message === 'string' && message !== '' ? message : '(no message)';
  const detail = `${status} "${text}" (HTTP ${reply.status})`;
  if (reply.status === 503 || status === 'unavailable') return unavailable(what, detail);
  const code: DriverErrorCode =
    reply.status === 404 || status === 'notfound' ? 'EM_DRIVER_UNSUPPORTED' : 'EM_DRIVER_PROTOCOL';
  return new DriverError(code, `${what}: the Pearl answered ${detail}`, {
    raw: reply.text,
    hint:
      code === 'EM_DRIVER_UNSUPPORTED'
        ? 'Check the channel/publisher/recorder id; REST API v2.0 needs Pearl firmware 4.24.1 or newer.'
        : undefined,
  });
}

function unavailable(what: string, detail: string): DriverError {
  return new DriverError('EM_DRIVER_UNREACHABLE', `${what}: the Pearl is unavailable: ${detail}`, {
    hint: 'The device answers 503 while it starts up or reboots; it should recover by itself.',
  });
}
