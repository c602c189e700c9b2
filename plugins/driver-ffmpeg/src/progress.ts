/** One `-progress` block, values trimmed and parsed; `undefined` where ffmpeg printed `N/A`. */
export interface ProgressBlock {
  readonly frame: number;
  /** ffmpeg's own figure: frames / seconds since the start, not a current rate. */
  readonly fps?: number;
  /** ffmpeg's own figure: average since the start. */
  readonly bitrateKbps?: number;
  readonly totalSizeBytes?: number;
  readonly outTimeUs?: number;
  readonly dupFrames: number;
  /** Frame-rate-sync drops (streams-and-failover.md §4.2), not network loss. */
  readonly dropFrames: number;
  readonly speed?: number;
  /** `progress=end`: ffmpeg is finishing. */
  readonly end: boolean;
}

/** A block, or why the lines since the previous block were not one. */
export type ProgressResult =
  | { readonly ok: true; readonly block: ProgressBlock }
  | { readonly ok: false; readonly reason: string; readonly raw: string };

const MAX_BLOCK_LINES = 64;
const KEY_VALUE = /^([A-Za-z0-9_]+)=(.*)$/;

/**
 * Collects `key=value` lines into blocks ending with `progress=continue|end` (ffmpeg `print_report`).
 * Unknown keys are accepted (newer ffmpeg versions add some); a line that is not `key=value`, a
 * number that does not parse, or a block without `frame` makes the block malformed.
 */
export class ProgressParser {
  #lines: string[] = [];

  /** Feeds one line; returns a result when the line closed a block (or overflowed one). */
  push(line: string): ProgressResult | undefined {
    this.#lines.push(line);
    if (KEY_VALUE.exec(line)?.[1] === 'progress') return this.#finish();
    if (this.#lines.length >= MAX_BLOCK_LINES) return this.#finish('block too long, no progress= line');
    return undefined;
  }

  #finish(overflow?: string): ProgressResult {
    const lines = this.#lines;
    this.#lines = [];
    if (overflow) return { ok: false, reason: overflow, raw: lines.slice(0, 5).join('\n') };
    return parseProgressBlock(lines);
  }
}

/** Parses the lines of one block (the last one being `progress=…`). */
export function parseProgressBlock(lines: readonly string[]): ProgressResult {
  const values = new Map<string, string>();
  for (const line of lines) {
    const match = KEY_VALUE.exec(line);
    if (!match) return malformed(`not a key=value line: ${JSON.stringify(line.slice(0, 80))}`, lines);
    values.set(match[1]!, match[2]!.trim());
  }
  try {
    return { ok: true, block: toBlock(values) };
  } catch (error) {
    return malformed((error as Error).message, lines);
  }
}

function toBlock(values: Map<string, string>): ProgressBlock {
  const progress = values.get('progress');
  if (progress !== 'continue' && progress !== 'end') throw new Error(`progress=${progress ?? '(missing)'}`);
  const frame = integer(values, 'frame');
  if (frame === undefined) throw new Error('frame is missing or N/A');
  return {
    frame,
    fps: decimal(values, 'fps', ''),
    bitrateKbps: decimal(values, 'bitrate', 'kbits/s'),
    totalSizeBytes: integer(values, 'total_size'),
    outTimeUs: integer(values, 'out_time_us'),
    dupFrames: integer(values, 'dup_frames') ?? 0,
    dropFrames: integer(values, 'drop_frames') ?? 0,
    speed: decimal(values, 'speed', 'x'),
    end: progress === 'end',
  };
}

function integer(values: Map<string, string>, key: string): number | undefined {
  const text = values.get(key);
  if (text === undefined || text === 'N/A') return undefined;
  if (!/^-?\d+$/.test(text)) throw new Error(`${key}=${text} is not an integer`);
  return Number(text);
}

function decimal(values: Map<string, string>, key: string, unit: string): number | undefined {
  const text = values.get(key);
  if (text === undefined || text === 'N/A') return undefined;
  const number = text.endsWith(unit) ? text.slice(0, text.length - unit.length).trim() : '';
  // ffmpeg prints speed with %g, so a first block written within a millisecond reads `speed=1e+03x`.
  if (!/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(number))
    throw new Error(`${key}=${text} is not a number in ${unit || 'units'}`);
  return Number(number);
}

function malformed(reason: string, lines: readonly string[]): ProgressResult {
  return { ok: false, reason, raw: lines.slice(0, 12).join('\n') };
}
