import type { PlannedMessage } from '../outbox/enqueue.js';
import type { Rule, Settings } from '../settings/model.js';
import { groupKey, matchingRules } from './match.js';
import type { Routable } from './routable.js';
import { resolveTargets, uniqueTargets, type Audience } from './targets.js';

/** Messages one rule sends for an item: to its own audience, or to `audience` (escalation, repeats). */
export function planRuleMessages(
  settings: Settings,
  rule: Rule,
  item: Routable,
  variant: string,
  audience?: Audience,
): PlannedMessage[] {
  const who = audience ?? { roles: rule.roles, recipients: rule.recipients, channels: rule.channels };
  return resolveTargets(settings, who).map((target) => ({
    target,
    ruleId: rule.id,
    groupKey: groupKey(rule, item, variant),
    priority: rule.priority,
    groupWindowMs: rule.groupWaitMs,
    alertOnDead: true,
  }));
}

/** Messages for a bus event: every matching rule, each recipient/channel once. */
export function planEvent(settings: Settings, item: Routable): PlannedMessage[] {
  const planned = matchingRules(settings.rules, item).flatMap((rule) =>
    planRuleMessages(settings, rule, item, 'event'),
  );
  return uniqueTargets(planned);
}
