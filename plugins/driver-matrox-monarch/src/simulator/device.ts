import type { CancelTimer, Clock } from '@encoder-manager/sdk';
import type { MonarchVariant } from '../variants.js';
import { DYNAMIC_OUTPUTS, SIM_COMMANDS, type SimCommand } from './command-table.js';
import { CHANNEL_IDS, formatStatus, type SimChannel } from './status-format.js';

/** Settings of one simulated Monarch. */
export interface MonarchDeviceOptions {
  readonly clock: Clock;
  readonly variant: MonarchVariant;
  readonly name: string;
  /** How long a start/stop keeps the device busy (RETRY to others); the reply comes at the end. */
  readonly commandMs: number;
  /** How long a GetStatus keeps it busy. */
  readonly statusMs: number;
  /** From a start/stop command to the state change GetStatus shows. */
  readonly transitionMs: number;
  /** Initial encoder modes, e.g. `{ stream: 'RTSP' }` or `{ enc1: 'NONE' }`. */
  readonly modes: Readonly<Record<string, string>>;
}

/** The device's answer and how long it takes to give it. */
export interface SimAnswer {
  readonly reply: string;
  readonly afterMs: number;
}

const DEFAULT_MODES: Readonly<Record<string, string>> = {
  record: 'RECORD',
  stream: 'RTMP',
  enc1: 'RECORD',
  enc2: 'RTMP',
};
const OFF_MODES = ['NONE', 'DISABLED'];

/** A simulated Monarch: channels, one-command-at-a-time execution with RETRY, and device faults. */
export class MonarchDevice {
  readonly channels = new Map<string, SimChannel>();
  name: string;
  fileTransfer = 'OFF';
  dynamicOutput = 'SHOW_A';
  ignoreCommands = false;
  /** The next N commands answer RETRY, as if another controller held the device. */
  forcedRetries = 0;
  /** RETRY replies given so far. */
  retriesSent = 0;
  #linkLoss = false;
  #busyUntil = -Infinity;
  readonly #timers = new Set<CancelTimer>();

  constructor(private readonly options: MonarchDeviceOptions) {
    this.name = options.name;
    for (const id of CHANNEL_IDS[options.variant]) this.setMode(id, options.modes[id] ?? DEFAULT_MODES[id]!);
  }

  /** Receives `command=<Name>[,args]`: RETRY when busy, else runs it and stays busy while it executes. */
  receive(commandLine: string): SimAnswer {
    const now = this.options.clock.now();
    if (this.forcedRetries > 0 || now < this.#busyUntil) {
      this.forcedRetries = Math.max(0, this.forcedRetries - 1);
      this.retriesSent++;
      return { reply: 'RETRY', afterMs: 0 };
    }
    const [name = '', ...args] = commandLine.split(',');
    const afterMs = name === 'GetStatus' ? this.options.statusMs : this.options.commandMs;
    this.#busyUntil = now + afterMs;
    return { reply: name === 'GetStatus' ? this.status() : this.#execute(name, args), afterMs };
  }

  status(): string {
    return formatStatus(this.options.variant, this.channels, this.name, this.fileTransfer);
  }

  /** As if an operator pressed the button on the front panel: no delay. */
  setOutput(id: string, state: 'idle' | 'active'): void {
    const channel = this.#channel(id);
    if (OFF_MODES.includes(channel.mode))
      throw new RangeError(`channel ${id} is ${channel.mode}; set a mode first`);
    channel.state = state === 'active' ? 'ON' : 'READY';
  }

  /** Reconfigures a channel's encoder mode (RTMP, RTSP, RECORD, NONE, DISABLED); it comes back idle. */
  setMode(id: string, mode: string): void {
    if (!/^[A-Z]+$/.test(mode)) throw new RangeError(`a mode is a word like RTMP or NONE, got "${mode}"`);
    if (!CHANNEL_IDS[this.options.variant].includes(id)) throw new RangeError(this.#unknown(id));
    this.channels.set(id, { mode, state: OFF_MODES.includes(mode) ? 'DISABLED' : 'READY' });
  }

  /** Uplink lost: a live RTMP stream drops to READY (GetStatus has no failure state) and cannot start. */
  setLinkLoss(lost: boolean): void {
    this.#linkLoss = lost;
    for (const channel of this.channels.values()) {
      if (lost && channel.mode === 'RTMP' && channel.state === 'ON') channel.state = 'READY';
    }
  }

  get linkLoss(): boolean {
    return this.#linkLoss;
  }

  /** After a power cycle every enabled channel is idle. */
  resetAfterPowerCycle(): void {
    for (const channel of this.channels.values()) if (channel.state === 'ON') channel.state = 'READY';
    this.#busyUntil = -Infinity;
  }

  close(): void {
    for (const cancel of this.#timers) cancel();
    this.#timers.clear();
  }

  #execute(name: string, args: readonly string[]): string {
    const table = SIM_COMMANDS[this.options.variant];
    if (this.options.variant === 'lcs' && name === 'SetDynamicOutput') return this.#dynamicOutput(args[0]);
    const command = Object.hasOwn(table, name) ? table[name] : undefined;
    if (!command) return 'FAILED'; // unknown to this model (the doc gives no other error reply)
    const ids = this.#targets(command);
    if (ids.length === 0) return 'FAILED';
    if (this.ignoreCommands) return 'SUCCESS';
    const state = command.action === 'start' ? 'ON' : 'READY';
    const cancel = this.options.clock.setTimer(() => {
      this.#timers.delete(cancel);
      for (const id of ids) this.#channel(id).state = state;
    }, this.options.transitionMs);
    this.#timers.add(cancel);
    return 'SUCCESS';
  }

  // FAILED when a named channel cannot do it: disabled, RTSP (always streaming), or RTMP without uplink.
  #targets(command: SimCommand): string[] {
    const named = command.channels !== 'both';
    const ids = named ? [...command.channels] : [...this.channels.keys()];
    const able = ids.filter((id) => this.#can(id, command.action));
    return named && able.length < ids.length ? [] : able;
  }

  #can(id: string, action: 'start' | 'stop'): boolean {
    const { mode } = this.#channel(id);
    if (OFF_MODES.includes(mode) || mode === 'RTSP') return false;
    return !(action === 'start' && mode === 'RTMP' && this.#linkLoss);
  }

  #dynamicOutput(layout: string | undefined): string {
    if (!layout || !DYNAMIC_OUTPUTS.includes(layout)) return 'FAILED';
    this.dynamicOutput = layout;
    return 'SUCCESS';
  }

  #channel(id: string): SimChannel {
    const channel = this.channels.get(id);
    if (!channel) throw new RangeError(this.#unknown(id));
    return channel;
  }

  #unknown(id: string): string {
    return `a simulated Monarch ${this.options.variant.toUpperCase()} has channels ${CHANNEL_IDS[this.options.variant].join(', ')}, not "${id}"`;
  }
}
