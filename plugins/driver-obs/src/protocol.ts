import { createHash } from 'node:crypto';

/*
 * obs-websocket v5 protocol constants (obsproject/obs-websocket docs/generated/protocol.md,
 * src/websocketserver/types/*.h). rpcVersion 1, JSON over text frames.
 */

/** The subprotocol for JSON messages (the default). */
export const JSON_SUBPROTOCOL = 'obswebsocket.json';
export const RPC_VERSION = 1;

/** `WebSocketOpCode`. */
export const OpCode = {
  Hello: 0,
  Identify: 1,
  Identified: 2,
  Reidentify: 3,
  Event: 5,
  Request: 6,
  RequestResponse: 7,
  RequestBatch: 8,
  RequestBatchResponse: 9,
} as const;

/** `WebSocketCloseCode`. */
export const CloseCode = {
  UnknownReason: 4000,
  MessageDecodeError: 4002,
  MissingDataField: 4003,
  InvalidDataFieldType: 4004,
  InvalidDataFieldValue: 4005,
  UnknownOpCode: 4006,
  NotIdentified: 4007,
  AlreadyIdentified: 4008,
  AuthenticationFailed: 4009,
  UnsupportedRpcVersion: 4010,
  SessionInvalidated: 4011,
  UnsupportedFeature: 4012,
} as const;

/** The `RequestStatus` codes the driver acts on. */
export const RequestStatus = {
  Success: 100,
  NotReady: 207,
  OutputRunning: 500,
  OutputNotRunning: 501,
} as const;

/** `EventSubscription` bits: General (for `ExitStarted`) and Outputs (stream/record state changes). */
export const EventSubscription = { General: 1 << 0, Outputs: 1 << 6 } as const;

/** `ObsOutputState` values carried by `StreamStateChanged` / `RecordStateChanged`. */
export const OUTPUT_STATES = [
  'OBS_WEBSOCKET_OUTPUT_UNKNOWN',
  'OBS_WEBSOCKET_OUTPUT_STARTING',
  'OBS_WEBSOCKET_OUTPUT_STARTED',
  'OBS_WEBSOCKET_OUTPUT_STOPPING',
  'OBS_WEBSOCKET_OUTPUT_STOPPED',
  'OBS_WEBSOCKET_OUTPUT_RECONNECTING',
  'OBS_WEBSOCKET_OUTPUT_RECONNECTED',
  'OBS_WEBSOCKET_OUTPUT_PAUSED',
  'OBS_WEBSOCKET_OUTPUT_RESUMED',
] as const;
export type ObsOutputState = (typeof OUTPUT_STATES)[number];

/**
 * The `Identify.authentication` string: `secret = base64(sha256(password + salt))`, then
 * `base64(sha256(secret + challenge))`.
 */
export function authenticationString(password: string, salt: string, challenge: string): string {
  const secret = sha256Base64(password + salt);
  return sha256Base64(secret + challenge);
}

function sha256Base64(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('base64');
}
