import type { Severity } from './check.js';
import { createServiceRef } from './services.js';

/** The roles every station has; stations add their own (e.g. `captioner`) next to them. */
export const BUILT_IN_ROLES = ['cablecaster', 'technician', 'engineer', 'management'] as const;

/** One of {@link BUILT_IN_ROLES}. */
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

/** Days for quiet hours, lower-case three-letter English abbreviations. */
export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** A custom role. Built-in roles need no declaration. */
export interface RoleSettings {
  /** kebab-case id used by recipients and rules, e.g. `captioner`. */
  readonly id: string;
  readonly description?: string;
}

/** A time window, in the recipient's own time zone, when only some severities reach them. */
export interface QuietHoursSettings {
  /** Local start time `HH:MM` (24 h). */
  readonly start: string;
  /** Local end time `HH:MM`; earlier than `start` means the window crosses midnight. */
  readonly end: string;
  /** IANA time zone, e.g. `America/Chicago`. */
  readonly timezone: string;
  /** Days on which the window starts; default every day. */
  readonly days?: readonly Weekday[];
  /** Severities delivered during quiet hours anyway; default `['critical']`. */
  readonly allowSeverities?: readonly Severity[];
}

/** How one recipient is reached on one channel. */
export interface RecipientChannelSettings {
  /** The notifier's channel name, e.g. `email`, `telegram`. */
  readonly channel: string;
  /** E-mail address, Telegram chat id, URL … as the notifier expects it. */
  readonly address: string;
}

/** A person (or a shared mailbox/group chat) who receives notifications. */
export interface RecipientSettings {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly channels: readonly RecipientChannelSettings[];
  readonly quietHours?: QuietHoursSettings;
  /** Default true. */
  readonly enabled?: boolean;
}

/** What a rule reacts to. Every given field must match; an omitted field matches anything. */
export interface RuleMatchSettings {
  /** Event types, e.g. `alert.firing`, `failover.completed`; `*` suffix wildcards (`failover.*`). Default alerts only. */
  readonly eventTypes?: readonly string[];
  readonly severities?: readonly Severity[];
  /** Alert names (the check that raised them). */
  readonly alertNames?: readonly string[];
  /** Labels that must equal these values. */
  readonly labels?: Readonly<Record<string, string>>;
  /** Labels that must match these regular expressions. */
  readonly labelsRegex?: Readonly<Record<string, string>>;
}

/** Who else hears about a firing alert once it has stayed unacknowledged for a while. */
export interface EscalationStepSettings {
  readonly afterSec: number;
  readonly roles: readonly string[];
  /** Restricts the channels used for this step; default every channel of each recipient. */
  readonly channels?: readonly string[];
}

/** Routes matching alerts and events to roles, with throttling, grouping and escalation. */
export interface RuleSettings {
  readonly id: string;
  readonly description?: string;
  /** Lower runs first; default 100. Also orders delivery when the outbox is busy. */
  readonly priority?: number;
  /** Keep evaluating later rules after this one matched; default false. */
  readonly continue?: boolean;
  /** Default true. */
  readonly enabled?: boolean;
  readonly match?: RuleMatchSettings;
  readonly notify: {
    readonly roles?: readonly string[];
    readonly recipients?: readonly string[];
    readonly channels?: readonly string[];
  };
  /** Notify from the N-th firing of the same alert within `occurrenceWindowSec`; default 1. */
  readonly firstAfter?: number;
  /** Window for counting firings for `firstAfter`; default 3600. */
  readonly occurrenceWindowSec?: number;
  /** Re-notify while the alert keeps firing unacknowledged; default never. */
  readonly repeatEverySec?: number;
  /** Ignore transitions that do not change the alert's state; default true. */
  readonly stateChangeOnly?: boolean;
  /** Labels whose values form the group key; default `['site']`. */
  readonly groupBy?: readonly string[];
  /** How long the first notification of a group waits for others to join; default 30. */
  readonly groupWaitSec?: number;
  readonly escalation?: readonly EscalationStepSettings[];
}

/** A station's override of one message template. Handlebars syntax; see the notifications README. */
export interface TemplateSettings {
  /** Event type, e.g. `alert.firing`, or `default` for any event without its own template. */
  readonly eventType: string;
  /** Channel, or `default` for any channel without its own template. */
  readonly channel: string;
  readonly subject?: string;
  readonly text?: string;
  readonly html?: string;
}

/** Where a setting comes from: the config file (read-only through the service) or the store. */
export type SettingsSource = 'config' | 'store';

/** Non-secret and secret settings for one channel, as written through the service. */
export interface ChannelSettingsInput {
  readonly channel: string;
  /** Default true. */
  readonly enabled?: boolean;
  readonly settings?: Readonly<Record<string, string | number | boolean>>;
  /** Secret values to store encrypted; `null` removes one; omitted names are kept. */
  readonly secrets?: Readonly<Record<string, string | null>>;
}

