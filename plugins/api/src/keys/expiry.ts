import type { Clock, EventBus, Logger } from '@encoder-manager/sdk';
import type { KeySettings } from '../config.js';
import { inactiveReason, type KeyRecord } from './record.js';
import type { KeyService } from './service.js';

const DAY_MS = 86_400_000;
/** The check name of expiry warnings; alerts and notification rules match on it. */
export const EXPIRY_CHECK = 'api-key-expiry';
/** `expiry_notice` value after the warning was cleared (key rotated, revoked or gone). */
const CLEARED = 0;

/**
 * Warns before keys expire by publishing `check.result` (warning at the first threshold, critical at the
 * last), so the alert engine raises an alert and the notification rules tell the right people. A key that
 * was rotated or revoked gets an `ok` result once, which resolves the alert.
 */
export class ExpiryWatcher {
  constructor(
    private readonly keys: KeyService,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly settings: KeySettings,
  ) {}

  async run(): Promise<void> {
    const now = this.clock.now();
    for (const key of await this.keys.list()) {
      const daysLeft = (key.expiresAt - now) / DAY_MS;
      const settled = key.replacedBy !== undefined || inactiveReason(key, now) !== undefined;
      if (settled) await this.#clear(key, now);
      else await this.#warn(key, daysLeft, now);
    }
  }

  async #warn(key: KeyRecord, daysLeft: number, now: number): Promise<void> {
    const threshold = this.#threshold(daysLeft);
    if (threshold === undefined) return;
    const last = Math.min(...this.settings.warnDays);
    const status = threshold === last ? 'critical' : 'warning';
    const message = `API key "${key.name}" (${key.id}) expires in ${daysLeft.toFixed(1)} days; rotate it with \`encoder-manager keys rotate ${key.id}\``;
    this.#publish(key, status, message, daysLeft, threshold, now);
    if (key.expiryNotice !== threshold) {
      this.log.warn({ keyId: key.id, daysLeft: Math.floor(daysLeft) }, message);
      await this.keys.setExpiryNotice(key.id, threshold);
    }
  }

  async #clear(key: KeyRecord, now: number): Promise<void> {
    if (key.expiryNotice === undefined || key.expiryNotice === CLEARED) return;
    this.#publish(
      key,
      'ok',
      `API key "${key.name}" (${key.id}) was rotated, revoked or has expired`,
      0,
      0,
      now,
    );
    await this.keys.setExpiryNotice(key.id, CLEARED);
  }

  /** The smallest warning threshold the key is already inside of, if any. */
  #threshold(daysLeft: number): number | undefined {
    const inside = this.settings.warnDays.filter((days) => daysLeft <= days);
    return inside.length === 0 ? undefined : Math.min(...inside);
  }

  #publish(
    key: KeyRecord,
    status: 'ok' | 'warning' | 'critical',
    message: string,
    value: number,
    threshold: number,
    at: number,
  ) {
    this.bus.publish('check.result', {
      check: EXPIRY_CHECK,
      subject: `api-key/${key.id}`,
      status,
      message,
      value: Number(value.toFixed(2)),
      threshold,
      labels: { apiKey: key.id, apiKeyName: key.name },
      at,
    });
  }
}
