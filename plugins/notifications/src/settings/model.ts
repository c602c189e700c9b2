import {
  BUILT_IN_ROLES,
  type QuietHoursSettings,
  type RecipientChannelSettings,
  type RecipientSettings,
  type RoleSettings,
  type RuleSettings,
  type SettingsSource,
  type Severity,
  type TemplateSettings,
  type Weekday,
} from '@encoder-manager/sdk';

/** Quiet hours with defaults applied. */
export interface QuietHours {
  readonly start: string;
  readonly end: string;
  readonly timezone: string;
  readonly days: readonly Weekday[];
  readonly allowSeverities: readonly Severity[];
}

/** A recipient as the router uses it. */
export interface Recipient {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly channels: readonly RecipientChannelSettings[];
  readonly quietHours: QuietHours | undefined;
  readonly enabled: boolean;
  readonly source: SettingsSource;
}

/** An escalation step with defaults applied. */
export interface EscalationStep {
  readonly afterMs: number;
  readonly roles: readonly string[];
  readonly channels: readonly string[] | undefined;
}

/** A rule with every default applied. */
export interface Rule {
  readonly id: string;
  readonly priority: number;
  readonly continue: boolean;
  readonly enabled: boolean;
  readonly eventTypes: readonly string[];
  readonly severities: readonly Severity[] | undefined;
  readonly alertNames: readonly string[] | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly labelsRegex: ReadonlyMap<string, RegExp>;
  readonly roles: readonly string[];
  readonly recipients: readonly string[];
  readonly channels: readonly string[] | undefined;
  readonly firstAfter: number;
  readonly occurrenceWindowMs: number;
  readonly repeatEveryMs: number | undefined;
  readonly stateChangeOnly: boolean;
  readonly groupBy: readonly string[];
  readonly groupWaitMs: number;
  readonly escalation: readonly EscalationStep[];
  readonly source: SettingsSource;
  /** The settings as written, for reads through the service. */
  readonly raw: RuleSettings;
}

/** A custom or built-in role. */
export interface Role extends RoleSettings {
  readonly builtIn: boolean;
  readonly source: SettingsSource;
}

/** A template override with where it came from. */
export type Template = TemplateSettings & { readonly source: SettingsSource };

/** The settings in force: config plus store, validated. */
export interface Settings {
  readonly roles: ReadonlyMap<string, Role>;
  readonly recipients: readonly Recipient[];
  /** Sorted by priority, then id. */
  readonly rules: readonly Rule[];
  readonly templates: readonly Template[];
  readonly deadLetterRoles: readonly string[];
}

/** Alert event types, the default a rule matches. */
export const ALERT_EVENT_TYPES = ['alert.firing', 'alert.resolved'] as const;
const ALL_DAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** Applies recipient defaults. */
export function toRecipient(input: RecipientSettings, source: SettingsSource): Recipient {
  return {
    id: input.id,
    name: input.name,
    roles: [...input.roles],
    channels: input.channels.map((c) => ({ channel: c.channel, address: c.address })),
    quietHours: input.quietHours ? toQuietHours(input.quietHours) : undefined,
    enabled: input.enabled ?? true,
    source,
  };
}

function toQuietHours(input: QuietHoursSettings): QuietHours {
  return {
    start: input.start,
    end: input.end,
    timezone: input.timezone,
    days: input.days ? [...input.days] : ALL_DAYS,
    allowSeverities: input.allowSeverities ? [...input.allowSeverities] : ['critical'],
  };
}

/** Applies rule defaults; regular expressions must already be known to compile. */
export function toRule(input: RuleSettings, source: SettingsSource): Rule {
  const match = input.match ?? {};
  return {
    id: input.id,
    priority: input.priority ?? 100,
    continue: input.continue ?? false,
    enabled: input.enabled ?? true,
    eventTypes: match.eventTypes ? [...match.eventTypes] : [...ALERT_EVENT_TYPES],
    severities: match.severities ? [...match.severities] : undefined,
    alertNames: match.alertNames ? [...match.alertNames] : undefined,
    labels: { ...(match.labels ?? {}) },
    labelsRegex: new Map(Object.entries(match.labelsRegex ?? {}).map(([k, v]) => [k, new RegExp(v)])),
    roles: [...(input.notify.roles ?? [])],
    recipients: [...(input.notify.recipients ?? [])],
    channels: input.notify.channels ? [...input.notify.channels] : undefined,
    firstAfter: input.firstAfter ?? 1,
    occurrenceWindowMs: (input.occurrenceWindowSec ?? 3600) * 1000,
    repeatEveryMs: input.repeatEverySec === undefined ? undefined : input.repeatEverySec * 1000,
    stateChangeOnly: input.stateChangeOnly ?? true,
    groupBy: [...(input.groupBy ?? ['site'])],
    groupWaitMs: (input.groupWaitSec ?? 30) * 1000,
    escalation: (input.escalation ?? []).map((step) => ({
      afterMs: step.afterSec * 1000,
      roles: [...step.roles],
      channels: step.channels ? [...step.channels] : undefined,
    })),
    source,
    raw: input,
  };
}

/** The built-in roles as role entries. */
export function builtInRoles(): Role[] {
  return BUILT_IN_ROLES.map((id) => ({ id, builtIn: true, source: 'config' as const }));
}

/** Orders rules for evaluation: priority, then id so the order is stable. */
export function byPriority(a: Rule, b: Rule): number {
  return a.priority - b.priority || a.id.localeCompare(b.id);
}
