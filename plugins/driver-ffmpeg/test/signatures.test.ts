import { expect } from 'chai';
import { classifyFailure, parseLogLine, StderrLog, type ExitInfo } from '../src/index.js';

const EXIT_1: ExitInfo = { code: 1, signal: null, ended: false };
const SOURCE = 'testsrc2=size=1280x720:rate=30';

/** Classifies stderr as ffmpeg prints it with `-loglevel level+info` (the [error] tag after the context). */
function classify(lines: string[], exit: ExitInfo = EXIT_1, source = SOURCE) {
  const log = new StderrLog();
  for (const line of lines) log.push(line);
  return classifyFailure(log.errors(), { ...exit, receivedSignal: log.receivedSignal }, source);
}

describe('ffmpeg failure signatures (streams-and-failover.md §4.3, verbatim)', () => {
  const table: [string, string[], string, string, string][] = [
    [
      'nothing listening',
      [
        '[tcp @ 0x5587d54d1380] [error] Connection to tcp://127.0.0.1:19351?tcp_nodelay=0 failed: Connection refused',
        '[rtmp @ 0x5587d54d1b40] [error] Cannot open connection tcp://127.0.0.1:19351?tcp_nodelay=0',
        '[error] rtmp://127.0.0.1:19351/live/x: Connection refused',
      ],
      'CONNECTION_REFUSED',
      'EM_DRIVER_UNREACHABLE',
      '[tcp @ 0x5587d54d1380] Connection to tcp://127.0.0.1:19351?tcp_nodelay=0 failed: Connection refused',
    ],
    [
      'DNS failure',
      [
        '[tcp @ 0x1] [error] Failed to resolve hostname no-such-host.invalid: Name or service not known',
        '[error] rtmp://no-such-host.invalid/live/x: Input/output error',
      ],
      'DNS_FAILURE',
      'EM_DRIVER_UNREACHABLE',
      '[tcp @ 0x1] Failed to resolve hostname no-such-host.invalid: Name or service not known',
    ],
    [
      'duplicate publisher (nginx)',
      [
        '[rtmp @ 0x1] [error] Server error: Already publishing',
        '[error] rtmp://h/live/x: Operation not permitted',
      ],
      'ALREADY_PUBLISHING',
      'EM_DRIVER_AUTH',
      '[rtmp @ 0x1] Server error: Already publishing',
    ],
    [
      'on_publish refused / unknown application',
      ['[error] rtmp://127.0.0.1:19350/locked/x: Input/output error'],
      'PUBLISH_REJECTED',
      'EM_DRIVER_AUTH',
      'rtmp://127.0.0.1:19350/locked/x: Input/output error',
    ],
    [
      'ingest killed mid-stream',
      [
        '[error] av_interleaved_write_frame(): Broken pipe',
        '[flv @ 0x1] [warning] Failed to update header with correct duration.',
        '[error] Error writing trailer of rtmp://h/live/x: Broken pipe',
        '[error] Conversion failed!',
      ],
      'BROKEN_PIPE',
      'EM_DRIVER_UNREACHABLE',
      'av_interleaved_write_frame(): Broken pipe',
    ],
    [
      'frozen ingest with -rw_timeout',
      [
        '[error] av_interleaved_write_frame(): Connection timed out',
        '[error] Error writing trailer of rtmp://h/live/x: Connection timed out',
      ],
      'TIMED_OUT',
      'EM_DRIVER_TIMEOUT',
      'av_interleaved_write_frame(): Connection timed out',
    ],
    [
      'duplicate publisher (node-media-server) / YouTube',
      [
        '[error] av_interleaved_write_frame(): End of file',
        '[error] Error writing trailer of rtmp://h/live/x: End of file',
      ],
      'SERVER_CLOSED',
      'EM_DRIVER_UNREACHABLE',
      'av_interleaved_write_frame(): End of file',
    ],
    [
      'SRT caller without listener',
      ['[srt @ 0x1] [error] Connection to srt://127.0.0.1:19999?mode=caller failed: Input/output error'],
      'SRT_CONNECT_FAILED',
      'EM_DRIVER_UNREACHABLE',
      '[srt @ 0x1] Connection to srt://127.0.0.1:19999?mode=caller failed: Input/output error',
    ],
    [
      'RTMPS push error (fluent-ffmpeg #1176)',
      ['[tls @ 0x1] [error] Error in the push function.', '[tls @ 0x1] [error] IO error: Broken pipe'],
      'TLS_ERROR',
      'EM_DRIVER_UNREACHABLE',
      '[tls @ 0x1] Error in the push function.',
    ],
    [
      'recording would overwrite a file',
      ["[error] File '/srv/rec/a.ts' already exists. Exiting."],
      'FILE_EXISTS',
      'EM_DRIVER_UNSUPPORTED',
      "File '/srv/rec/a.ts' already exists. Exiting.",
    ],
  ];
  for (const [scenario, lines, token, code, line] of table) {
    it(`${scenario} → ${token}`, () => {
      expect(classify(lines)).to.deep.equal({ token, code, line });
    });
  }

  it('marks a failure of the input side with INPUT_', () => {
    const failure = classify(
      ['[error] /srv/media/slate.mp4: No such file or directory'],
      EXIT_1,
      '/srv/media/slate.mp4',
    );
    expect(failure).to.include({ token: 'INPUT_NOT_FOUND', code: 'EM_DRIVER_UNREACHABLE' });
  });

  it('ignores lines below error level when matching', () => {
    const failure = classify(['[info] Stream mapping: Connection refused (a title)'], {
      code: 1,
      signal: null,
      ended: false,
    });
    expect(failure.token).to.equal('EXIT_1');
  });

  const exits: [string, ExitInfo, string[], string][] = [
    ['kill -9', { code: null, signal: 'SIGKILL', ended: false }, [], 'KILLED: ffmpeg was killed by SIGKILL'],
    [
      'someone else sent SIGINT',
      { code: 255, signal: null, ended: false },
      ['[info] Exiting normally, received signal 2.'],
      'INTERRUPTED: Exiting normally, received signal 2.',
    ],
    [
      'input finished',
      { code: 0, signal: null, ended: true },
      [],
      'INPUT_EOF: ffmpeg finished: the input ended',
    ],
    [
      'unknown exit',
      { code: 69, signal: null, ended: false },
      ['[error] something new'],
      'EXIT_69: something new',
    ],
  ];
  for (const [what, exit, lines, raw] of exits) {
    it(`without a signature line: ${what} → ${raw.split(':')[0]}`, () => {
      const failure = classify(lines, exit);
      expect(`${failure.token}: ${failure.line}`).to.equal(raw);
    });
  }

  it('reads the level tag and keeps the text as the doc quotes it', () => {
    expect(parseLogLine('[tcp @ 0x1] [error] Connection refused')).to.deep.equal({
      level: 'error',
      text: '[tcp @ 0x1] Connection refused',
    });
    expect(parseLogLine('  Duration: N/A')).to.deep.equal({ level: undefined, text: '  Duration: N/A' });
  });

  it('sees the output opened and its declared frame rate, with the stream key redacted', () => {
    const log = new StderrLog((text) => text.replaceAll('rtmp://h/live/key', 'rtmp://h/live/***'));
    log.push("[info] Output #0, flv, to 'rtmp://h/live/key':");
    log.push(
      '[info]   Stream #0:0: Video: h264 ([7][0][0][0] / 0x0007), yuv420p(progressive), 1280x720, q=2-31, 2500 kb/s, 29.97 fps, 1k tbn',
    );
    expect(log.opened).to.deep.equal({ muxer: 'flv', url: 'rtmp://h/live/***' });
    expect(log.nominalFps).to.equal(29.97);
    expect(log.tail().join('\n')).to.not.contain('key');
  });
});
