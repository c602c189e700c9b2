/** Path of the event WebSocket on the agent. */
export const EVENTS_PATH = '/api/v1/events';

/**
 * What to ask for: event names or `prefix.*` patterns, labels that must all match, and the position to
 * resume from.
 * @typedef {object} StreamQuery
 * @property {readonly string[]} [events]
 * @property {Readonly<Record<string, string>>} [labels]
 * @property {{ since: number, epoch: string }} [position]
 * @property {string} [ticket] Single-use ticket from POST /api/v1/ws-ticket (browsers); never an API key.
 */

/**
 * The WebSocket URL for an agent base URL (`http://host:port`, `https://…` or already `ws(s)://…`).
 * @param {string} base
 * @param {StreamQuery} query
 * @returns {string}
 */
export function eventsUrl(base, query) {
  const url = new URL(EVENTS_PATH, base);
  if (url.protocol === 'http:') url.protocol = 'ws:';
  if (url.protocol === 'https:') url.protocol = 'wss:';
  if (query.events?.length) url.searchParams.set('events', query.events.join(','));
  for (const [name, value] of Object.entries(query.labels ?? {}))
    url.searchParams.append('label', `${name}=${value}`);
  if (query.position) {
    url.searchParams.set('since', String(query.position.since));
    url.searchParams.set('epoch', query.position.epoch);
  }
  if (query.ticket) url.searchParams.set('ticket', query.ticket);
  return url.toString();
}
