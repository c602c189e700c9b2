import { protocolError } from '@encoder-manager/sdk';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { redact } from './redact.js';

/*
 * The obs-websocket v5 messages the driver reads, as TypeBox schemas (docs/generated/protocol.md).
 * Unknown fields are allowed (newer servers add some); wrong types are protocol errors.
 */

const Data = Type.Record(Type.String(), Type.Unknown());

export const HelloMessage = Type.Object({
  op: Type.Literal(0),
  d: Type.Object({
    obsWebSocketVersion: Type.String(),
    rpcVersion: Type.Integer({ minimum: 1 }),
    authentication: Type.Optional(Type.Object({ challenge: Type.String(), salt: Type.String() })),
  }),
});

export const IdentifiedMessage = Type.Object({
  op: Type.Literal(2),
  d: Type.Object({ negotiatedRpcVersion: Type.Integer() }),
});

export const EventMessage = Type.Object({
  op: Type.Literal(5),
  d: Type.Object({ eventType: Type.String(), eventIntent: Type.Number(), eventData: Type.Optional(Data) }),
});

export const RequestResponseMessage = Type.Object({
  op: Type.Literal(7),
  d: Type.Object({
    requestType: Type.String(),
    requestId: Type.String(),
    requestStatus: Type.Object({
      result: Type.Boolean(),
      code: Type.Integer(),
      comment: Type.Optional(Type.String()),
    }),
    responseData: Type.Optional(Data),
  }),
});

/** Any server → client message the driver understands. */
export const ServerMessage = Type.Union([
  HelloMessage,
  IdentifiedMessage,
  EventMessage,
  RequestResponseMessage,
]);
export type ServerMessage = Static<typeof ServerMessage>;
export type RequestResponse = Static<typeof RequestResponseMessage>['d'];

/** `GetStreamStatus` response. `outputCongestion` is absent on old servers. */
export const StreamStatus = Type.Object({
  outputActive: Type.Boolean(),
  outputReconnecting: Type.Boolean(),
  outputCongestion: Type.Optional(Type.Number()),
  outputBytes: Type.Number({ minimum: 0 }),
  outputSkippedFrames: Type.Number({ minimum: 0 }),
  outputTotalFrames: Type.Number({ minimum: 0 }),
});

/** `GetRecordStatus` response. */
export const RecordStatus = Type.Object({
  outputActive: Type.Boolean(),
  outputPaused: Type.Optional(Type.Boolean()),
  outputBytes: Type.Number({ minimum: 0 }),
});

/** `GetStats` response (only the fields mapped to metrics are required). */
export const Stats = Type.Object({
  cpuUsage: Type.Number(),
  memoryUsage: Type.Optional(Type.Number()),
  availableDiskSpace: Type.Optional(Type.Number()),
  activeFps: Type.Number(),
  renderSkippedFrames: Type.Optional(Type.Number()),
  outputSkippedFrames: Type.Optional(Type.Number()),
});

/** `GetStreamServiceSettings` response. */
export const StreamServiceSettings = Type.Object({
  streamServiceType: Type.String(),
  streamServiceSettings: Type.Optional(Data),
});

/** `StreamStateChanged` / `RecordStateChanged` event data. */
export const OutputStateChanged = Type.Object({
  outputActive: Type.Boolean(),
  outputState: Type.String(),
  outputPath: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

export type StreamStatusData = Static<typeof StreamStatus>;
export type RecordStatusData = Static<typeof RecordStatus>;
export type StatsData = Static<typeof Stats>;

/** Parses one text frame; anything that is not a known, well-typed message is a protocol error. */
export function decodeServerMessage(text: string): ServerMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw protocolError('obs-websocket sent a frame that is not JSON', redact(text));
  }
  const op = typeof parsed === 'object' && parsed !== null ? (parsed as { op?: unknown }).op : undefined;
  const schema = typeof op === 'number' ? BY_OP[op] : undefined;
  if (!schema)
    throw protocolError(`obs-websocket sent a message with unknown op ${String(op)}`, redact(text));
  return validate(schema, parsed, `obs-websocket op ${op} message`, text) as ServerMessage;
}

const BY_OP: Readonly<Record<number, TSchema>> = {
  0: HelloMessage,
  2: IdentifiedMessage,
  5: EventMessage,
  7: RequestResponseMessage,
};

/** Checks a value against a schema; the error names the first bad field. */
export function validate<S extends TSchema>(
  schema: S,
  value: unknown,
  what: string,
  raw?: string,
): Static<S> {
  if (Value.Check(schema, value)) return value;
  const first = Value.Errors(schema, value).First();
  const where = first ? `${first.path || '/'}: ${first.message}` : 'invalid';
  throw protocolError(`${what} is malformed (${where})`, redact(raw ?? safeJson(value)));
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
