import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import { parseProgressBlock, ProgressParser, type ProgressResult } from '../src/index.js';

/** Feeds a captured `-progress pipe:1` output through the parser, line by line. */
function parseCapture(name: string): ProgressResult[] {
  const text = readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
  const parser = new ProgressParser();
  return text
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => parser.push(line) ?? []);
}

describe('ffmpeg -progress parsing (captured from ffmpeg 5.1.9)', () => {
  const table = [
    {
      capture: 'progress-rtmp-flv.txt',
      blocks: 4,
      first: { frame: 1, fps: 0, bitrateKbps: 2952, totalSizeBytes: 369, outTimeUs: 1000, speed: 0.00999 },
      last: { end: true, dropFrames: 0 },
    },
    {
      capture: 'progress-record-mpegts.txt',
      blocks: 5,
      first: { frame: 1, fps: 0, bitrateKbps: 0, totalSizeBytes: 0, outTimeUs: 11, speed: 0.000126 },
      last: { frame: 40, fps: 24.82, bitrateKbps: 858.2, totalSizeBytes: 171644, speed: 0.993, end: true },
    },
    {
      // -f null: bitrate and size are N/A; 30 → 25 fps conversion counts drop_frames (doc §4.2).
      capture: 'progress-null-rate-conversion.txt',
      blocks: 4,
      first: {},
      last: {
        frame: 30,
        bitrateKbps: undefined,
        totalSizeBytes: undefined,
        dropFrames: 4,
        speed: 1.05,
        end: true,
      },
    },
  ];
  for (const row of table) {
    it(`parses every block of ${row.capture}`, () => {
      const results = parseCapture(row.capture);
      expect(results).to.have.length(row.blocks);
      const blocks = results.map((result) =>
        result.ok ? result.block : expect.fail(JSON.stringify(result)),
      );
      expect(blocks[0]).to.include(row.first);
      expect(blocks.at(-1)).to.include(row.last);
      expect(blocks.slice(0, -1).every((block) => !block.end)).to.equal(true);
      const frames = blocks.map((block) => block.frame);
      expect(frames).to.deep.equal([...frames].sort((a, b) => a - b));
    });
  }

  it('trims padded values (speed=   1x, bitrate= 900.8kbits/s)', () => {
    const result = parseProgressBlock([
      'frame=333',
      'bitrate= 900.8kbits/s',
      'speed=   1x',
      'progress=continue',
    ]);
    expect(result.ok && result.block).to.include({ frame: 333, bitrateKbps: 900.8, speed: 1 });
  });

  it('reads the exponent form ffmpeg prints for a very high speed (speed=1e+03x in a first block)', () => {
    const result = parseProgressBlock([
      'frame=1',
      'fps=0.00',
      'bitrate=111400.0kbits/s',
      'out_time_us=1000',
      'speed=1e+03x',
      'progress=continue',
    ]);
    expect(result.ok && result.block).to.include({ frame: 1, speed: 1000 });
    const larger = parseProgressBlock(['frame=2', 'speed=1.23e+04x', 'progress=continue']);
    expect(larger.ok && larger.block).to.include({ speed: 12300 });
  });

  it('accepts keys it does not know (newer ffmpeg versions add some)', () => {
    const result = parseProgressBlock(['frame=3', 'stream_0_1_psnr=40.1', 'progress=continue']);
    expect(result.ok).to.equal(true);
  });

  const malformed: [string, string[], RegExp][] = [
    [
      'a line that is not key=value',
      ['frame=1', '\u0000\u00ffgarbage', 'progress=continue'],
      /not a key=value line/,
    ],
    ['a non-numeric frame', ['frame=abc', 'progress=continue'], /frame=abc is not an integer/],
    ['a missing frame', ['fps=30.0', 'progress=continue'], /frame is missing/],
    ['a bitrate without its unit', ['frame=1', 'bitrate=12', 'progress=continue'], /bitrate=12/],
    ['an unknown progress value', ['frame=1', 'progress=maybe'], /progress=maybe/],
  ];
  for (const [what, lines, reason] of malformed) {
    it(`reports ${what} as malformed, quoting it`, () => {
      const result = parseProgressBlock(lines);
      expect(result.ok).to.equal(false);
      if (!result.ok) {
        expect(result.reason).to.match(reason);
        expect(result.raw).to.contain(lines[0]);
      }
    });
  }

  it('cuts a block that never ends instead of growing without bound', () => {
    const parser = new ProgressParser();
    const results = Array.from({ length: 200 }, (_, i) => parser.push(`junk_${i}=1`)).filter(Boolean);
    expect(results).to.have.length(3);
    expect(results[0]).to.include({ ok: false, reason: 'block too long, no progress= line' });
    expect(parser.push('frame=5') ?? parser.push('progress=continue')).to.not.equal(undefined);
  });
});
