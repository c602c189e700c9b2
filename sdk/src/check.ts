import type { EncoderSample } from './driver.js';
import { createServiceRef } from './services.js';

/** Check and alert severity, lowest first. */
export type Severity = 'info' | 'warning' | 'critical';

/** The verdict of one check on one subject. */
export type CheckStatus = 'ok' | 'warning' | 'critical' | 'unknown';

/** One check verdict, published as `check.result`. */
export interface CheckResult {
  /** The check's name, e.g. `temperature`. */
  readonly check: string;
  /** What was checked, usually an encoder id or `encoderId/outputId`. */
  readonly subject: string;
  readonly status: CheckStatus;
  readonly message: string;
  readonly value?: number;
  readonly threshold?: number;
  /** Labels for routing and grouping (encoder, site, uplink, channel …). */
  readonly labels: Readonly<Record<string, string>>;
  readonly at: number;
}

/** What a check sees: the newest sample and recent history of the same encoder, oldest first. */
export interface CheckInput {
  readonly sample: EncoderSample;
  readonly history: readonly EncoderSample[];
  readonly labels: Readonly<Record<string, string>>;
}

/** A check turns encoder samples into verdicts. It is pure: no I/O, no clock reads. */
export interface Check {
  readonly name: string;
  readonly description: string;
  evaluate(input: CheckInput): readonly CheckResult[];
}

/** Every check the enabled check plugins provide. */
export const checksRef = createServiceRef<Check>({ id: 'core.checks', multiple: true });
