/**
 * Reads nginx-rtmp's `/stat` XML (streams-and-failover.md §3.1) for tests: which streams exist, whether
 * each is publishing, and its byte counters. The ingest-nginx-rtmp plugin has its own production parser.
 */
import { XMLParser } from 'fast-xml-parser';

/** One stream of one application. */
export interface RtmpStreamStat {
  /** `app/name`. */
  readonly path: string;
  readonly app: string;
  readonly name: string;
  /** The stream has a publisher (`<publishing/>`). */
  readonly publishing: boolean;
  /** Cumulative bytes received from the publisher. */
  readonly bytesIn: number;
  /** Bits/s over nginx's 10 s window — lags; detect stalls by Δ bytesIn instead. */
  readonly bwInBps: number;
  /** Stream age, ms. */
  readonly timeMs: number;
  readonly nclients: number;
}

/** A parsed `/stat` page. */
export interface RtmpStat {
  readonly streams: readonly RtmpStreamStat[];
  /** The stream at `app/name`, if nginx lists it. */
  stream(path: string): RtmpStreamStat | undefined;
}

const parser = new XMLParser({
  // Empty flag elements (<publishing/>) must survive as keys; repeated elements always become arrays.
  allowBooleanAttributes: true,
  isArray: (name) => ['server', 'application', 'stream', 'client'].includes(name),
});

/** Fetches and parses `/stat`. */
export async function readRtmpStat(statUrl: string): Promise<RtmpStat> {
  const reply = await fetch(statUrl, { signal: AbortSignal.timeout(2000) });
  if (!reply.ok) throw new Error(`${statUrl}: HTTP ${reply.status}`);
  return parseRtmpStat(await reply.text());
}

/** Parses the XML of `/stat`. */
export function parseRtmpStat(xml: string): RtmpStat {
  const root = (parser.parse(xml) as { rtmp?: StatRoot }).rtmp;
  if (!root) throw new Error(`not an nginx-rtmp /stat document: ${xml.slice(0, 80)}`);
  const streams = (root.server ?? []).flatMap((server) =>
    (server.application ?? []).flatMap((application) =>
      (application.live?.stream ?? []).map((stream) => toStream(String(application.name), stream)),
    ),
  );
  return { streams, stream: (path) => streams.find((stream) => stream.path === path) };
}

/** Polls `/stat` every 20 ms until `app/name` satisfies `until` (default: publishing); rejects after `timeoutMs`. */
export async function waitForStream(
  statUrl: string,
  path: string,
  until: (stream: RtmpStreamStat | undefined) => boolean = (stream) => stream?.publishing === true,
  timeoutMs = 5000,
): Promise<RtmpStreamStat | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const stream = (await readRtmpStat(statUrl)).stream(path);
    if (until(stream)) return stream;
    if (Date.now() > deadline)
      throw new Error(`${path} at ${statUrl}: condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

interface StatStream {
  name: unknown;
  bytes_in?: unknown;
  bw_in?: unknown;
  time?: unknown;
  nclients?: unknown;
  publishing?: unknown;
}
interface StatRoot {
  server?: { application?: { name: unknown; live?: { stream?: StatStream[] } }[] }[];
}

function toStream(app: string, stream: StatStream): RtmpStreamStat {
  const name = String(stream.name);
  return {
    path: `${app}/${name}`,
    app,
    name,
    publishing: stream.publishing !== undefined,
    bytesIn: Number(stream.bytes_in ?? 0),
    bwInBps: Number(stream.bw_in ?? 0),
    timeMs: Number(stream.time ?? 0),
    nclients: Number(stream.nclients ?? 0),
  };
}
