import { RequestStatus } from '../protocol.js';
import type { ObsModel, SimOutputId } from './model.js';
import { recordStatus, stats, streamStatus } from './render.js';

/** The outcome of one request, before it is wrapped in a RequestResponse. */
export interface SimResult {
  readonly code: number;
  readonly comment?: string;
  readonly responseData?: Record<string, unknown>;
}

/** Per-session counters GetStats reports. */
export interface SessionCounters {
  incoming: number;
  outgoing: number;
}

const UNKNOWN_REQUEST = 204;
const COMMENTS: Readonly<Record<number, string>> = {
  [RequestStatus.NotReady]: 'OBS is not ready to perform the request.',
  [RequestStatus.OutputRunning]: 'The output is already running.',
  [RequestStatus.OutputNotRunning]: 'The output is not running.',
};

type Handler = (model: ObsModel, session: SessionCounters) => SimResult;

const ok = (responseData?: Record<string, unknown>): SimResult => ({
  code: RequestStatus.Success,
  responseData,
});
const status = (code: number): SimResult => ({ code, comment: COMMENTS[code] });

function control(id: SimOutputId, action: 'start' | 'stop'): Handler {
  return (model) => {
    const code = action === 'start' ? model.start(id) : model.stop(id);
    if (code !== RequestStatus.Success) return status(code);
    // StopRecord returns the file path (obs-websocket ≥ 5.1).
    if (id === 'record' && action === 'stop')
      return ok({ outputPath: model.outputs.record.outputPath ?? '' });
    return ok();
  };
}

const HANDLERS: Readonly<Record<string, Handler>> = {
  GetVersion: () =>
    ok({
      obsVersion: '30.2.2',
      obsWebSocketVersion: '5.5.2',
      rpcVersion: 1,
      availableRequests: Object.keys(HANDLERS),
      supportedImageFormats: ['png', 'jpg'],
      platform: 'simulator',
      platformDescription: 'Encoder Manager OBS simulator',
    }),
  GetStats: (model, session) => ok(stats(model, session)),
  GetStreamStatus: (model) => ok(streamStatus(model)),
  GetRecordStatus: (model) => ok(recordStatus(model)),
  StartStream: control('stream', 'start'),
  StopStream: control('stream', 'stop'),
  StartRecord: control('record', 'start'),
  StopRecord: control('record', 'stop'),
  GetStreamServiceSettings: () =>
    ok({
      streamServiceType: 'rtmp_custom',
      streamServiceSettings: { server: 'rtmp://127.0.0.1:1935/live', key: 'studio-b', use_auth: false },
    }),
  GetRecordDirectory: () => ok({ recordDirectory: '/home/obs/Videos' }),
};

/** Runs one request as obs-websocket would; NotReady (207) answers everything under the `not-ready` fault. */
export function handleRequest(model: ObsModel, session: SessionCounters, requestType: unknown): SimResult {
  if (typeof requestType !== 'string' || requestType === '')
    return { code: 203, comment: 'Your request is missing a `requestType`' };
  const handler = HANDLERS[requestType];
  if (!handler) return { code: UNKNOWN_REQUEST, comment: 'Your request type is not valid.' };
  if (model.has('not-ready') && requestType.startsWith('Get')) return status(RequestStatus.NotReady);
  return handler(model, session);
}
