import { createServiceRef } from './services.js';

/** Who pressed a button or typed a command in a notification channel. */
export interface NotificationActor {
  /** The channel the action came from, e.g. `telegram`. */
  readonly channel: string;
  /** The person's id on that channel (a Telegram user id, an e-mail address …). */
  readonly id: string;
  /** A readable name for logs and the alert history, e.g. `@alice` or `Alice Smith`. */
  readonly displayName?: string;
}

/** What happened to an action; `message` is short enough to show back to the person (≤ 200 chars). */
export interface NotificationActionResult {
  /** False when the alert is unknown, already resolved, or the person may not act on it. */
  readonly ok: boolean;
  readonly message: string;
}

/**
 * Actions people take on an alert from inside a notification (Telegram buttons, reply links …).
 * The alert engine or the notifications plugin provides it; notifier plugins call it through
 * `ctx.tryUse(notificationActionsRef)` and report the result back to the person.
 */
export interface NotificationActions {
  /** Marks the alert with this fingerprint as acknowledged by `by` (stops repeat notifications). */
  acknowledge(fingerprint: string, by: NotificationActor): Promise<NotificationActionResult>;
  /** Silences the alert with this fingerprint for `durationMs`, recording `by` as the author. */
  silence(fingerprint: string, durationMs: number, by: NotificationActor): Promise<NotificationActionResult>;
}

/** The single provider of {@link NotificationActions} (the alert engine / notifications plugin). */
export const notificationActionsRef = createServiceRef<NotificationActions>({
  id: 'core.notificationActions',
});
