/**
 * Telegram's `parse_mode: HTML` rules, as the fake Bot API enforces them
 * (https://core.telegram.org/bots/api#html-style): only these tags, only the four named entities plus
 * numeric ones, every `<` must open a tag, and tags must nest.
 */
const ALLOWED_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'span',
  'tg-spoiler',
  'a',
  'code',
  'pre',
  'blockquote',
  'tg-emoji',
]);
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

/** The text a person sees, or Telegram's error description. */
export type ParsedHtml =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly description: string };

const fail = (why: string): ParsedHtml => ({
  ok: false,
  description: `Bad Request: can't parse entities: ${why}`,
});

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X'))
      return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
    return NAMED_ENTITIES[name] ?? whole;
  });
}

/** Checks `html` the way Telegram does and returns the visible text. */
export function parseTelegramHtml(html: string): ParsedHtml {
  const open: string[] = [];
  let text = '';
  let index = 0;
  for (const match of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)?([^<>]*)>|</g)) {
    text += decodeEntities(html.slice(index, match.index));
    index = match.index + match[0].length;
    const offset = Buffer.byteLength(html.slice(0, match.index));
    const [, closing, tag] = match;
    if (tag === undefined) return fail(`Unexpected character "<" at byte offset ${offset}`);
    const name = tag.toLowerCase();
    if (!ALLOWED_TAGS.has(name)) return fail(`Unsupported start tag "${name}" at byte offset ${offset}`);
    if (!closing) open.push(name);
    else if (open.pop() !== name)
      return fail(`Unmatched end tag at byte offset ${offset}, expected "</${open.at(-1) ?? ''}>"`);
  }
  text += decodeEntities(html.slice(index));
  if (open.length > 0) return fail(`Can't find end tag corresponding to start tag "${open.at(-1)}"`);
  return { ok: true, text };
}
