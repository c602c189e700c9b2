import { XMLParser } from 'fast-xml-parser';
import { EmError } from '@encoder-manager/sdk';

/** One stream as nginx-rtmp's /stat reports it. */
export interface StatStream {
  /** `app/name`. */
  readonly stream: string;
  readonly publishing: boolean;
  /** Cumulative bytes received; the only prompt signal (bw_in is a 10 s window and lags). */
  readonly bytesIn: number;
  readonly width?: number;
  readonly height?: number;
  /** Declared by the encoder's onMetaData, truncated to an integer by nginx. */
  readonly fps?: number;
  readonly publisherId?: string;
}

const parser = new XMLParser({
  ignoreAttributes: true,
  // Empty flag elements (<publishing/>) parse as '' — present means true.
  isArray: (name) => ['application', 'stream', 'client'].includes(name),
});

type Node = Record<string, unknown>;

/** Parses /stat XML; a reply that is not nginx-rtmp's stat document is a clear error. */
export function parseStat(xml: string, source: string): StatStream[] {
  const doc = safeParse(xml, source);
  const rtmp = doc.rtmp as Node | undefined;
  if (!rtmp || typeof rtmp !== 'object') {
    throw new EmError(
      'EM_DRIVER_PROTOCOL',
      `${source} did not return an nginx-rtmp <rtmp> stat document: ${JSON.stringify(xml.slice(0, 80))}`,
      {
        hint: 'Point statUrl at a location with `rtmp_stat all;`.',
      },
    );
  }
  const server = rtmp.server as Node | undefined;
  const applications = (server?.application as Node[] | undefined) ?? [];
  return applications.flatMap((application) => streamsOf(application));
}

function streamsOf(application: Node): StatStream[] {
  const app = String(application.name ?? '');
  const live = application.live as Node | undefined;
  const streams = (live?.stream as Node[] | undefined) ?? [];
  return streams.map((stream) => {
    const video = ((stream.meta as Node | undefined)?.video as Node | undefined) ?? {};
    const publisher = ((stream.client as Node[] | undefined) ?? []).find((client) => 'publishing' in client);
    return {
      stream: `${app}/${String(stream.name ?? '')}`,
      publishing: 'publishing' in stream,
      bytesIn: Number(stream.bytes_in ?? 0),
      width: optionalNumber(video.width),
      height: optionalNumber(video.height),
      fps: optionalNumber(video.frame_rate),
      publisherId: publisher?.id === undefined ? undefined : String(publisher.id),
    };
  });
}

function safeParse(xml: string, source: string): Node {
  try {
    return parser.parse(xml) as Node;
  } catch (error) {
    throw new EmError('EM_DRIVER_PROTOCOL', `${source} returned unparsable XML`, { cause: error });
  }
}

function optionalNumber(value: unknown): number | undefined {
  const number = Number(value);
  return value === undefined || value === '' || !Number.isFinite(number) ? undefined : number;
}