/** A channel as read back: secrets are write-only and show only that they are set. */
export interface ChannelSettingsView {
  readonly channel: string;
  readonly enabled: boolean;
  readonly settings: Readonly<Record<string, string | number | boolean>>;
  readonly secrets: Readonly<Record<string, { readonly set: true }>>;
}

/** A recipient/channel pair the outbox stopped using after a permanent delivery error. */
export interface EndpointFlag {
  readonly recipientId: string;
  readonly channel: string;
  readonly reason: string;
  readonly since: number;
}

/** Every notification setting, as the API shows it. */
export interface NotificationSettingsView {
  readonly roles: readonly (RoleSettings & { readonly builtIn: boolean; readonly source: SettingsSource })[];
  readonly recipients: readonly (RecipientSettings & { readonly source: SettingsSource })[];
  readonly rules: readonly (RuleSettings & { readonly source: SettingsSource })[];
  readonly templates: readonly (TemplateSettings & { readonly source: SettingsSource })[];
  readonly channels: readonly ChannelSettingsView[];
  readonly flags: readonly EndpointFlag[];
}

/** A notification the outbox gave up on. */
export interface DeadLetter {
  readonly id: string;
  readonly eventType: string;
  readonly channel: string;
  readonly recipientId: string;
  readonly address: string;
  readonly fingerprint?: string;
  readonly reason: string;
  readonly attempts: number;
  readonly createdAt: number;
  readonly deadAt: number;
}

/** Filters for {@link NotificationsService.listDeadLetters}. */
export interface DeadLetterQuery {
  /** Default 100, at most 1000. */
  readonly limit?: number;
  readonly channel?: string;
  readonly recipientId?: string;
}

/** Whom a test notification goes to: a recipient id or a role. */
export interface TestNotificationRequest {
  readonly to: string;
  /** Only this channel; default every channel of each recipient. */
  readonly channel?: string;
}

/** The outcome of one test message to one recipient on one channel. */
export interface TestDeliveryResult {
  readonly notificationId: string;
  readonly recipientId: string;
  readonly channel: string;
  readonly address: string;
  /** `retry`: the outbox keeps trying in the background; `dead`: permanent failure. */
  readonly status: 'delivered' | 'retry' | 'dead';
  readonly reason?: string;
}

/** What {@link NotificationsService.acknowledge} stopped. */
export interface AcknowledgeResult {
  readonly fingerprint: string;
  /** Escalation steps and repeat reminders cancelled. */
  readonly stoppedTimers: number;
}

/**
 * The notifications plugin's management surface: settings (with write-only secrets), dead letters,
 * test messages and acknowledgements. The api plugin exposes it over HTTP; the CLI uses it too.
 */
export interface NotificationsService {
  getSettings(): Promise<NotificationSettingsView>;
  putChannel(input: ChannelSettingsInput): Promise<ChannelSettingsView>;
  deleteChannel(channel: string): Promise<void>;
  putRecipient(recipient: RecipientSettings): Promise<void>;
  deleteRecipient(id: string): Promise<void>;
  putRule(rule: RuleSettings): Promise<void>;
  deleteRule(id: string): Promise<void>;
  putRole(role: RoleSettings): Promise<void>;
  deleteRole(id: string): Promise<void>;
  putTemplate(template: TemplateSettings): Promise<void>;
  deleteTemplate(eventType: string, channel: string): Promise<void>;
  /** Clears a flag set by a permanent delivery error, so the endpoint is used again. */
  enableEndpoint(recipientId: string, channel: string): Promise<void>;
  listDeadLetters(query?: DeadLetterQuery): Promise<readonly DeadLetter[]>;
  /** Queues a dead letter again (and clears its endpoint's flag); resolves once it is queued. */
  replayDeadLetter(id: string): Promise<void>;
  /** Sends a test message through the outbox now and reports each delivery. */
  sendTest(request: TestNotificationRequest, signal?: AbortSignal): Promise<readonly TestDeliveryResult[]>;
  /** Stops escalation and repeat reminders for a firing alert until it resolves. */
  acknowledge(fingerprint: string, by?: string): Promise<AcknowledgeResult>;
}

/** The notifications plugin's service. */
export const notificationsServiceRef = createServiceRef<NotificationsService>({
  id: 'notifications.service',
});

/** Decrypted settings of one channel, for the notifier that sends on it. */
export interface ChannelCredentials {
  readonly channel: string;
  readonly enabled: boolean;
  readonly settings: Readonly<Record<string, string | number | boolean>>;
  readonly secrets: Readonly<Record<string, string>>;
}

/**
 * Channel credentials stored through {@link NotificationsService.putChannel}, decrypted. Only notifier
 * plugins should use it; it is a separate ref so the API never holds a handle that returns secrets.
 */
export interface NotificationCredentials {
  get(channel: string): Promise<ChannelCredentials | undefined>;
}

/** The notifications plugin's credential reader for notifier plugins. */
export const notificationCredentialsRef = createServiceRef<NotificationCredentials>({
  id: 'notifications.credentials',
});
