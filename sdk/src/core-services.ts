import type { Capability, ControlAction, ControlResult, EncoderSample } from './driver.js';
import type { PluginState } from './events.js';
import type { PluginKind } from './plugin.js';
import { createServiceRef } from './services.js';

/** One encoder as the agent sees it. */
export interface EncoderView {
  readonly id: string;
  readonly family: string;
  readonly model?: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly capabilities: readonly Capability[];
  readonly pollIntervalMs: number;
  /** The newest sample, once the encoder has been polled. */
  readonly latest?: EncoderSample;
}

/** The encoders every driver plugin provides: read model and control (provided by the core). */
export interface EncodersService {
  list(): readonly EncoderView[];
  get(id: string): EncoderView | undefined;
  /** Recent samples, oldest first. */
  history(id: string): readonly EncoderSample[];
  /** Runs a control action through the encoder's driver; the result is confirmed by read-back. */
  control(id: string, action: ControlAction, signal: AbortSignal): Promise<ControlResult>;
}

/** One plugin's state in the running agent. */
export interface PluginView {
  readonly name: string;
  readonly version: string;
  readonly kind: PluginKind;
  readonly packageName: string;
  readonly state: PluginState;
  readonly code?: string;
  readonly message?: string;
  readonly attempts: number;
  /** The plugin's config JSON Schema (secrets marked `secret: true`). */
  readonly configSchema: unknown;
}

/** Agent-level facts for health endpoints (provided by the core). */
export interface AgentService {
  plugins(): readonly PluginView[];
  /** Per-subscriber bus counters and job stats, for /health/detailed. */
  diagnostics(): {
    readonly startedAt: number;
    readonly bus: readonly {
      owner: string;
      topic: string;
      queued: number;
      delivered: number;
      dropped: number;
      errors: number;
      maxHandlerMs: number;
    }[];
    readonly store: string;
  };
}

/** Provided by the core. */
export const encodersServiceRef = createServiceRef<EncodersService>({ id: 'core.encoders' });
/** Provided by the core. */
export const agentServiceRef = createServiceRef<AgentService>({ id: 'core.agent' });
