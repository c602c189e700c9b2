import type { NotificationMessage } from '@encoder-manager/sdk';

/** Telegram's limit for one message's text. */
export const MAX_MESSAGE_LENGTH = 4096;

/** One Telegram message: the HTML version and the plain-text fallback for entity errors. */
export interface Chunk {
  readonly html: string;
  readonly plain: string;
}

interface Line {
  readonly html: string;
  readonly plain: string;
}

/**
 * Escapes text for `parse_mode: HTML`. Telegram decodes only `&lt; &gt; &amp; &quot;` and numeric
 * entities, so these four are all that is needed; every tag the notifier emits is its own.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const plainLine = (text: string): Line => ({ html: escapeHtml(text), plain: text });

/**
 * Cuts a line whose escaped form exceeds `limit` into pieces that fit, at the last space when there
 * is one in the second half of a piece, never inside a surrogate pair or an HTML entity.
 */
export function splitLongLine(text: string, limit: number): Line[] {
  const pieces: Line[] = [];
  let rest = [...text];
  while (rest.length > 0) {
    let end = 0;
    let size = 0;
    while (end < rest.length && size + escapeHtml(rest[end] ?? '').length <= limit) {
      size += escapeHtml(rest[end] ?? '').length;
      end += 1;
    }
    end = Math.max(end, 1);
    const space = rest.lastIndexOf(' ', end - 1);
    if (end < rest.length && space > end / 2) end = space + 1;
    pieces.push(plainLine(rest.slice(0, end).join('')));
    rest = rest.slice(end);
  }
  return pieces;
}

/** The message as lines: bold subject, the text, and a footer with the notification id. */
function linesOf(message: NotificationMessage, limit: number): Line[] {
  const body = message.text.split(/\r?\n/).flatMap((text) => splitLongLine(text, limit));
  const subject = splitLongLine(message.subject, limit - 7).map((l) => ({
    html: `<b>${l.html}</b>`,
    plain: l.plain,
  }));
  const footer = {
    html: `<i>Notification</i> <code>${escapeHtml(message.id)}</code>`,
    plain: `Notification ${message.id}`,
  };
  return [...subject, ...body, { html: '', plain: '' }, footer];
}

/** Tags Telegram's HTML parse mode accepts. */
const TELEGRAM_TAGS = new Set(
  'b strong i em u ins s strike del span tg-spoiler a tg-emoji code pre blockquote'.split(' '),
);
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', quot: '"', amp: '&' };

/** The text Telegram shows for one line of its HTML (the plain-text fallback): tags out, entities decoded. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|lt|gt|quot|amp);/gi, (entity, name: string) => {
      if (!name.startsWith('#')) return ENTITIES[name.toLowerCase()] ?? entity;
      const hex = name[1] === 'x' || name[1] === 'X';
      return String.fromCodePoint(parseInt(name.slice(hex ? 2 : 1), hex ? 16 : 10));
    });
}

/**
 * The template's HTML as lines, when it is written for Telegram: only Telegram's tags, every line
 * within the limit (the notifications plugin's Telegram templates open and close each tag on one line,
 * so lines are safe split points). Undefined for other HTML, such as an e-mail body.
 */
function htmlLinesOf(message: NotificationMessage, limit: number): Line[] | undefined {
  const source = message.html?.trim();
  if (!source) return undefined;
  const tags = [...source.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => (m[1] ?? '').toLowerCase());
  if (!tags.every((tag) => TELEGRAM_TAGS.has(tag))) return undefined;
  const lines = source.split(/\r?\n/).map((html) => ({ html, plain: visibleText(html) }));
  if (lines.some((line) => line.html.length > limit)) return undefined;
  if (source.includes(escapeHtml(message.id))) return lines;
  const footer = linesOf(message, limit).slice(-2);
  return [...lines, ...footer];
}

/**
 * Renders a notification as one or more messages of at most 4,096 characters, split on line
 * boundaries. Length is measured on the HTML, which is never shorter than the text Telegram counts.
 * HTML written for Telegram (the notifications plugin renders its Telegram templates into `html` for
 * this channel) is sent as it is; otherwise (e-mail HTML, no HTML) the subject in bold and the escaped
 * text are sent, with the notification id as a footer.
 */
export function renderChunks(message: NotificationMessage, limit = MAX_MESSAGE_LENGTH): Chunk[] {
  const chunks: Chunk[] = [];
  let html: string[] = [];
  let plain: string[] = [];
  let size = 0;
  for (const line of htmlLinesOf(message, limit) ?? linesOf(message, limit)) {
    const added = line.html.length + (html.length > 0 ? 1 : 0);
    if (html.length > 0 && size + added > limit) {
      chunks.push({ html: html.join('\n').trim(), plain: plain.join('\n').trim() });
      [html, plain, size] = [[], [], 0];
    }
    size += html.length > 0 ? line.html.length + 1 : line.html.length;
    html.push(line.html);
    plain.push(line.plain);
  }
  if (html.length > 0) chunks.push({ html: html.join('\n').trim(), plain: plain.join('\n').trim() });
  return chunks.filter((chunk) => chunk.html.length > 0);
}
