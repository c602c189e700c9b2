import { DriverError, type EncoderOutput } from '@encoder-manager/sdk';
import type { ChannelPublisherReply, ChannelReply, RecorderStatusReply } from './replies.js';
import { publisherState, recorderState } from './states.js';

/** Where a control request goes on the device. */
export type PearlTarget =
  | { readonly kind: 'publisher'; readonly channel: string; readonly publisher: string }
  | { readonly kind: 'recorder'; readonly recorder: string };

const PUBLISHER_ID = /^ch([A-Za-z0-9_-]+)\/pub([A-Za-z0-9_-]+)$/;
const RECORDER_ID = /^rec([A-Za-z0-9_-]+)$/;

/** `ch<cid>/pub<pid>`: publisher `pid` of channel `cid`, ids exactly as the Pearl numbers them. */
export function publisherOutputId(channel: string, publisher: string): string {
  return `ch${channel}/pub${publisher}`;
}

/** `rec<rid>`: recorder `rid` (`rec1`, or `recm1` for a multisource recorder). */
export function recorderOutputId(recorder: string): string {
  return `rec${recorder}`;
}

/** The device target of an output id; an id of another shape is EM_DRIVER_UNSUPPORTED. */
export function parseOutputId(outputId: string): PearlTarget {
  const publisher = PUBLISHER_ID.exec(outputId);
  if (publisher) return { kind: 'publisher', channel: publisher[1]!, publisher: publisher[2]! };
  const recorder = RECORDER_ID.exec(outputId);
  if (recorder) return { kind: 'recorder', recorder: recorder[1]! };
  throw new DriverError('EM_DRIVER_UNSUPPORTED', `unknown Pearl output id "${outputId}"`, {
    hint: 'Pearl output ids are ch<channel>/pub<publisher> (e.g. ch1/pub0) or rec<recorder> (e.g. rec1).',
  });
}

/** One stream output per publisher of every channel. */
export function publisherOutputs(channels: readonly ChannelReply[]): EncoderOutput[] {
  return channels.flatMap((channel) =>
    (channel.publishers ?? []).map((publisher) => publisherOutput(channel.id, publisher)),
  );
}

function publisherOutput(channel: string, publisher: ChannelPublisherReply): EncoderOutput {
  const status = publisher.status;
  const raw = status?.state ?? 'absent';
  const current = status?.statistics?.current;
  const state = status
    ? publisherState(raw, {
        isConfigured: status.is_configured ?? true,
        warnings: status.warnings?.length ?? 0,
        dropRatio: current?.drop_ratio,
      })
    : 'unknown';
  const sendRate = current?.send_rate;
  const destination = destinationOf(publisher.settings);
  return {
    id: publisherOutputId(channel, publisher.id),
    kind: 'stream',
    state,
    raw,
    // SRT `send_rate` is in Mbit/s; other publisher types report no live rate (docs §4.1, §13).
    ...(sendRate !== undefined && raw === 'started' ? { bitrateKbps: sendRate * 1000 } : {}),
    ...(destination ? { destination } : {}),
  };
}

/** One record output per recorder. */
export function recorderOutputs(recorders: readonly RecorderStatusReply[]): EncoderOutput[] {
  return recorders.map((recorder) => {
    const raw = recorder.status?.state ?? 'absent';
    return { id: recorderOutputId(recorder.id), kind: 'record', state: recorderState(raw), raw };
  });
}

/**
 * The publisher URL without credentials or query. The spec's schema nests it (`settings.rtmp.url`); the
 * `/channels` example flattens it (`settings.url`). The RTMP stream key is a separate field and never shown.
 */
export function destinationOf(settings: Readonly<Record<string, unknown>> | undefined): string | undefined {
  if (!settings) return undefined;
  const type = typeof settings.type === 'string' ? settings.type.replaceAll('-', '_') : undefined;
  const nested = type ? settings[type] : undefined;
  const url = isRecord(nested) && typeof nested.url === 'string' ? nested.url : settings.url;
  if (typeof url !== 'string' || url === '') return undefined;
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    parsed.search = '';
    return parsed.toString();
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
