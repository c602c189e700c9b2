import type { EncoderMetrics, EncoderOutput, SampleError } from '@encoder-manager/sdk';
import type { FaultKind, ProfileName } from './config.js';
import { activeWindow, isActive, type FaultWindow } from './faults.js';
import { createRandom, type Random } from './random.js';

/** What a profile sets: the means and bounds the metrics wander within. */
export interface ProfileSpec {
  readonly model: string;
  readonly bitrateKbps: number;
  readonly cpu: { readonly mean: number; readonly sd: number; readonly min: number; readonly max: number };
  /** Each encoder draws its own mean temperature from [meanMin, meanMax]. */
  readonly temperature: {
    readonly meanMin: number;
    readonly meanMax: number;
    readonly sd: number;
    readonly min: number;
    readonly max: number;
  };
}

export const PROFILES: Readonly<Record<ProfileName, ProfileSpec>> = {
  sd: {
    model: 'SimEncoder SD',
    bitrateKbps: 1500,
    cpu: { mean: 28, sd: 4, min: 15, max: 45 },
    temperature: { meanMin: 46, meanMax: 52, sd: 1.2, min: 43, max: 57 },
  },
  hd: {
    model: 'SimEncoder HD',
    bitrateKbps: 4500,
    cpu: { mean: 40, sd: 5, min: 20, max: 60 },
    temperature: { meanMin: 49, meanMax: 55, sd: 1.4, min: 45, max: 60 },
  },
  uhd: {
    model: 'SimEncoder UHD',
    bitrateKbps: 16000,
    cpu: { mean: 55, sd: 6, min: 35, max: 80 },
    temperature: { meanMin: 53, meanMax: 57, sd: 1.4, min: 48, max: 62 },
  },
};

/** Tunables of the model; exported so tests and docs can refer to them. */
export const SIM = {
  /** Mean-reversion times of the random walks, seconds. */
  temperatureTauSec: 120,
  cpuTauSec: 20,
  bitrateTauSec: 10,
  /** Bitrate wanders with this standard deviation (fraction of the target) and never leaves ± maxFraction. */
  bitrateSdFraction: 0.015,
  bitrateMaxFraction: 0.05,
  fps: 29.97,
  fpsJitterSd: 0.01,
  fpsJitterMax: 0.03,
  /** Without faults a small burst of dropped frames happens on average this often. */
  dropBurstMeanIntervalSec: 900,
  dropBurstMaxFrames: 8,
  /** Frames dropped per second during a `dropped-frames` fault. */
  dropFaultFramesPerSec: 4,
  /** Overheat: reach the threshold in approachSec, then climb 1 °C every secPerDegree, up to maxC. */
  overheatThresholdC: 85,
  overheatApproachSec: 30,
  overheatSecPerDegree: 10,
  overheatMaxC: 110,
  /** A reboot makes the encoder unreachable for this long; it comes back with every output idle. */
  rebootMs: 20_000,
} as const;

/** The output ids every simulated encoder has. */
export const OUTPUT_IDS = ['stream', 'record'] as const;
export type OutputId = (typeof OUTPUT_IDS)[number];

export function isOutputId(value: string): value is OutputId {
  return (OUTPUT_IDS as readonly string[]).includes(value);
}

/** What one read of the simulated device returns (the driver adds encoderId and at). */
export interface SimReading {
  readonly reachable: boolean;
  readonly error?: SampleError;
  readonly outputs: readonly EncoderOutput[];
  readonly metrics: EncoderMetrics;
}

export interface SimulatedEncoderOptions {
  readonly id: string;
  readonly profile: ProfileName;
  /** Already mixed with the encoder id, so each encoder gets its own stream of numbers. */
  readonly seed: number;
  /** Clock time the simulation starts at (epoch ms). */
  readonly startedAt: number;
  readonly faults?: readonly FaultWindow[];
  /** Whether the stream output is on at start. Default true. */
  readonly streaming?: boolean;
  /** Whether the record output is on at start. Default false. */
  readonly recording?: boolean;
}

/**
 * One virtual encoder. State evolves lazily: every read advances the model from the previous read's time
 * to `now`, so the same seed and the same read times always give the same values, whatever the clock.
 */
export class SimulatedEncoder {
  readonly id: string;
  readonly profileName: ProfileName;
  readonly profile: ProfileSpec;
  readonly streamDestination: string;
  readonly recordDestination: string;

  private readonly rng: Random;
  private readonly faults: readonly FaultWindow[];
  private readonly temperatureMean: number;
  private readonly cpuMean: number;

  private lastAt: number;
  private temperature: number;
  private cpu: number;
  private bitrate: number;
  private fps: number;
  private droppedFrames = 0;
  private bootAt: number;
  private rebootingUntil: number | undefined;
  private streamOn: boolean;
  private recordOn: boolean;

