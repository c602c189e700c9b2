import type { Alert } from './alert.js';
import { createServiceRef } from './services.js';

/** The outcome of a remediation attempt. */
export interface RemediationOutcome {
  readonly succeeded: boolean;
  readonly message: string;
}

/** A guarded corrective action (restart an output, reboot a device …) offered for matching alerts. */
export interface Remediation {
  readonly name: string;
  readonly description: string;
  /** Whether this action applies to the alert; the first remediation that applies is tried. */
  appliesTo(alert: Alert): boolean;
  execute(alert: Alert, signal: AbortSignal): Promise<RemediationOutcome>;
}

/** Every remediation the enabled plugins provide, in plugin load order. */
export const remediationsRef = createServiceRef<Remediation>({ id: 'core.remediations', multiple: true });
