import { DEFAULTS, type FfmpegInputConfig, type FfmpegOutputConfig } from './config.js';

/** What one ffmpeg process needs: the encoder's input and one output, with timing settings. */
export interface ProcessSpec {
  readonly input: FfmpegInputConfig;
  readonly output: FfmpegOutputConfig;
  readonly progressPeriodMs: number;
  readonly ioTimeoutMs: number;
  /** Epoch ms used for a `{start}` placeholder in record paths. */
  readonly startedAt: number;
}

/** The URL ffmpeg writes to: the configured URL plus the stream key, with `{start}` filled in. */
export function targetOf(output: FfmpegOutputConfig, startedAt: number): string {
  const url = output.streamKey ? `${output.url.replace(/\/+$/, '')}/${output.streamKey}` : output.url;
  return url.replaceAll('{start}', timestamp(startedAt));
}

/** The URL or path ffmpeg reads from. */
export function sourceOf(input: FfmpegInputConfig): string {
  if (input.type === 'file') return input.path;
  if (input.type === 'url') return input.url;
  return testsrcGraph(input);
}

/**
 * The full argument list. `-loglevel level+info` tags each stderr line with its level so failure
 * signatures are matched on error lines only; `-progress pipe:1` puts key=value blocks on stdout;
 * `-nostdin` keeps ffmpeg from reading keys; `-n` never overwrites an existing recording.
 */
export function buildArgs(spec: ProcessSpec): string[] {
  const { output } = spec;
  return [
    ...['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'level+info', '-n'],
    ...['-progress', 'pipe:1', '-stats_period', String(spec.progressPeriodMs / 1000)],
    ...inputArgs(spec.input, spec.ioTimeoutMs),
    ...videoArgs(output),
    ...audioArgs(spec.input, output),
    ...(output.extraArgs ?? []),
    ...muxerArgs(output, spec.ioTimeoutMs),
    targetOf(output, spec.startedAt),
  ];
}

function testsrcGraph(input: Extract<FfmpegInputConfig, { type: 'testsrc' }>): string {
  return `testsrc2=size=${input.size ?? DEFAULTS.size}:rate=${input.rate ?? DEFAULTS.rate}`;
}

function inputArgs(input: FfmpegInputConfig, ioTimeoutMs: number): string[] {
  switch (input.type) {
    case 'testsrc': {
      const video = ['-re', '-f', 'lavfi', '-i', testsrcGraph(input)];
      if (input.audio === false) return video;
      return [...video, '-re', '-f', 'lavfi', '-i', 'sine=frequency=1000:sample_rate=48000'];
    }
    case 'file':
      return ['-re', ...(input.loop === false ? [] : ['-stream_loop', '-1']), '-i', input.path];
    case 'url':
      // A live source paces itself (no -re); the timeout turns a dead source into an error, not a hang.
      return [
        ...(isNetworkUrl(input.url) ? timeoutArgs(ioTimeoutMs) : []),
        ...probeArgs(input),
        '-i',
        input.url,
      ];
  }
}

/**
 * Short probing of a live source: with ffmpeg's defaults a relay from nginx-rtmp took 2–4 s to start,
 * with `-fflags nobuffer` alone the same, with a 0.5 s / 500 kB probe ~1.3 s (test/bench, README).
 */
function probeArgs(input: Extract<FfmpegInputConfig, { type: 'url' }>): string[] {
  const probeMs = input.probeMs ?? DEFAULTS.probeMs;
  if (probeMs === 0) return [];
  return [
    '-fflags',
    'nobuffer',
    '-analyzeduration',
    String(probeMs * 1000),
    '-probesize',
    String(DEFAULTS.probeSizeBytes),
  ];
}

function videoArgs(output: FfmpegOutputConfig): string[] {
  const kbps = output.videoBitrateKbps ?? DEFAULTS.videoBitrateKbps;
  const gop = output.gopSeconds ?? DEFAULTS.gopSeconds;
  const tune = output.tune ?? DEFAULTS.tune;
  return [
    ...['-c:v', 'libx264', '-preset', output.preset ?? DEFAULTS.preset],
    ...(tune === '' ? [] : ['-tune', tune]),
    ...['-b:v', `${kbps}k`, '-maxrate', `${kbps}k`, '-bufsize', `${kbps * 2}k`, '-pix_fmt', 'yuv420p'],
    // Keyframes every gopSeconds whatever the input frame rate (unknown for file and URL inputs).
    ...['-force_key_frames', `expr:gte(t,n_forced*${gop})`, '-sc_threshold', '0'],
  ];
}

function audioArgs(input: FfmpegInputConfig, output: FfmpegOutputConfig): string[] {
  if (input.type === 'testsrc' && input.audio === false) return ['-an'];
  const kbps = output.audioBitrateKbps ?? DEFAULTS.audioBitrateKbps;
  return ['-c:a', 'aac', '-b:a', `${kbps}k`, '-ar', '48000', '-ac', '2'];
}

function muxerArgs(output: FfmpegOutputConfig, ioTimeoutMs: number): string[] {
  const scheme = schemeOf(output.url);
  const network = isNetworkUrl(output.url) ? timeoutArgs(ioTimeoutMs) : [];
  if (output.format) return [...network, '-f', output.format];
  if (scheme === 'rtmp' || scheme === 'rtmps') {
    // A live FLV cannot be seeked back to patch duration/size; skip the attempt and its warnings.
    return [...network, '-f', 'flv', '-flvflags', 'no_duration_filesize'];
  }
  if (scheme === 'srt' || scheme === 'udp') return [...network, '-f', 'mpegts'];
  return network;
}

function timeoutArgs(ioTimeoutMs: number): string[] {
  return ioTimeoutMs > 0 ? ['-rw_timeout', String(ioTimeoutMs * 1000)] : [];
}

/** The lower-case URL scheme, or undefined for a plain path. */
export function schemeOf(url: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):\/\//i.exec(url)?.[1]?.toLowerCase();
}

/** Whether the URL goes over the network (anything with a scheme other than file://). */
export function isNetworkUrl(url: string): boolean {
  const scheme = schemeOf(url);
  return scheme !== undefined && scheme !== 'file';
}

function timestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
}
