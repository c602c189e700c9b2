/** The ffmpeg log levels `-loglevel level+…` prints as `[level]` tags. */
const LEVEL_TAG = /\[(panic|fatal|error|warning|info|verbose|debug|trace)\] /;
const OUTPUT_OPENED = /^Output #0, ([^,]+), to '(.*)':$/;
const OUTPUT_VIDEO_FPS = /^\s*Stream #0:\d+.*: Video: .*?, (\d+(?:\.\d+)?) fps/;
const RECEIVED_SIGNAL = /Exiting normally, received signal (\d+)\./;
const TAIL_LINES = 40;
const ERROR_LINES = 20;

/** One stderr line with its `[level]` tag taken out, so the text reads as the doc quotes it. */
export interface LogLine {
  readonly level: string | undefined;
  readonly text: string;
}

/** Splits a `level+info` line: `[tcp @ 0x1] [error] Connection…` → error, `[tcp @ 0x1] Connection…`. */
export function parseLogLine(line: string): LogLine {
  const match = LEVEL_TAG.exec(line);
  if (!match) return { level: undefined, text: line };
  return { level: match[1], text: line.slice(0, match.index) + line.slice(match.index + match[0].length) };
}

/**
 * What the driver keeps of ffmpeg's stderr: the last lines (for diagnosis), the last error lines (for
 * failure signatures), whether the output was opened and the output's declared frame rate.
 *
 * `Output #0, <muxer>, to '<url>':` is printed after `avformat_write_header`, which runs after the
 * output URL was opened; for RTMP, opening returns only once the server answered the publish with
 * `NetStream.Publish.Start` (libavformat/rtmpproto.c: `get_packet(s, 1)` loops until STATE_PUBLISHING).
 * So that line is ffmpeg's own confirmation that the ingest accepted the stream.
 */
export class StderrLog {
  readonly #tail: string[] = [];
  readonly #errors: string[] = [];
  #opened: { readonly muxer: string; readonly url: string } | undefined;
  #fps: number | undefined;
  #signal: number | undefined;

  constructor(private readonly redact: (text: string) => string = (text) => text) {}

  push(raw: string): void {
    const { level, text } = parseLogLine(raw);
    const safe = this.redact(text);
    pushBounded(this.#tail, safe, TAIL_LINES);
    if (level === 'error' || level === 'fatal' || level === 'panic')
      pushBounded(this.#errors, safe, ERROR_LINES);
    const opened = OUTPUT_OPENED.exec(text);
    if (opened && !this.#opened) this.#opened = { muxer: opened[1]!, url: this.redact(opened[2]!) };
    const fps = this.#opened && this.#fps === undefined ? OUTPUT_VIDEO_FPS.exec(text) : null;
    if (fps) this.#fps = Number(fps[1]);
    const signal = RECEIVED_SIGNAL.exec(text);
    if (signal) this.#signal = Number(signal[1]);
  }

  /** The signal ffmpeg said it received before exiting, if it said so. */
  get receivedSignal(): number | undefined {
    return this.#signal;
  }

  /** The muxer and (redacted) URL once ffmpeg has opened its output and written the header. */
  get opened(): { readonly muxer: string; readonly url: string } | undefined {
    return this.#opened;
  }

  /** The output video stream's declared frame rate, once known. */
  get nominalFps(): number | undefined {
    return this.#fps;
  }

  /** The last stderr lines, oldest first, secrets redacted. */
  tail(): string[] {
    return [...this.#tail];
  }

  /** The last error-level lines, oldest first, secrets redacted. */
  errors(): string[] {
    return [...this.#errors];
  }
}

function pushBounded(list: string[], line: string, max: number): void {
  list.push(line);
  if (list.length > max) list.shift();
}
