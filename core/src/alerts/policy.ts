import type { LabelMatcher } from '@encoder-manager/sdk';
import type { FlapPolicy } from './flap.js';

/** An Alertmanager-style inhibition rule: a firing source alert mutes targets that share `equal` labels. */
export interface InhibitRule {
  readonly source: readonly LabelMatcher[];
  readonly target: readonly LabelMatcher[];
  readonly equal: readonly string[];
}

/** How check results become alerts (the `alerts:` config section). */
export interface AlertPolicy {
  /** A problem must persist this long before the alert fires. */
  readonly forMs: number;
  /** A firing alert resolves only after the check has been ok this long. */
  readonly holdDownMs: number;
  readonly flap: FlapPolicy;
  /** Labels that put alerts in one group (e.g. site, uplink); empty disables grouping. */
  readonly groupBy: readonly string[];
  /** Extra wait before a groupable alert fires, so simultaneous failures form one group alert. */
  readonly groupWaitMs: number;
  /** How many failing members make a group alert. */
  readonly groupMin: number;
  readonly inhibitRules: readonly InhibitRule[];
}
