import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Clock, Logger, WebSocketMetrics } from '@encoder-manager/sdk';
import type { WsSettings } from '../config.js';
import { inactiveReason } from '../keys/record.js';
import type { KeyService } from '../keys/service.js';
import { CLOSE, EventConnection, type ConnectionStats } from './connection.js';
import { deriveMacKey } from './frames.js';
import type { EventHub } from './hub.js';
import { handleMessage } from './messages.js';
import { checkUpgrade, refuse, type AcceptedUpgrade, type GateDeps } from './upgrade.js';

/**
 * The `/api/v1/events` WebSocket: upgrades are checked on the HTTP server's `upgrade` event (so a refused
 * client gets plain 401/403/404 and never a 101), then sockets join the hub. Liveness pings, slow-consumer
 * cut-off, per-message rate limits and key revalidation live here.
 */
export class EventsServer {
  readonly #wss: WebSocketServer;
  readonly #stats: ConnectionStats & { replayed: number; snapshots: number; refused: number; dead: number } =
    {
      framesSent: 0,
      messagesReceived: 0,
      slowConsumerDisconnects: 0,
      replayed: 0,
      snapshots: 0,
      refused: 0,
      dead: 0,
    };
  #rates = { at: 0, sent: 0, received: 0, sentPerSec: 0, receivedPerSec: 0 };

  constructor(
    private readonly hub: EventHub,
    private readonly gate: Omit<GateDeps, 'connectionsFor' | 'totalConnections'>,
    private readonly keys: KeyService,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly settings: WsSettings,
  ) {
    // permessage-deflate stays off (compression side channels, memory fragmentation); UTF-8 is validated.
    this.#wss = new WebSocketServer({
      noServer: true,
      maxPayload: settings.maxPayloadBytes,
      perMessageDeflate: false,
      clientTracking: false,
    });
  }

  /** The HTTP server's `upgrade` listener. */
  readonly onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    const gate = {
      ...this.gate,
      connectionsFor: (id: string) => this.hub.countFor(id),
      totalConnections: () => this.hub.connections.size,
    };
    checkUpgrade(gate, request).then(
      (accepted) => {
        if (socket.destroyed) return;
        this.#wss.handleUpgrade(request, socket, head, (ws) => this.#attach(ws, accepted));
      },
      (error: unknown) => {
        this.#stats.refused += 1;
        refuse(socket, error);
      },
    );
  };

  #attach(ws: WebSocket, accepted: AcceptedUpgrade): void {
    const nonce = randomBytes(16);
    const id = randomBytes(8).toString('hex');
    const connection = new EventConnection(
      id,
      ws,
      accepted.key,
      this.hub.epoch,
      deriveMacKey(accepted.credential, nonce),
      this.clock,
      this.settings.maxBufferedBytes,
      this.#stats,
    );
    connection.filter = accepted.filter;
    this.hub.connections.add(connection);
    ws.on('close', () => this.hub.connections.delete(connection));
    ws.on('pong', () => (connection.alive = true));
    ws.on('error', (error) => this.log.debug({ err: error, connection: id }, 'WebSocket error'));
    ws.on('message', (data: RawData, isBinary: boolean) => this.#onMessage(connection, data, isBinary));
    this.#start(connection, accepted, nonce);
  }

  /** hello, then either exactly the missed frames (resume) or a snapshot, then live events. */
  #start(connection: EventConnection, accepted: AcceptedUpgrade, nonce: Buffer): void {
    const missed =
      accepted.since === undefined ? undefined : this.hub.missedSince(accepted.epoch, accepted.since);
    const position = missed ? accepted.since! : this.hub.seq;
    const { key } = connection;
    connection.control('hello', position, {
      connectionId: connection.id,
      nonce: nonce.toString('base64url'),
      keyId: key.id,
      scope: key.scope,
      ...(key.sites ? { sites: key.sites } : {}),
      filter: connection.filter,
      pingIntervalMs: this.settings.pingIntervalMs,
      resumed: missed !== undefined,
    });
    connection.prev = position;
    if (missed) {
      for (const entry of missed) if (connection.deliver(entry)) this.#stats.replayed += 1;
      return;
    }
    this.#stats.snapshots += 1;
    connection.control('snapshot', position, this.hub.snapshot(connection));
  }

  #onMessage(connection: EventConnection, data: RawData, isBinary: boolean): void {
    if (!connection.countMessage(this.settings.messagesPerMinute))
      return connection.close(CLOSE.policy, 'message rate limit exceeded');
    if (isBinary) return connection.close(CLOSE.policy, 'binary messages are not accepted');
    handleMessage(connection, data.toString(), this.hub.seq);
  }

  /** One liveness cycle: terminate sockets that did not answer the previous ping, ping the rest. */
  heartbeat(): void {
    for (const connection of this.hub.connections) {
      if (!connection.alive) {
        this.#stats.dead += 1;
        connection.ws.terminate();
        this.hub.connections.delete(connection);
        continue;
      }
      connection.alive = false;
      connection.ws.ping();
    }
  }

  /** Closes every socket of a key (revoked, expired) with 1008. */
  closeKey(keyId: string, reason: string): void {
    for (const connection of this.hub.connections)
      if (connection.key.id === keyId) connection.close(CLOSE.policy, reason);
  }

  /** Re-reads the keys of open sockets from the store: catches expiry and revocations by other agents. */
  async revalidate(): Promise<void> {
    const ids = new Set([...this.hub.connections].map((c) => c.key.id));
    for (const id of ids) {
      const record = await this.keys.get(id);
      const reason = record ? inactiveReason(record, this.clock.now()) : 'revoked';
      if (reason) this.closeKey(id, `key ${reason}`);
    }
  }

  metrics(): WebSocketMetrics {
    this.#sampleRates();
    const s = this.#stats;
    return {
      connections: this.hub.connections.size,
      framesSent: s.framesSent,
      messagesReceived: s.messagesReceived,
      framesSentPerSec: this.#rates.sentPerSec,
      messagesReceivedPerSec: this.#rates.receivedPerSec,
      replayedFrames: s.replayed,
      snapshots: s.snapshots,
      refusedUpgrades: s.refused,
      slowConsumerDisconnects: s.slowConsumerDisconnects,
      deadPeerTerminations: s.dead,
    };
  }

  /** Rates over the time since the previous sample (at least one second apart). */
  #sampleRates(): void {
    const now = this.clock.now();
    const seconds = (now - this.#rates.at) / 1000;
    if (this.#rates.at !== 0 && seconds < 1) return;
    const { framesSent, messagesReceived } = this.#stats;
    if (this.#rates.at !== 0) {
      this.#rates.sentPerSec = Math.round((framesSent - this.#rates.sent) / seconds);
      this.#rates.receivedPerSec = Math.round((messagesReceived - this.#rates.received) / seconds);
    }
    this.#rates = { ...this.#rates, at: now, sent: framesSent, received: messagesReceived };
  }

  /** Closes every socket with 1001 (going away). */
  close(): void {
    for (const connection of this.hub.connections) connection.close(CLOSE.goingAway, 'agent stopping');
    this.hub.connections.clear();
    this.#wss.close();
  }
}
