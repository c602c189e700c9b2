import type { NotificationMessage } from '@encoder-manager/sdk';
import { notifierFromPlugin, type PluginNotifier } from '@encoder-manager/sdk/testing';
import { notifierEmailPlugin, type EmailConfig } from '../../src/index.js';
import type { TestSmtp } from './smtp-server.js';

/** A plugin config for the test server; `overrides` replace top-level fields. */
export function configFor(server: Pick<TestSmtp, 'port'>, overrides: Partial<EmailConfig> = {}): EmailConfig {
  return {
    host: '127.0.0.1',
    port: server.port,
    security: 'none',
    from: 'Encoder Manager <alerts@station.example>',
    timeouts: { connectionMs: 2000, greetingMs: 2000, socketMs: 3000 },
    ...overrides,
  };
}

/** The notifier the plugin provides, set up in a test context. */
export function emailNotifier(config: EmailConfig): Promise<PluginNotifier> {
  return notifierFromPlugin(notifierEmailPlugin, config);
}

let counter = 0;

/** A notification with a fresh id. */
export function message(overrides: Partial<NotificationMessage> = {}): NotificationMessage {
  counter += 1;
  return {
    id: `n-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    subject: 'Council Chamber encoder overheating',
    text: 'enc-1 reports 86 °C (limit 80 °C).',
    html: '<p><b>enc-1</b> reports 86 °C (limit 80 °C).</p>',
    eventType: 'alert.firing',
    fingerprint: 'fp-123',
    createdAt: Date.UTC(2026, 0, 1),
    ...overrides,
  };
}

/** A signal that never aborts. */
export const never: AbortSignal = new AbortController().signal;
