import {
  checksRef,
  errorMessageOf,
  type CheckResult,
  type EncoderDriver,
  type EncoderSample,
  type Logger,
  encoderDriversRef,
} from '@encoder-manager/sdk';
import type { CoreEventBus } from '../bus/event-bus.js';
import type { EncoderPoller } from '../encoders/poller.js';
import type { ServiceRegistry } from '../plugins/services.js';

/**
 * Runs every check the check plugins provide on each encoder sample and publishes `check.result`.
 * Checks are pure; a throwing check is logged and skipped, the others still run.
 */
export class CheckRunner {
  #unsubscribe: () => void = () => {};

  constructor(
    private readonly services: ServiceRegistry,
    private readonly poller: EncoderPoller,
    private readonly bus: CoreEventBus,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.#unsubscribe = this.bus.subscribe(
      'core',
      'encoder.sample',
      (event) => this.#evaluate(event.payload as EncoderSample),
      {
        queueSize: 5000,
      },
    );
  }

  stop(): void {
    this.#unsubscribe();
  }

  #evaluate(sample: EncoderSample): void {
    const labels = this.#labelsOf(sample.encoderId);
    const history = this.poller.history(sample.encoderId);
    for (const check of this.services.useAll(checksRef)) {
      let results: readonly CheckResult[];
      try {
        results = check.evaluate({ sample, history, labels });
      } catch (error) {
        this.log.error(
          { check: check.name, encoder: sample.encoderId, err: error },
          `check failed: ${errorMessageOf(error)}`,
        );
        continue;
      }
      for (const result of results) this.bus.publish('core', 'check.result', result);
    }
  }

  /** The encoder's own labels plus `encoder` and `family`, carried into every result and alert. */
  #labelsOf(encoderId: string): Record<string, string> {
    const driver: EncoderDriver | undefined = this.services
      .useAll(encoderDriversRef)
      .find((d) => d.id === encoderId);
    return { ...driver?.labels, encoder: encoderId, ...(driver ? { family: driver.family } : {}) };
  }
}
