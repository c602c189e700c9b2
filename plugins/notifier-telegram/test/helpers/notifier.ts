import type { Clock, NotificationMessage } from '@encoder-manager/sdk';
import { notifierFromPlugin, type PluginNotifier, type ServiceBinding } from '@encoder-manager/sdk/testing';
import { notifierTelegramPlugin, type TelegramConfig } from '../../src/index.js';
import type { FakeTelegram } from './fake-telegram.js';

/** A config pointing at the fake; per-chat spacing is short unless a test is about the limits. */
export function configFor(fake: FakeTelegram, overrides: Partial<TelegramConfig> = {}): TelegramConfig {
  return {
    token: fake.token,
    apiRoot: fake.apiRoot,
    requestTimeoutMs: 3000,
    limits: { perChatIntervalMs: 50 },
    actions: { enabled: true, pollTimeoutSec: 1 },
    ...overrides,
  };
}

/** The plugin's notifier, set up in a test context (and started when `ready`). */
export function telegramNotifier(
  config: TelegramConfig,
  options: { clock?: Clock; services?: ServiceBinding[]; ready?: boolean } = {},
): Promise<PluginNotifier> {
  return notifierFromPlugin(notifierTelegramPlugin, config, options);
}

let counter = 0;

/** A firing-alert notification with a fresh id. */
export function alertMessage(overrides: Partial<NotificationMessage> = {}): NotificationMessage {
  counter += 1;
  return {
    id: `n-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    subject: 'Council Chamber encoder overheating',
    text: 'enc-1 reports 86 °C (limit 80 °C).\nBackup enc-2 is ready.',
    eventType: 'alert.firing',
    fingerprint: 'a1b2c3d4e5f60718',
    createdAt: Date.UTC(2026, 0, 1),
    ...overrides,
  };
}

/** A fresh signal that never aborts. */
export const live = (): AbortSignal => new AbortController().signal;

/** Resolves when `condition` holds, polling every 10 ms; rejects after `timeoutMs`. */
export async function until(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