  constructor(options: SimulatedEncoderOptions) {
    this.id = options.id;
    this.profileName = options.profile;
    this.profile = PROFILES[options.profile];
    this.streamDestination = `rtmp://127.0.0.1/live/${options.id}`;
    this.recordDestination = `/var/media/${options.id}/recording.ts`;
    this.rng = createRandom(options.seed);
    this.faults = options.faults ?? [];
    this.lastAt = options.startedAt;
    this.streamOn = options.streaming ?? true;
    this.recordOn = options.recording ?? false;

    const { temperature, cpu, bitrateKbps } = this.profile;
    this.temperatureMean = this.rng.between(temperature.meanMin, temperature.meanMax);
    this.cpuMean = clamp(cpu.mean + this.rng.between(-5, 5), cpu.min + 2 * cpu.sd, cpu.max - 2 * cpu.sd);
    this.temperature = clamp(
      this.temperatureMean + temperature.sd * this.rng.normal(),
      temperature.min,
      temperature.max,
    );
    this.cpu = clamp(this.cpuMean + cpu.sd * this.rng.normal(), cpu.min, cpu.max);
    this.bitrate = this.clampBitrate(bitrateKbps * (1 + SIM.bitrateSdFraction * this.rng.normal()));
    this.fps = this.nominalFps(options.startedAt);
    // Up for between an hour and a month before the agent started.
    this.bootAt = options.startedAt - Math.round(this.rng.between(3600, 30 * 86400) * 1000);
  }

  /** The injected fault kinds active at `now`. */
  activeFaults(now: number): FaultKind[] {
    const kinds = new Set<FaultKind>();
    for (const window of this.faults) if (isActive(window, now)) kinds.add(window.kind);
    return [...kinds];
  }

  hasFault(kind: FaultKind, now: number): boolean {
    return activeWindow(this.faults, kind, now) !== undefined;
  }

  /** Why the device does not answer at `now`, or undefined when it does. */
  unreachableError(now: number): SampleError | undefined {
    this.advance(now);
    if (this.rebootingUntil !== undefined) {
      return { code: 'EM_DRIVER_UNREACHABLE', message: `simulated encoder ${this.id} is rebooting` };
    }
    if (this.hasFault('unreachable', now)) {
      return {
        code: 'EM_DRIVER_UNREACHABLE',
        message: `simulated encoder ${this.id} does not answer (injected fault "unreachable")`,
      };
    }
    return undefined;
  }

  /** Reads the device at `now`. */
  read(now: number): SimReading {
    const error = this.unreachableError(now);
    if (error !== undefined) return { reachable: false, error, outputs: [], metrics: {} };
    return { reachable: true, outputs: this.outputs(now), metrics: this.metrics(now) };
  }

  /** Turns an output on or off. The caller checks reachability first. */
  setOutput(outputId: OutputId, on: boolean, now: number): void {
    this.advance(now);
    if (outputId === 'stream') {
      // Dropped frames count since the output started.
      if (on && !this.streamOn) this.droppedFrames = 0;
      this.streamOn = on;
    } else {
      this.recordOn = on;
    }
  }

  /** Starts a reboot: unreachable for {@link SIM.rebootMs}, then back with every output idle. */
  reboot(now: number): void {
    this.advance(now);
    this.rebootingUntil = now + SIM.rebootMs;
  }

  /** Moves the model forward to `now`. Reads at the same time return the same values. */
  private advance(now: number): void {
    if (this.rebootingUntil !== undefined && now >= this.rebootingUntil) {
      this.bootAt = this.rebootingUntil;
      this.rebootingUntil = undefined;
      this.streamOn = false;
      this.recordOn = false;
      this.droppedFrames = 0;
    }
    if (now <= this.lastAt) return;
    const from = this.lastAt;
    const dtSec = (now - from) / 1000;
    this.lastAt = now;

    this.advanceTemperature(now, dtSec);

    const { cpu, bitrateKbps } = this.profile;
    this.cpu = clamp(
      ouStep(this.cpu, this.cpuMean, cpu.sd, SIM.cpuTauSec, dtSec, this.rng),
      cpu.min,
      cpu.max,
    );
    this.bitrate = this.clampBitrate(
      ouStep(
        this.bitrate,
        bitrateKbps,
        bitrateKbps * SIM.bitrateSdFraction,
        SIM.bitrateTauSec,
        dtSec,
        this.rng,
      ),
    );
    this.fps = this.nominalFps(now);

    if (this.rebootingUntil === undefined) {
      // Rare small bursts (a Poisson process), plus a steady flood while a dropped-frames fault runs.
      if (this.rng.next() < 1 - Math.exp(-dtSec / SIM.dropBurstMeanIntervalSec)) {
        this.droppedFrames += this.rng.int(1, SIM.dropBurstMaxFrames);
      }
      const faultSec = this.faultOverlapSec('dropped-frames', from, now);
      if (faultSec > 0) this.droppedFrames += this.rng.poisson(SIM.dropFaultFramesPerSec * faultSec);
    }
  }

