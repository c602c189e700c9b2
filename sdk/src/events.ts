import type { Alert } from './alert.js';
import type { CheckResult, Severity } from './check.js';
import type { EncoderSample, OutputState } from './driver.js';
import type { Meeting } from './meeting.js';

/** A plugin's life as the host reports it. */
export type PluginState = 'pending' | 'loaded' | 'retrying' | 'failed' | 'disabled' | 'stopped';

/** `encoder.state`: an encoder became reachable/unreachable or an output changed state. */
export interface EncoderStateEvent {
  readonly encoderId: string;
  readonly reachable: boolean;
  readonly outputs: readonly {
    readonly id: string;
    readonly state: OutputState;
    readonly previous?: OutputState;
  }[];
  readonly at: number;
}

/** `stream.state`: what the receiving side (RTMP/SRT ingest) sees for one stream. */
export interface StreamStateEvent {
  /** `app/name` at the ingest. */
  readonly stream: string;
  readonly publishing: boolean;
  /** Publishing, but no bytes arrived for longer than the ingest's stall threshold (a frozen encoder). */
  readonly stalled?: boolean;
  readonly source: string;
  /** The ingest's id for the publishing connection, to correlate callbacks. */
  readonly clientId?: string;
  readonly bytesInPerSec?: number;
  readonly width?: number;
  readonly height?: number;
  readonly fps?: number;
  readonly at: number;
}

/** `analysis.finding`: a probable root cause with suggestions. */
export interface AnalysisFinding {
  readonly fingerprint: string;
  readonly cause: string;
  readonly confidence: number;
  readonly suggestions: readonly string[];
  readonly at: number;
}

/** `failover.*`: one failover of a channel, with its timeline. */
export interface FailoverEvent {
  readonly id: string;
  readonly channel: string;
  readonly from: string;
  readonly to: string;
  readonly reason: string;
  readonly detectedAt: number;
  readonly decidedAt?: number;
  readonly confirmedAt?: number;
}

/** `remediation.*`: a corrective action and its outcome. */
export interface RemediationEvent {
  readonly remediation: string;
  readonly fingerprint: string;
  readonly succeeded?: boolean;
  readonly message: string;
  readonly at: number;
}

/** `notification.*`: the outbox's view of one message to one recipient on one channel. */
export interface NotificationEvent {
  readonly id: string;
  readonly channel: string;
  readonly recipientId: string;
  readonly attempt: number;
  readonly reason?: string;
  readonly at: number;
}

/** `plugin.state`: a plugin changed state in the host. */
export interface PluginStateEvent {
  readonly plugin: string;
  readonly state: PluginState;
  readonly code?: string;
  readonly message?: string;
  readonly at: number;
}

/** `plugin.error`: a plugin's handler or job threw; the plugin keeps running. */
export interface PluginErrorEvent {
  readonly plugin: string;
  readonly hook: string;
  readonly code: string;
  readonly message: string;
  readonly at: number;
}

/** `meeting.*`: a meeting appeared, changed or is about to start. */
export interface MeetingEvent {
  readonly meeting: Meeting;
  readonly change?: 'new' | 'moved' | 'cancelled' | 'updated';
  readonly at: number;
}

/** `cert.*`: a certificate is close to expiry or expired. */
export interface CertEvent {
  readonly host: string;
  readonly notAfter: number;
  readonly daysLeft: number;
  readonly severity: Severity;
  readonly at: number;
}

/**
 * The event catalog: every event name on the bus and its payload type. Producers and consumers are named
 * in each entry; a wrong payload fails `tsc`.
 */
export interface EventCatalog {
  /** core poller → checks, metrics, api: one reading of one encoder. */
  'encoder.sample': EncoderSample;
  /** core poller → failover, api: reachability or output state changed. */
  'encoder.state': EncoderStateEvent;
  /** ingest plugins → failover, checks: what the destination receives. */
  'stream.state': StreamStateEvent;
  /** core check runner → alert engine. */
  'check.result': CheckResult;
  /** alert engine → notifications, failover, analysis, api. */
  'alert.firing': Alert;
  /** alert engine → notifications, api. */
  'alert.resolved': Alert;
  /** alert engine → notifications (stops escalation), api. */
  'alert.acknowledged': Alert;
  /** analysis → notifications, api. */
  'analysis.finding': AnalysisFinding;
  /** failover → api, notifications. */
  'failover.started': FailoverEvent;
  'failover.completed': FailoverEvent;
  'failover.failed': FailoverEvent;
  /** remediation plugins → api, notifications. */
  'remediation.attempted': RemediationEvent;
  'remediation.completed': RemediationEvent;
  /** notifications outbox → api, metrics. */
  'notification.queued': NotificationEvent;
  'notification.sent': NotificationEvent;
  'notification.failed': NotificationEvent;
  'notification.dead': NotificationEvent;
  /** plugin host → api, metrics. */
  'plugin.state': PluginStateEvent;
  'plugin.error': PluginErrorEvent;
  /** meetings → failover, checks, api. */
  'meeting.changed': MeetingEvent;
  'meeting.starting': MeetingEvent;
  'meeting.ended': MeetingEvent;
  /** cert-monitor → notifications. */
  'cert.expiring': CertEvent;
  'cert.expired': CertEvent;
}

/** Any event name in the catalog. */
export type EventName = keyof EventCatalog;

/** Delivery facts attached to every event. */
export interface EventMeta {
  /** Monotonic per bus, starting at 1. */
  readonly seq: number;
  readonly at: number;
  /** The publishing plugin's name, or `core`. */
  readonly source: string;
}

/** A named event with its payload, as seen by `onAny` subscribers. */
export type BusEvent = {
  [E in EventName]: { readonly name: E; readonly payload: EventCatalog[E]; readonly meta: EventMeta };
}[EventName];

/** Handles one event; may be async. Its errors are caught and attributed to the subscribing plugin. */
export type EventHandler<E extends EventName> = (
  payload: EventCatalog[E],
  meta: EventMeta,
) => void | Promise<void>;

/** What a full subscriber queue does with the next event. */
export type OverflowPolicy = 'drop-oldest' | 'drop-newest';

/** Per-subscription delivery options. */
export interface SubscribeOptions {
  /** Events waiting for this subscriber before drops start; default 1000. */
  readonly queueSize?: number;
  /** Default `drop-oldest`: the newest state matters most in monitoring. */
  readonly overflow?: OverflowPolicy;
}

/** Stops a subscription. */
export type Unsubscribe = () => void;

/** The typed, asynchronous event bus. Publishing never waits for subscribers. */
export interface EventBus {
  publish<E extends EventName>(name: E, payload: EventCatalog[E]): void;
  on<E extends EventName>(name: E, handler: EventHandler<E>, options?: SubscribeOptions): Unsubscribe;
  onAny(handler: (event: BusEvent) => void | Promise<void>, options?: SubscribeOptions): Unsubscribe;
}
