/**
 * A single-use WebSocket ticket (valid for at most 30 s) from `POST /api/v1/ws-ticket`, for clients that
 * cannot set headers on the upgrade (browsers). The API key goes in a header here, never in a URL.
 * @param {string} base Agent base URL, `http(s)://host:port`.
 * @param {string} apiKey
 * @param {AbortSignal} [signal]
 * @returns {Promise<string>}
 */
export async function fetchTicket(base, apiKey, signal) {
  const response = await fetch(new URL('/api/v1/ws-ticket', base), {
    method: 'POST',
    headers: { Authorization: `Bearer ${apiKey}` },
    signal,
  });
  if (response.status !== 201)
    throw new Error(
      `POST /api/v1/ws-ticket answered ${response.status}: ${(await response.text()).slice(0, 200)}`,
    );
  const { ticket } = /** @type {{ ticket: string }} */ (await response.json());
  return ticket;
}
