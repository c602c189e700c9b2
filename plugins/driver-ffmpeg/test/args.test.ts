import { expect } from 'chai';
import { buildArgs, destinationOf, redactTarget, type ProcessSpec } from '../src/index.js';

const spec = (overrides: Partial<ProcessSpec> = {}): ProcessSpec => ({
  input: { type: 'testsrc', size: '1280x720', rate: 30, audio: true },
  output: { id: 'main', kind: 'stream', url: 'rtmp://127.0.0.1:19350/live/primary' },
  progressPeriodMs: 500,
  ioTimeoutMs: 5000,
  startedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
  ...overrides,
});

/** The value following a flag. */
const after = (args: string[], flag: string) => args[args.indexOf(flag) + 1];

describe('ffmpeg command line', () => {
  it('builds the doc §4.1 test-pattern command with progress on stdout', () => {
    const args = buildArgs(spec());
    expect(args.join(' ')).to.contain(
      '-re -f lavfi -i testsrc2=size=1280x720:rate=30 -re -f lavfi -i sine=frequency=1000:sample_rate=48000',
    );
    expect(args.join(' ')).to.contain('-progress pipe:1 -stats_period 0.5');
    expect(args).to.include.members(['-nostdin', '-nostats', '-n', '-hide_banner']);
    expect(after(args, '-loglevel')).to.equal('level+info');
    expect(after(args, '-c:v')).to.equal('libx264');
    expect(after(args, '-preset')).to.equal('veryfast');
    expect(after(args, '-tune')).to.equal('zerolatency');
    expect(after(args, '-b:v')).to.equal('2500k');
    expect(after(args, '-bufsize')).to.equal('5000k');
    expect(after(args, '-force_key_frames')).to.equal('expr:gte(t,n_forced*2)');
    expect(after(args, '-c:a')).to.equal('aac');
    expect(args.slice(-7)).to.deep.equal([
      '-rw_timeout',
      '5000000',
      '-f',
      'flv',
      '-flvflags',
      'no_duration_filesize',
      'rtmp://127.0.0.1:19350/live/primary',
    ]);
  });

  it('loops a file input in real time and muxes SRT as MPEG-TS', () => {
    const args = buildArgs(
      spec({
        input: { type: 'file', path: '/m/slate.mp4' },
        output: { id: 'o', kind: 'stream', url: 'srt://10.0.0.5:9000?mode=caller' },
      }),
    );
    expect(args.join(' ')).to.contain('-re -stream_loop -1 -i /m/slate.mp4');
    expect(args.join(' ')).to.contain('-f mpegts srt://10.0.0.5:9000?mode=caller');
  });

  it('reads a live URL without -re but with a timeout; records to a file without overwriting', () => {
    const args = buildArgs(
      spec({
        input: { type: 'url', url: 'rtmp://src/live/in' },
        output: { id: 'rec', kind: 'record', url: '/srv/rec/a-{start}.ts', streamKey: undefined },
        ioTimeoutMs: 0,
      }),
    );
    expect(args.join(' ')).to.not.contain('-re ');
    expect(args.join(' ')).to.contain(
      '-fflags nobuffer -analyzeduration 500000 -probesize 500000 -i rtmp://src/live/in',
    );
    expect(args).to.not.include('-rw_timeout');
    expect(args.at(-1)).to.equal('/srv/rec/a-20260102-030405.ts');
  });

  it('appends a separate stream key; honours bitrate, preset, tune, gop, extra args and no audio', () => {
    const args = buildArgs(
      spec({
        input: { type: 'testsrc', audio: false },
        output: {
          id: 'yt',
          kind: 'stream',
          url: 'rtmp://a.rtmp.youtube.com/live2/',
          streamKey: 'abcd-1234',
          videoBitrateKbps: 4500,
          preset: 'ultrafast',
          tune: '',
          gopSeconds: 1,
          extraArgs: ['-vf', 'scale=640:-2'],
        },
      }),
    );
    expect(args.at(-1)).to.equal('rtmp://a.rtmp.youtube.com/live2/abcd-1234');
    expect(after(args, '-b:v')).to.equal('4500k');
    expect(after(args, '-preset')).to.equal('ultrafast');
    expect(args).to.not.include('-tune');
    expect(args).to.include('-an');
    expect(after(args, '-force_key_frames')).to.equal('expr:gte(t,n_forced*1)');
    expect(after(args, '-vf')).to.equal('scale=640:-2');
    expect(after(args, '-i')).to.equal('testsrc2=size=1280x720:rate=30');
  });

  it('reports destinations without the stream key and redacts secrets', () => {
    expect(destinationOf('rtmp://a.rtmp.youtube.com/live2/abcd-1234')).to.equal(
      'rtmp://a.rtmp.youtube.com/live2',
    );
    expect(destinationOf('srt://h:9000?mode=caller&passphrase=s3cret')).to.equal('srt://h:9000');
    expect(destinationOf('/srv/rec/a.ts')).to.equal('/srv/rec/a.ts');
    expect(redactTarget('rtmp://a.rtmp.youtube.com/live2/abcd-1234')).to.equal(
      'rtmp://a.rtmp.youtube.com/live2/***',
    );
    expect(redactTarget('srt://h:9000?mode=caller&passphrase=s3cret')).to.equal(
      'srt://h:9000?mode=caller&passphrase=***',
    );
  });
});
