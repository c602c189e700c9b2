import type { Readable } from 'node:stream';

/** Longer lines are cut here (and marked), so a stream without newlines cannot grow memory. */
export const MAX_LINE_CHARS = 4096;

/**
 * Calls `onLine` for every `\n`-terminated line of a stream (`\r` stripped), and once more for a final
 * unterminated line when the stream ends. ffmpeg writes log lines in several pieces; this joins them.
 */
export function forEachLine(stream: Readable, onLine: (line: string) => void): void {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (pending + chunk).split('\n');
    pending = parts.pop() ?? '';
    for (const part of parts) onLine(clip(part.replace(/\r$/, '')));
    if (pending.length > MAX_LINE_CHARS) {
      onLine(clip(pending));
      pending = '';
    }
  });
  stream.on('end', () => {
    if (pending !== '') onLine(clip(pending.replace(/\r$/, '')));
    pending = '';
  });
}

function clip(line: string): string {
  return line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…[cut]` : line;
}