  private advanceTemperature(now: number, dtSec: number): void {
    const spec = this.profile.temperature;
    const overheat = activeWindow(this.faults, 'overheat', now);
    if (overheat !== undefined) {
      const elapsedSec = (now - overheat.startAt) / 1000;
      const curve =
        elapsedSec < SIM.overheatApproachSec
          ? this.temperatureMean +
            ((SIM.overheatThresholdC - this.temperatureMean) * elapsedSec) / SIM.overheatApproachSec
          : SIM.overheatThresholdC + (elapsedSec - SIM.overheatApproachSec) / SIM.overheatSecPerDegree;
      this.temperature = Math.min(SIM.overheatMaxC, curve + 0.2 * this.rng.normal());
      return;
    }
    const wasInRange = this.temperature <= spec.max;
    const next = ouStep(
      this.temperature,
      this.temperatureMean,
      spec.sd,
      SIM.temperatureTauSec,
      dtSec,
      this.rng,
    );
    // After an overheat the device cools down along the random walk; only clamp once back in range.
    this.temperature = wasInRange ? clamp(next, spec.min, spec.max) : Math.max(next, spec.min);
  }

  /** Seconds of [from, to] covered by faults of one kind. */
  private faultOverlapSec(kind: FaultKind, from: number, to: number): number {
    let ms = 0;
    for (const window of this.faults) {
      if (window.kind !== kind) continue;
      const start = Math.max(from, window.startAt);
      const end = Math.min(to, window.endAt ?? Number.POSITIVE_INFINITY);
      if (end > start) ms += end - start;
    }
    return ms / 1000;
  }

  private nominalFps(now: number): number {
    const jitter = clamp(SIM.fpsJitterSd * this.rng.normal(), -SIM.fpsJitterMax, SIM.fpsJitterMax);
    const dropping = this.hasFault('dropped-frames', now) ? SIM.dropFaultFramesPerSec : 0;
    return SIM.fps - dropping + jitter * (dropping > 0 ? 10 : 1);
  }

  private clampBitrate(value: number): number {
    const target = this.profile.bitrateKbps;
    return clamp(value, target * (1 - SIM.bitrateMaxFraction), target * (1 + SIM.bitrateMaxFraction));
  }

  private outputs(now: number): EncoderOutput[] {
    const bitrateKbps = Math.round(this.bitrate);
    const linkLost = this.hasFault('link-loss', now);
    const stream: EncoderOutput = !this.streamOn
      ? {
          id: 'stream',
          kind: 'stream',
          state: 'idle',
          raw: 'IDLE',
          bitrateKbps: 0,
          destination: this.streamDestination,
        }
      : linkLost
        ? {
            id: 'stream',
            kind: 'stream',
            state: 'failed',
            raw: 'RECONNECTING',
            bitrateKbps: 0,
            destination: this.streamDestination,
          }
        : {
            id: 'stream',
            kind: 'stream',
            state: 'active',
            raw: 'STREAMING',
            bitrateKbps,
            destination: this.streamDestination,
          };
    const record: EncoderOutput = this.recordOn
      ? {
          id: 'record',
          kind: 'record',
          state: 'active',
          raw: 'RECORDING',
          bitrateKbps,
          destination: this.recordDestination,
        }
      : {
          id: 'record',
          kind: 'record',
          state: 'idle',
          raw: 'IDLE',
          bitrateKbps: 0,
          destination: this.recordDestination,
        };
    return [stream, record];
  }

  private metrics(now: number): EncoderMetrics {
    return {
      temperatureC: round(this.temperature, 1),
      cpuPct: round(this.cpu, 1),
      droppedFrames: this.droppedFrames,
      fps: round(this.fps, 2),
      inputSignal: true,
      uptimeSec: Math.floor((now - this.bootAt) / 1000),
    };
  }
}

/**
 * One exact step of an Ornstein–Uhlenbeck process (a random walk pulled back to its mean): stable for any
 * gap between reads, and `sd` is the spread the value settles into.
 */
export function ouStep(
  value: number,
  mean: number,
  sd: number,
  tauSec: number,
  dtSec: number,
  rng: Random,
): number {
  const decay = Math.exp(-dtSec / tauSec);
  return mean + (value - mean) * decay + sd * Math.sqrt(1 - decay * decay) * rng.normal();
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
