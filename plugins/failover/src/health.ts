import type { Alert, EncoderSample, StreamStateEvent } from '@encoder-manager/sdk';

/** What the plugin knows about each encoder and stream, from the bus. */
export class HealthBoard {
  readonly #samples = new Map<string, EncoderSample>();
  readonly #streams = new Map<string, StreamStateEvent>();
  /** encoder → fingerprint → alert, for firing alerts only. */
  readonly #alerts = new Map<string, Map<string, Alert>>();
  /** Consecutive unreachable samples per encoder: one missed poll does not disqualify a backup. */
  readonly #misses = new Map<string, number>();

  sample(sample: EncoderSample): void {
    this.#samples.set(sample.encoderId, sample);
    this.#misses.set(sample.encoderId, sample.reachable ? 0 : (this.#misses.get(sample.encoderId) ?? 0) + 1);
  }

  stream(state: StreamStateEvent): void {
    this.#streams.set(state.stream, state);
  }

  alert(alert: Alert, firing: boolean): void {
    const encoder = alert.labels.encoder;
    if (!encoder) return;
    const alerts = this.#alerts.get(encoder) ?? new Map<string, Alert>();
    if (firing) alerts.set(alert.fingerprint, alert);
    else alerts.delete(alert.fingerprint);
    this.#alerts.set(encoder, alerts);
  }

  /** Consecutive polls that found the encoder unreachable. */
  misses(encoder: string): number {
    return this.#misses.get(encoder) ?? 0;
  }

  latest(encoder: string): EncoderSample | undefined {
    return this.#samples.get(encoder);
  }

  streamState(stream: string): StreamStateEvent | undefined {
    return this.#streams.get(stream);
  }

  /**
   * Whether an encoder is feeding its channel: its stream is live at the ingest or, for an encoder whose
   * destination is not watched, its output reads active.
   */
  onAir(entry: { readonly encoder: string; readonly output: string; readonly stream?: string }): boolean {
    if (entry.stream) return this.live(entry.stream);
    const outputs = this.#samples.get(entry.encoder)?.outputs ?? [];
    return outputs.some((output) => output.id === entry.output && output.state === 'active');
  }

  /** True when the stream is publishing and bytes are flowing. */
  live(stream: string): boolean {
    const state = this.#streams.get(stream);
    return state?.publishing === true && state.stalled !== true;
  }

  /** Why an encoder should not take over now, or undefined when it may. */
  unfit(encoder: string, severities: readonly string[]): string | undefined {
    const sample = this.#samples.get(encoder);
    if (sample && (this.#misses.get(encoder) ?? 0) >= 2)
      return `unreachable (${sample.error?.code ?? 'no answer'})`;
    const alert = [...(this.#alerts.get(encoder)?.values() ?? [])].find((a) =>
      severities.includes(a.severity),
    );
    return alert ? `alert ${alert.name}: ${alert.summary}` : undefined;
  }

  /** Lower is better: temperature plus CPU, for load- and temperature-aware assignment. */
  load(encoder: string): number {
    const metrics = this.#samples.get(encoder)?.metrics;
    return (metrics?.temperatureC ?? 50) + (metrics?.cpuPct ?? 50);
  }
}
