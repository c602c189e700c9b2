import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';

/** Which event frame (counted over every connection, 1-based) the proxy alters. */
export interface TamperPlan {
  readonly alter?: number;
}

/** A WebSocket man-in-the-middle on 127.0.0.1 between a client and the agent. */
export interface TamperingProxy {
  /** `http://127.0.0.1:<port>`: use it as the client's agent URL. */
  readonly url: string;
  /** Request URLs of every upgrade the proxy received (path and query). */
  readonly upgrades: string[];
  /** seq of the frames it altered and dropped. */
  readonly altered: number[];
  readonly dropped: number[];
  /** Cuts every open connection (as a network failure would). */
  cut(): void;
  /** While refusing, upgrades get 503 (the agent looks unreachable). */
  refuse(on: boolean): void;
  /**
   * Drops the `nth` event frame forwarded from now on. Counting from a quiet moment (not from the start,
   * where a reconnect's replays and the old connection's last frames race) makes the drop land on the
   * frame the test means.
   */
  dropFromNow(nth: number): void;
  close(): Promise<void>;
}

const seqOf = (text: string) => Number(/"seq":(\d+)/.exec(text)?.[1]);

/**
 * Forwards upgrades (path, query, Authorization, Origin) to the agent and frames both ways, changing the
 * planned event frames: an altered frame keeps its MAC but gets another `ts`; a dropped one is not sent.
 */
export async function startTamperingProxy(agentPort: number, plan: TamperPlan = {}): Promise<TamperingProxy> {
  const upgrades: string[] = [];
  const altered: number[] = [];
  const dropped: number[] = [];
  const open = new Set<WebSocket>();
  let events = 0;
  let dropAt: number | undefined;
  let refusing = false;
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });

  const tamper = (text: string): string | undefined => {
    if (!text.includes('"prev":')) return text;
    events += 1;
    if (events === dropAt) return void dropped.push(seqOf(text));
    if (events !== plan.alter) return text;
    altered.push(seqOf(text));
    return text.replace(/"ts":(\d+)/, (_, ts: string) => `"ts":${Number(ts) + 1}`);
  };

  const bridge = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    upgrades.push(request.url ?? '');
    if (refusing) return void socket.end('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n');
    const headers: Record<string, string> = {};
    for (const name of ['authorization', 'origin'])
      if (typeof request.headers[name] === 'string') headers[name] = request.headers[name];
    const upstream = new WebSocket(`ws://127.0.0.1:${agentPort}${request.url}`, {
      headers,
      perMessageDeflate: false,
    });
    const early: string[] = [];
    let client: WebSocket | undefined;
    upstream.on('message', (data: RawData) => {
      const text = tamper(String(data));
      if (text === undefined) return;
      if (client) client.send(text);
      else early.push(text);
    });
    upstream.on('unexpected-response', (_req, res) => {
      socket.end(`HTTP/1.1 ${res.statusCode} Refused\r\nContent-Length: 0\r\n\r\n`);
      upstream.terminate();
    });
    upstream.on('error', () => socket.destroy());
    upstream.on('close', () => client?.close());
    upstream.on('open', () =>
      wss.handleUpgrade(request, socket, head, (ws) => {
        client = ws;
        open.add(ws).add(upstream);
        for (const text of early.splice(0)) ws.send(text);
        ws.on('message', (data: RawData) => upstream.send(String(data)));
        ws.on('close', () => upstream.close());
        ws.on('error', () => upstream.terminate());
      }),
    );
  };

  const server = createServer((_req, res) => res.writeHead(404).end());
  server.on('upgrade', bridge);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    upgrades,
    altered,
    dropped,
    cut: () => {
      for (const ws of open) ws.terminate();
      open.clear();
    },
    refuse: (on) => void (refusing = on),
    dropFromNow: (nth) => void (dropAt = events + nth),
    close: () =>
      new Promise((resolve) => {
        for (const ws of open) ws.terminate();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
