import type { CancelTimer, Clock } from '@encoder-manager/sdk';
import { RequestStatus, type ObsOutputState } from '../protocol.js';
import { eventOutputActive, isRunning, stoppedOutput, type SimOutput } from './outputs.js';

/** Faults the OBS simulator can inject; each lasts until cleared. */
export const OBS_FAULTS = [
  'garbled',
  'slow',
  'auth-expiry',
  'ignore-commands',
  'overheat',
  'link-loss',
  'dropped-frames',
  'not-ready',
] as const;
export type ObsFault = (typeof OBS_FAULTS)[number];
export type SimOutputId = 'stream' | 'record';

/** An event the model wants pushed to identified clients. */
export type EmitEvent = (eventType: string, eventIntent: number, eventData?: Record<string, unknown>) => void;

/** Timing of the simulated OBS. */
export interface ObsModelOptions {
  readonly clock: Clock;
  /** STARTING → STARTED (default 1000 ms). */
  readonly startDelayMs?: number;
  /** STOPPING → STOPPED (default 300 ms). */
  readonly stopDelayMs?: number;
}

const OUTPUTS_INTENT = 1 << 6;
const EVENT_TYPE = { stream: 'StreamStateChanged', record: 'RecordStateChanged' } as const;

/** OBS's stream and record outputs, driven by requests, the operator and faults. */
export class ObsModel {
  readonly clock: Clock;
  readonly outputs: Record<SimOutputId, SimOutput> = { stream: stoppedOutput(), record: stoppedOutput() };
  readonly faults = new Map<ObsFault, number>();
  emit: EmitEvent = () => {};
  readonly #timers = new Set<CancelTimer>();
  readonly #startDelayMs: number;
  readonly #stopDelayMs: number;

  constructor(options: ObsModelOptions) {
    this.clock = options.clock;
    this.#startDelayMs = options.startDelayMs ?? 1000;
    this.#stopDelayMs = options.stopDelayMs ?? 300;
  }

  has(fault: ObsFault): boolean {
    return this.faults.has(fault);
  }

  faultAge(fault: ObsFault): number | undefined {
    const since = this.faults.get(fault);
    return since === undefined ? undefined : this.clock.now() - since;
  }

  inject(fault: ObsFault): void {
    if (this.faults.has(fault)) return;
    this.faults.set(fault, this.clock.now());
    if (fault === 'link-loss' && this.outputs.stream.state === 'OBS_WEBSOCKET_OUTPUT_STARTED')
      this.#set('stream', 'OBS_WEBSOCKET_OUTPUT_RECONNECTING');
  }

  /** Clears every fault; counters keep what happened (stalled time, dropped frames). */
  clearFaults(): void {
    const stream = this.outputs.stream;
    const lost = this.faultAge('link-loss');
    if (lost !== undefined) stream.stalledMs += lost;
    const dropping = this.faultAge('dropped-frames');
    if (dropping !== undefined) stream.skippedFrames += Math.floor((dropping / 1000) * 12);
    this.faults.clear();
    if (stream.state === 'OBS_WEBSOCKET_OUTPUT_RECONNECTING')
      this.#set('stream', 'OBS_WEBSOCKET_OUTPUT_RECONNECTED');
  }

  /** `StartStream`/`StartRecord`: 100 at once (the output starts later), 500 if running, 207 if not ready. */
  start(id: SimOutputId): number {
    if (this.has('not-ready')) return RequestStatus.NotReady;
    if (isRunning(this.outputs[id].state)) return RequestStatus.OutputRunning;
    if (this.has('ignore-commands')) return RequestStatus.Success;
    this.#set(id, 'OBS_WEBSOCKET_OUTPUT_STARTING');
    this.#after(this.#startDelayMs, () => this.#started(id));
    return RequestStatus.Success;
  }

  /** `StopStream`/`StopRecord`: 100 at once, 501 if not running, 207 if not ready. */
  stop(id: SimOutputId): number {
    if (this.has('not-ready')) return RequestStatus.NotReady;
    if (!isRunning(this.outputs[id].state)) return RequestStatus.OutputNotRunning;
    if (this.has('ignore-commands')) return RequestStatus.Success;
    this.#set(id, 'OBS_WEBSOCKET_OUTPUT_STOPPING');
    this.#after(this.#stopDelayMs, () => this.#stopped(id));
    return RequestStatus.Success;
  }

  /** The operator pressed Start/Stop in OBS and it took effect: both events are pushed at once. */
  setOutput(id: SimOutputId, state: 'active' | 'idle'): void {
    if (state === 'active' && !isRunning(this.outputs[id].state)) {
      this.#set(id, 'OBS_WEBSOCKET_OUTPUT_STARTING');
      this.#started(id);
    } else if (state === 'idle' && isRunning(this.outputs[id].state)) {
      this.#set(id, 'OBS_WEBSOCKET_OUTPUT_STOPPING');
      this.#stopped(id);
    }
  }

  /** OBS quit (or crashed): everything stops without events, pending transitions are dropped. */
  reset(): void {
    this.cancelTimers();
    this.outputs.stream = stoppedOutput();
    this.outputs.record = stoppedOutput();
  }

  cancelTimers(): void {
    for (const cancel of this.#timers) cancel();
    this.#timers.clear();
  }

  #started(id: SimOutputId): void {
    const output = this.outputs[id];
    Object.assign(output, stoppedOutput(), { startedAt: this.clock.now() });
    if (id === 'record')
      output.outputPath = `/home/obs/Videos/${new Date(this.clock.now()).toISOString().slice(0, 19)}.mkv`;
    const reconnecting = id === 'stream' && this.has('link-loss');
    this.#set(id, reconnecting ? 'OBS_WEBSOCKET_OUTPUT_RECONNECTING' : 'OBS_WEBSOCKET_OUTPUT_STARTED');
  }

  #stopped(id: SimOutputId): void {
    this.#set(id, 'OBS_WEBSOCKET_OUTPUT_STOPPED');
    this.outputs[id].startedAt = undefined;
  }

  #set(id: SimOutputId, state: ObsOutputState): void {
    const output = this.outputs[id];
    output.state = state;
    const data: Record<string, unknown> = { outputActive: eventOutputActive(state), outputState: state };
    if (id === 'record')
      data.outputPath = state === 'OBS_WEBSOCKET_OUTPUT_STARTING' ? null : (output.outputPath ?? null);
    this.emit(EVENT_TYPE[id], OUTPUTS_INTENT, data);
  }

  #after(ms: number, fn: () => void): void {
    const cancel = this.clock.setTimer(() => {
      this.#timers.delete(cancel);
      fn();
    }, ms);
    this.#timers.add(cancel);
  }
}
