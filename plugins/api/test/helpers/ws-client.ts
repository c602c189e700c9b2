import { WebSocket } from 'ws';
import { FrameVerifier, type Frame } from 'encoder-manager-ws-client';

export type { Frame };

/**
 * A test client over the reference client's verifier (examples/ws-client, written from the README alone):
 * it derives the MAC key from the credential and the hello nonce, verifies every frame's HMAC over the
 * bytes received and checks the chain (`prev` = last seq; seq ≤ last is a duplicate). The test side only
 * keeps what it saw, so ws.test.ts can inspect frames and feed altered ones.
 */
export class VerifyingClient {
  readonly frames: Frame[] = [];
  readonly events: Frame[] = [];
  readonly problems: string[] = [];
  readonly #verifier: FrameVerifier;
  closed: { code: number; reason: string } | undefined;

  constructor(
    readonly ws: WebSocket,
    credential: string,
  ) {
    this.#verifier = new FrameVerifier(credential);
    ws.on('message', (data) => this.receive(String(data)));
    ws.on('close', (code, reason) => (this.closed = { code, reason: reason.toString() }));
  }

  /** seq of the last event accepted (or the hello's position). */
  get last(): number {
    return this.#verifier.chain.last;
  }

  /** Checks one frame; returns what a careful client would do with it. */
  receive(text: string): 'ok' | 'bad-mac' | 'duplicate' | 'gap' | 'invalid' {
    const { verdict, frame, detail } = this.#verifier.receive(text);
    if (verdict === 'tampered' || verdict === 'invalid') {
      this.problems.push(detail ?? verdict);
      return verdict === 'tampered' ? 'bad-mac' : 'invalid';
    }
    this.frames.push(frame!);
    if (verdict === 'gap') this.problems.push(`gap: prev ${frame!.prev}, last ${this.last}`);
    if (verdict === 'ok' && frame!.prev !== undefined) this.events.push(frame!);
    return verdict;
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
