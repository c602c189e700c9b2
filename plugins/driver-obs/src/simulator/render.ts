import type { ObsModel } from './model.js';
import { isOutputActive, timecode, type SimOutput } from './outputs.js';

/*
 * responseData shapes of GetStreamStatus, GetRecordStatus and GetStats (docs/generated/protocol.md,
 * RequestHandler_Stream.cpp / _Record.cpp / _General.cpp). Values drift with time so graphs move.
 */

const STREAM_BYTES_PER_S = 750_000; // 6 Mbit/s
const RECORD_BYTES_PER_S = 1_500_000; // 12 Mbit/s
const FPS = 30;

function elapsedMs(model: ObsModel, output: SimOutput): number {
  return output.startedAt === undefined ? 0 : model.clock.now() - output.startedAt;
}

/** `GetStreamStatus`: bytes stop growing while the link is lost; dropped frames rise under `dropped-frames`. */
export function streamStatus(model: ObsModel): Record<string, unknown> {
  const output = model.outputs.stream;
  const active = isOutputActive(output.state);
  const elapsed = elapsedMs(model, output);
  const stalled = output.stalledMs + (active ? (model.faultAge('link-loss') ?? 0) : 0);
  const sending = Math.max(0, Math.min(elapsed, elapsed - stalled));
  const dropping = model.faultAge('dropped-frames');
  const skipped =
    output.skippedFrames + (active && dropping !== undefined ? Math.floor((dropping / 1000) * 12) : 0);
  const congestion = !active ? 0 : model.has('link-loss') ? 1 : dropping !== undefined ? 0.7 : 0.02;
  return {
    outputActive: active,
    outputReconnecting: output.state === 'OBS_WEBSOCKET_OUTPUT_RECONNECTING',
    outputTimecode: timecode(elapsed),
    outputDuration: elapsed,
    outputCongestion: congestion,
    outputBytes: Math.round((sending / 1000) * STREAM_BYTES_PER_S),
    outputSkippedFrames: skipped,
    outputTotalFrames: Math.floor((elapsed / 1000) * FPS),
  };
}

/** `GetRecordStatus`. */
export function recordStatus(model: ObsModel): Record<string, unknown> {
  const output = model.outputs.record;
  const elapsed = elapsedMs(model, output);
  return {
    outputActive: isOutputActive(output.state),
    outputPaused: output.state === 'OBS_WEBSOCKET_OUTPUT_PAUSED',
    outputTimecode: timecode(elapsed),
    outputDuration: elapsed,
    outputBytes: Math.round((elapsed / 1000) * RECORD_BYTES_PER_S),
  };
}

/**
 * `GetStats`. OBS reports no temperature: `overheat` shows what a thermally throttled PC does instead —
 * CPU climbing to 100 % over a minute, fps sagging and render/encoder lag frames piling up.
 */
export function stats(
  model: ObsModel,
  session: { incoming: number; outgoing: number },
): Record<string, unknown> {
  const now = model.clock.now();
  const streaming = isOutputActive(model.outputs.stream.state) ? 1 : 0;
  const recording = isOutputActive(model.outputs.record.state) ? 1 : 0;
  const hot = model.faultAge('overheat');
  const heat = hot === undefined ? 0 : Math.min(1, hot / 60_000);
  const base = 8 + 14 * streaming + 6 * recording + 2 * Math.sin(now / 7000);
  const lagged = hot === undefined ? 0 : Math.floor((hot / 1000) * 5 * heat);
  return {
    cpuUsage: Math.round((base + (100 - base) * heat) * 100) / 100,
    memoryUsage: 812.5 + 40 * (streaming + recording),
    availableDiskSpace: 120_000 - recording * (elapsedMs(model, model.outputs.record) / 1000) * 1.43,
    activeFps: Math.round((FPS - 6 * heat) * 100) / 100,
    averageFrameRenderTime: 2.1 + 20 * heat,
    renderSkippedFrames: lagged,
    renderTotalFrames: Math.floor((now / 1000) * FPS) % 1_000_000_000,
    outputSkippedFrames: lagged,
    outputTotalFrames: Math.floor((now / 1000) * FPS) % 1_000_000_000,
    webSocketSessionIncomingMessages: session.incoming,
    webSocketSessionOutgoingMessages: session.outgoing,
  };
}
