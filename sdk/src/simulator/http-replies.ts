import type { IncomingMessage, ServerResponse } from 'node:http';

/** Sends `body` as JSON with `status` and any extra headers. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** Sends a plain-text (UTF-8) body with `status` and any extra headers. */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Readonly<Record<string, string>> = {},
): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
  res.end(text);
}

/** The most of a request body {@link readBody} keeps. */
export const MAX_BODY_CHARS = 16_384;

/**
 * Reads a small request body (a login form, a control command). Reading stops after
 * {@link MAX_BODY_CHARS}, so a runaway client cannot make a simulator buffer without bound.
 */
export async function readBody(req: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of req) {
    text += String(chunk);
    if (text.length > MAX_BODY_CHARS) break;
  }
  return text;
}
