import type http from 'node:http';

/** A scripted `{ ok: false }` answer, sent with HTTP status `error_code` as Telegram does. */
export interface FakeError {
  readonly error_code: number;
  readonly description: string;
  readonly parameters?: { retry_after?: number; migrate_to_chat_id?: number };
}

/** Writes a result or an error envelope; errors use their code as the HTTP status. */
export function reply(res: http.ServerResponse, outcome: FakeError | { readonly result: unknown }): void {
  const isError = 'error_code' in outcome;
  const body = isError ? { ok: false, ...outcome } : { ok: true, result: outcome.result };
  res.writeHead(isError ? outcome.error_code : 200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
