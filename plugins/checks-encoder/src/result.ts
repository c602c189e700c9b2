import type { CheckInput, CheckResult, CheckStatus } from '@encoder-manager/sdk';

/** What a check decided; the rest of the result comes from the input. */
export interface Verdict {
  readonly status: CheckStatus;
  readonly message: string;
  readonly value?: number;
  readonly threshold?: number;
  /** Set for per-output checks: subject becomes `encoderId/outputId` and the labels gain `output`. */
  readonly output?: string;
}

/**
 * A `check.result` for the sample being checked. Labels keep the input's labels (site, uplink, family …)
 * and always carry `encoder`, which the failover plugin uses to map alerts to encoders. Labels never hold
 * measured values, so one problem keeps one alert fingerprint while its figures change.
 */
export function resultOf(check: string, input: CheckInput, verdict: Verdict): CheckResult {
  const encoder = input.labels.encoder ?? input.sample.encoderId;
  const { output, ...rest } = verdict;
  return {
    check,
    subject: output === undefined ? encoder : `${encoder}/${output}`,
    ...rest,
    labels: { ...input.labels, encoder, ...(output === undefined ? {} : { output }) },
    at: input.sample.at,
  };
}

const RANK: Readonly<Record<CheckStatus, number>> = { ok: 0, unknown: 1, warning: 2, critical: 3 };

/** The more severe of two statuses. */
export function worst(a: CheckStatus, b: CheckStatus): CheckStatus {
  return RANK[b] > RANK[a] ? b : a;
}

/** `critical`, `warning` or `ok` for a value that is bad when high. */
export function gradeAbove(value: number, warning: number, critical: number): CheckStatus {
  if (value >= critical) return 'critical';
  return value >= warning ? 'warning' : 'ok';
}
