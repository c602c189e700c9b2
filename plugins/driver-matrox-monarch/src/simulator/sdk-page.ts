import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '@encoder-manager/sdk';
import type { MonarchDevice } from './device.js';
import { sendText } from '@encoder-manager/sdk/simulator';

/** What the garbled fault answers: a cut-off status line with control bytes. */
export const GARBLED_REPLY = 'RECORD: REA\u0000\u0007\uFFFD#ENC';

/** The `sdk.aspx` page of one Monarch: Basic auth, then one command per request. */
export class SdkPage {
  /** `garbled`: every reply is {@link GARBLED_REPLY}. */
  readonly faults = { garbled: false };

  constructor(
    private readonly device: MonarchDevice,
    private readonly options: {
      readonly clock: Clock;
      readonly path: string;
      readonly username: string;
      readonly password: string;
      readonly closing: AbortSignal;
    },
  ) {}

  async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.pathname !== this.options.path) {
      res.writeHead(404, { 'Content-Type': 'text/html' });
      return void res.end('<html><body><h2>404 - File or directory not found.</h2></body></html>');
    }
    if (!this.#authorised(req)) {
      return sendText(res, 401, '401 - Unauthorized: Access is denied due to invalid credentials.', {
        'WWW-Authenticate': 'Basic realm="Monarch"',
      });
    }
    if (this.faults.garbled) return sendText(res, 200, GARBLED_REPLY);
    const answer = this.device.receive(url.searchParams.get('command') ?? '');
    // The reply leaves when the command has finished executing; meanwhile others get RETRY.
    if (answer.afterMs > 0) await this.options.clock.sleep(answer.afterMs, this.options.closing);
    sendText(res, 200, answer.reply.endsWith('\r\n') ? answer.reply : `${answer.reply}\r\n`);
  }

  #authorised(req: IncomingMessage): boolean {
    const [scheme, encoded = ''] = (req.headers.authorization ?? '').split(' ');
    if (scheme !== 'Basic') return false;
    const expected = `${this.options.username}:${this.options.password}`;
    return Buffer.from(encoded, 'base64').toString('utf8') === expected;
  }
}
