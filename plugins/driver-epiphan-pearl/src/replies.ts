import { Type, type Static } from '@sinclair/typebox';

/*
 * The parts of Pearl REST API v2.0 replies the driver reads (epiphan-video/pearl_api_swagger_ui
 * api/v2.0/openapi.yml). Lenient on purpose: unknown fields are allowed and optional fields may be missing,
 * so a firmware that adds or drops a field does not blind the agent; wrong types are protocol errors.
 */

const Count = Type.Number({ minimum: 0 });

/** `statistics` is an open schema in the spec; SRT publishers fill `current`/`total` as below. */
export const PublisherStatistics = Type.Object({
  current: Type.Optional(
    Type.Object({
      send_rate: Type.Optional(Type.Number({ description: 'Mbit/s' })),
      drop_ratio: Type.Optional(Type.Number()),
      loss_ratio: Type.Optional(Type.Number()),
      rtt: Type.Optional(Type.Number()),
    }),
  ),
  total: Type.Optional(Type.Object({ pkt_loss: Type.Optional(Count), pkt_drop: Type.Optional(Count) })),
});

/** `PublisherStatus`. */
export const PublisherStatus = Type.Object({
  is_configured: Type.Optional(Type.Boolean()),
  started: Type.Optional(Type.Boolean()),
  state: Type.String({ minLength: 1 }),
  duration: Type.Optional(Count),
  since: Type.Optional(Count),
  description: Type.Optional(Type.String()),
  statistics: Type.Optional(PublisherStatistics),
  reconnections: Type.Optional(Count),
  warnings: Type.Optional(Type.Array(Type.Object({ text: Type.String() }))),
});

/** A publisher inside `GET /channels?publishers=true&publishers-status=true&publishers-settings=true`. */
export const ChannelPublisher = Type.Object({
  id: Type.String({ minLength: 1 }),
  type: Type.Optional(Type.String()),
  name: Type.Optional(Type.String()),
  status: Type.Optional(PublisherStatus),
  settings: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
});

/** `Channel` (the list reply of `GET /channels`). */
export const Channel = Type.Object({
  id: Type.String({ minLength: 1 }),
  name: Type.Optional(Type.String()),
  publishers: Type.Optional(Type.Array(ChannelPublisher)),
});
export const ChannelList = Type.Array(Channel);

/** `RecorderStatus`. */
export const RecorderStatus = Type.Object({
  state: Type.String({ minLength: 1 }),
  duration: Type.Optional(Count),
  description: Type.Optional(Type.String()),
});

/** `IdentifiedRecorderStatus` (the list reply of `GET /recorders/status`). */
export const IdentifiedRecorderStatus = Type.Object({
  id: Type.String({ minLength: 1 }),
  name: Type.Optional(Type.String()),
  status: Type.Optional(RecorderStatus),
});
export const RecorderStatusList = Type.Array(IdentifiedRecorderStatus);

/** `SystemStatus`; `date` is a date-time string in one spec example and epoch seconds in another. */
export const SystemStatus = Type.Object({
  date: Type.Optional(Type.Union([Type.String(), Type.Number()])),
  uptime: Type.Optional(Count),
  cpuload: Type.Optional(Type.Number({ minimum: 0, maximum: 100 })),
  cpuload_high: Type.Optional(Type.Boolean()),
  cputemp: Type.Optional(Type.Number()),
  cputemp_threshold: Type.Optional(Type.Number()),
});

/** `StorageStatus` of `GET /system/storages/{stid}/status`; sizes in bytes. */
export const StorageStatus = Type.Object({
  state: Type.String(),
  total: Type.Optional(Count),
  free: Type.Optional(Count),
});

/** The `OkResponse` of control calls: no `result`. */
export const NoResult = Type.Unknown();

export type ChannelReply = Static<typeof Channel>;
export type ChannelPublisherReply = Static<typeof ChannelPublisher>;
export type PublisherStatusReply = Static<typeof PublisherStatus>;
export type RecorderStatusReply = Static<typeof IdentifiedRecorderStatus>;
export type SystemStatusReply = Static<typeof SystemStatus>;
export type StorageStatusReply = Static<typeof StorageStatus>;
