import { errorMessageOf, type NotificationActions, type NotificationActor } from '@encoder-manager/sdk';
import type { AlertEngine } from './engine.js';

/**
 * Acknowledge / silence from inside a notification (Telegram buttons …), answered in a sentence the
 * person sees. A silence from a button matches exactly the alert's labels.
 */
export function notificationActions(engine: AlertEngine, now: () => number): NotificationActions {
  return {
    async acknowledge(fingerprint, by) {
      try {
        const alert = await engine.acknowledge(fingerprint, who(by));
        return {
          ok: true,
          message: `Acknowledged "${alert.name}" for ${alert.labels.subject ?? fingerprint}.`,
        };
      } catch (error) {
        return { ok: false, message: `Could not acknowledge: ${errorMessageOf(error)}`.slice(0, 200) };
      }
    },
    async silence(fingerprint, durationMs, by) {
      const alert = engine.get(fingerprint);
      if (!alert) return { ok: false, message: 'That alert is no longer open.' };
      const matchers = Object.entries(alert.labels).map(([name, value]) => ({
        name,
        op: '=' as const,
        value,
      }));
      const start = now();
      await engine.putSilence({
        matchers,
        comment: `from ${by.channel}`,
        createdBy: who(by),
        startsAt: start,
        endsAt: start + durationMs,
      });
      return { ok: true, message: `Silenced "${alert.name}" for ${Math.round(durationMs / 60_000)} min.` };
    },
  };
}

function who(actor: NotificationActor): string {
  return `${actor.displayName ?? actor.id} (${actor.channel})`;
}
