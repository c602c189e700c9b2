import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { WebSocket } from 'ws';

/** A frame as the README documents it. */
export interface Frame {
  readonly epoch: string;
  readonly seq: number;
  readonly prev?: number;
  readonly ts: number;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly mac: string;
}

const TAIL = ',"mac":"'.length + 64 + '"}'.length;

/**
 * A client written from the README alone: derive the MAC key with HKDF-SHA-256(credential, nonce,
 * "encoder-manager/ws-frame-mac/v1"), verify each frame's HMAC over its bytes without the trailing
 * `"mac"` member, and check the chain (`prev` = last seq; seq ≤ last is a duplicate).
 */
export class VerifyingClient {
  readonly frames: Frame[] = [];
  readonly events: Frame[] = [];
  readonly problems: string[] = [];
  last = -1;
  #key: Buffer | undefined;
  closed: { code: number; reason: string } | undefined;

  constructor(
    readonly ws: WebSocket,
    private readonly credential: string,
  ) {
    ws.on('message', (data) => this.receive(data.toString()));
    ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
  }

  /** Checks one frame; returns what a careful client would do with it. */
  receive(text: string): 'ok' | 'bad-mac' | 'duplicate' | 'gap' {
    const frame = JSON.parse(text) as Frame;
    if (!this.#key)
      this.#key = Buffer.from(
        hkdfSync(
          'sha256',
          Buffer.from(this.credential),
          Buffer.from(String(frame.data.nonce), 'base64url'),
          'encoder-manager/ws-frame-mac/v1',
          32,
        ),
      );
    const body = `${text.slice(0, -TAIL)}}`;
    const expected = createHmac('sha256', this.#key).update(body).digest();
    if (!/^[0-9a-f]{64}$/.test(frame.mac) || !timingSafeEqual(expected, Buffer.from(frame.mac, 'hex'))) {
      this.problems.push(`bad mac at seq ${frame.seq}`);
      return 'bad-mac';
    }
    this.frames.push(frame);
    if (frame.prev === undefined) {
      if (frame.type === 'hello' || frame.type === 'snapshot') this.last = Math.max(this.last, frame.seq);
      return 'ok';
    }
    if (frame.seq <= this.last) return 'duplicate';
    if (frame.prev !== this.last) {
      this.problems.push(`gap: prev ${frame.prev}, last ${this.last}`);
      return 'gap';
    }
    this.last = frame.seq;
    this.events.push(frame);
    return 'ok';
  }

  async until(what: () => boolean, timeoutMs = 5000, label = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!what()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${label}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  close(): void {
    this.ws.close();
  }
}

/** The HTTP status of a refused upgrade (before any 101), or 101. */
export function upgradeStatus(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.on('open', () => {
      ws.close();
      resolve({ status: 101, body: '' });
    });
    ws.on('error', () => undefined);
  });
}

/** Opens a verifying connection with a key header (or a ticket in the URL). */
export async function connect(
  url: string,
  credential: string,
  options: { header?: boolean; origin?: string } = {},
): Promise<VerifyingClient> {
  const headers: Record<string, string> =
    options.header === false ? {} : { Authorization: `Bearer ${credential}` };
  if (options.origin) headers.Origin = options.origin;
  const ws = new WebSocket(url, { headers });
  const client = new VerifyingClient(ws, credential);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  await client.until(() => client.frames.length > 0, 5000, 'hello');
  return client;
}
