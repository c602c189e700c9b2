// Types of the client's options and reports (JSDoc only; nothing runs here).

/**
 * @typedef {object} ClientOptions
 * @property {string} url Agent base URL, `http://127.0.0.1:8080`.
 * @property {string} [apiKey] Sent as `Authorization: Bearer` on the upgrade.
 * @property {() => Promise<string>} [ticket] A fresh single-use ticket per connection (instead of apiKey).
 * @property {readonly string[]} [events] Event names or `prefix.*` patterns; default all.
 * @property {Readonly<Record<string, string>>} [labels] Labels that must all match.
 * @property {string} [origin] `Origin` header, when the agent's allowlist expects one.
 * @property {number} [minReconnectMs] First back-off after a dropped connection; default 250.
 * @property {number} [maxReconnectMs] Back-off ceiling; default 10000.
 */

/**
 * Something the client noticed about the stream: a frame `tampered` with (bad MAC), frames `missing`
 * (broken `prev` chain), a `resynced` stream (the agent no longer had the missed events; a snapshot
 * replaces them), `epoch-changed` (the agent restarted), or an `invalid` frame.
 * @typedef {object} StreamProblem
 * @property {'tampered' | 'missing' | 'resynced' | 'epoch-changed' | 'invalid'} kind
 * @property {number} [seq]
 * @property {string} detail
 */

export {};
