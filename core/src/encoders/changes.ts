import type { EncoderSample, EncoderStateEvent } from '@encoder-manager/sdk';

/** The `encoder.state` event for what changed between two samples, or undefined when nothing did. */
export function stateChange(
  previous: EncoderSample | undefined,
  current: EncoderSample,
): EncoderStateEvent | undefined {
  const before = new Map(previous?.outputs.map((output) => [output.id, output.state]));
  const outputs = current.outputs
    .filter((output) => before.get(output.id) !== output.state)
    .map((output) => ({ id: output.id, state: output.state, previous: before.get(output.id) }));
  const reachabilityChanged = previous === undefined || previous.reachable !== current.reachable;
  if (!reachabilityChanged && outputs.length === 0) return undefined;
  return { encoderId: current.encoderId, reachable: current.reachable, outputs, at: current.at };
}

/** One short line per encoder for the periodic summary log. */
export function describeSample(sample: EncoderSample): string {
  if (!sample.reachable) return `${sample.encoderId}: unreachable (${sample.error?.code ?? 'unknown'})`;
  const outputs = sample.outputs.map((output) => `${output.id}=${output.state}`).join(' ');
  const { temperatureC, cpuPct, fps, droppedFrames } = sample.metrics;
  const bitrate = sample.outputs.find((output) => output.kind === 'stream')?.bitrateKbps;
  const parts = [
    outputs,
    bitrate === undefined ? undefined : `${Math.round(bitrate)}kbps`,
    fps === undefined ? undefined : `${fps.toFixed(2)}fps`,
    temperatureC === undefined ? undefined : `${temperatureC.toFixed(1)}°C`,
    cpuPct === undefined ? undefined : `cpu ${Math.round(cpuPct)}%`,
    droppedFrames === undefined ? undefined : `dropped ${droppedFrames}`,
  ];
  return `${sample.encoderId}: ${parts.filter((part) => part !== undefined).join(' ')}`;
}
