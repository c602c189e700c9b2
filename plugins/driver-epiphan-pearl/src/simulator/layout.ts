/** What a simulated publisher or recorder is doing, in the spec's own state words. */
export interface Runnable {
  state: string;
  /** True from an accepted start until it has stopped (the spec's `started` flag). */
  running: boolean;
  /** An asynchronous start/stop in flight and when it completes. */
  pending?: { readonly to: 'started' | 'stopped' | 'error'; readonly at: number };
  startedAt?: number;
  reconnections: number;
  description?: string;
}

/** A channel publisher (stream). */
export interface SimPublisher extends Runnable {
  readonly id: string;
  readonly type: 'rtmp' | 'srt';
  readonly name: string;
  readonly url: string;
  readonly stream: string;
}

export interface SimChannel {
  readonly id: string;
  readonly name: string;
  readonly publishers: SimPublisher[];
}

/** A channel recorder. */
export interface SimRecorder extends Runnable {
  readonly id: string;
  readonly name: string;
}

/** The device's inventory. */
export interface SimLayout {
  readonly productName: string;
  readonly channels: SimChannel[];
  readonly recorders: SimRecorder[];
}

const idle = (): Runnable => ({ state: 'stopped', running: false, reconnections: 0 });

function publisher(id: string, type: 'rtmp' | 'srt', name: string, url: string, stream = ''): SimPublisher {
  return { id, type, name, url, stream, ...idle() };
}

/**
 * A Pearl Mini at a council chamber: channel 1 streams to an RTMP CDN (`ch1/pub0`) and over SRT to master
 * control (`ch1/pub1`); channel 2 has one RTMP publisher and one left unconfigured (no URL).
 * Publisher ids start at "0" and channel/recorder ids at "1", as in the spec's examples.
 */
export function defaultLayout(): SimLayout {
  return {
    productName: 'Pearl Mini',
    channels: [
      {
        id: '1',
        name: 'Council Chamber',
        publishers: [
          publisher('0', 'rtmp', 'CDN', 'rtmp://127.0.0.1:1935/live', 'council'),
          publisher('1', 'srt', 'Master control', 'srt://127.0.0.1:9000'),
        ],
      },
      {
        id: '2',
        name: 'Committee Room',
        publishers: [
          publisher('0', 'rtmp', 'CDN', 'rtmp://127.0.0.1:1935/live', 'committee'),
          publisher('1', 'rtmp', 'Spare', ''),
        ],
      },
    ],
    recorders: [
      { id: '1', name: 'Council Chamber', ...idle() },
      { id: '2', name: 'Committee Room', ...idle() },
    ],
  };
}
