import type { Rule } from '../settings/model.js';
import type { Routable } from './routable.js';

/** True when `pattern` names the event type exactly or as a `prefix.*` wildcard (`*` alone matches all). */
export function eventTypeMatches(pattern: string, eventType: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return eventType.startsWith(pattern.slice(0, -1));
  return pattern === eventType;
}

/** Whether a rule applies to a routable: every condition it sets must hold. */
export function ruleMatches(rule: Rule, item: Routable): boolean {
  if (!rule.enabled) return false;
  if (!rule.eventTypes.some((pattern) => eventTypeMatches(pattern, item.eventType))) return false;
  if (rule.severities && !rule.severities.includes(item.severity)) return false;
  if (rule.alertNames && (item.alertName === undefined || !rule.alertNames.includes(item.alertName))) {
    return false;
  }
  for (const [label, value] of Object.entries(rule.labels)) {
    if (item.labels[label] !== value) return false;
  }
  for (const [label, pattern] of rule.labelsRegex) {
    const value = item.labels[label];
    if (value === undefined || !pattern.test(value)) return false;
  }
  return true;
}

/** The rules that apply, in priority order, stopping after the first one without `continue`. */
export function matchingRules(rules: readonly Rule[], item: Routable): Rule[] {
  const matched: Rule[] = [];
  for (const rule of rules) {
    if (!ruleMatches(rule, item)) continue;
    matched.push(rule);
    if (!rule.continue) break;
  }
  return matched;
}

/** The key messages are grouped by: rule, kind of message and the rule's `groupBy` label values. */
export function groupKey(rule: Rule, item: Routable, variant: string): string {
  const family = item.eventType.startsWith('alert.') ? 'alert' : item.eventType;
  const labels = rule.groupBy.map((label) => `${label}=${item.labels[label] ?? ''}`).join(',');
  return `${rule.id}|${family}|${variant}|${labels}`;
}
