import { DriverError, protocolError, type DeviceAuth, type DeviceReply } from '@encoder-manager/sdk';
import { parseJsonObject } from './reply.js';

/** The HELO login form endpoint (encoders.md §2.1). */
export const LOGIN_PATH = '/authenticator/login';

/**
 * Password login: `POST /authenticator/login` with `password_provided=<pw>`; JSON `login: "success"` and
 * one `Set-Cookie` that goes back as `cookie:` on every request. A 404 from `/config` means the session
 * ran out, so the SDK's HTTP client logs in again once and repeats the request.
 */
export function heloSessionAuth(password: string, target: string): DeviceAuth {
  return {
    type: 'session',
    async login(http, signal) {
      const reply = await http.raw({
        method: 'POST',
        path: LOGIN_PATH,
        body: new URLSearchParams({ password_provided: password }).toString(),
        contentType: 'application/x-www-form-urlencoded',
        signal,
      });
      return { cookie: sessionFrom(reply, target) };
    },
    isExpired: (reply) => reply.status === 404,
  };
}

function sessionFrom(reply: DeviceReply, target: string): string {
  if (reply.status === 503) throw rebootingError(target, reply);
  if (reply.status !== 200)
    throw protocolError(`login at ${target} answered HTTP ${reply.status}`, reply.text);
  const body = parseJsonObject(reply.text, `login reply from ${target}`);
  if (body.login !== 'success') {
    throw new DriverError('EM_DRIVER_AUTH', `${target} refused the password: ${String(body.login)}`, {
      raw: reply.text,
      hint: 'Set `password` to the HELO web UI password (System → Network → Authentication).',
    });
  }
  // The module sends the whole Set-Cookie line back; only `name=value` belongs in a Cookie header.
  const cookie = reply.headers.getSetCookie()[0]?.split(';')[0]?.trim();
  if (!cookie) throw protocolError(`login at ${target} succeeded but set no session cookie`, reply.text);
  return cookie;
}

/** A HELO answers 503 to everything while it reboots. */
export function rebootingError(target: string, reply: DeviceReply): DriverError {
  return new DriverError('EM_DRIVER_UNREACHABLE', `${target} is rebooting (HTTP 503)`, {
    raw: reply.text,
    hint: 'Wait for the reboot to finish; the HELO answers again after about a minute.',
  });
}
