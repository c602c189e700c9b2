import type { EventConnection } from './connection.js';
import { parseFilter } from './filters.js';

interface ClientMessage {
  type?: unknown;
  events?: unknown;
  labels?: unknown;
}

function strings(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((v) => typeof v === 'string') ? value : undefined;
}

function labelPairs(value: unknown): string[] | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  return Object.entries(value).map(([name, v]) => `${name}=${String(v)}`);
}

/**
 * Client messages: `{"type":"subscribe","events":["alert.*"],"labels":{"site":"hq"}}` replaces the filter,
 * `{"type":"ping"}` gets a pong. Anything else gets an error frame; the socket stays open.
 */
export function handleMessage(connection: EventConnection, text: string, position: number): void {
  let message: ClientMessage | null = null;
  try {
    message = JSON.parse(text) as ClientMessage | null;
  } catch {
    // answered below
  }
  if (typeof message !== 'object' || message === null)
    return connection.control('error', position, { detail: 'messages must be JSON objects' });
  if (message.type === 'ping') return connection.control('pong', position, {});
  if (message.type !== 'subscribe')
    return connection.control('error', position, { detail: 'unknown message type; use subscribe or ping' });
  try {
    connection.filter = parseFilter(strings(message.events), labelPairs(message.labels));
    connection.control('subscribed', position, { filter: connection.filter });
  } catch (error) {
    connection.control('error', position, { detail: (error as Error).message });
  }
}
