import {
  alertTransitionParticipantsRef,
  cliCommandsRef,
  notificationCredentialsRef,
  notificationsServiceRef,
  notifiersRef,
  type AlertTransitionParticipant,
  type NotificationsService,
  type PluginContext,
  type PluginInstance,
} from '@encoder-manager/sdk';
import { createAlertParticipant } from './alerts/participant.js';
import { QueuedAfterCommit } from './alerts/queued-after-commit.js';
import { createNotifyCommand } from './cli.js';
import { subscribeRoutableEvents } from './events/bus-router.js';
import { OutboxWorker } from './outbox/worker.js';
import { deliveryOptions, type Runtime } from './runtime.js';
import { createSecretCipher } from './secrets/cipher.js';
import { createCredentials } from './secrets/credentials.js';
import { SecretStore } from './secrets/secret-store.js';
import { createService } from './service/service.js';
import { SettingsHolder } from './settings/holder.js';
import { configProblems } from './settings/loader.js';
import { SettingsRepository } from './settings/repository.js';
import type { NotificationsConfig } from './settings/schema.js';
import { throwIfProblems } from './settings/validate.js';
import { TemplateEngine } from './templates/engine.js';

/** Knobs tests (and embedders) may set; the plugin uses the defaults. */
export interface StartOptions {
  /** Where `EM_SECRET_KEY` is read; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Jitter source for backoff; default `Math.random`. */
  readonly random?: () => number;
  /** This agent's worker id (claims carry it); default a random UUID. */
  readonly workerId?: string;
}

/** The running plugin's parts, exposed for tests. */
export interface Notifications {
  readonly instance: PluginInstance;
  readonly service: NotificationsService;
  readonly participant: AlertTransitionParticipant;
  readonly worker: OutboxWorker;
  readonly engine: TemplateEngine;
  readonly runtime: Runtime;
}

/** Validates the config, loads stored settings, provides the services and subscribes to events. */
export async function startNotifications(
  ctx: PluginContext,
  config: NotificationsConfig,
  options: StartOptions = {},
): Promise<Notifications> {
  throwIfProblems(configProblems(config), 'EM_CONFIG_INVALID', 'plugins.notifications.config is invalid');
  const now = () => ctx.clock.now();
  const repo = new SettingsRepository(ctx.store, now);
  const holder = new SettingsHolder(config, repo, ctx.log);
  await holder.reload();
  const random = options.random ?? Math.random;
  const runtime: Runtime = {
    store: ctx.store,
    clock: ctx.clock,
    log: ctx.log,
    bus: ctx.bus,
    delivery: deliveryOptions(config.delivery),
    station: config.station ?? 'Encoder Manager',
    timezone: config.timezone ?? 'UTC',
    settings: () => holder.get(),
    notifiers: () => ctx.useAll(notifiersRef),
    random,
  };
  const engine = new TemplateEngine(() => holder.get().templates, ctx.log);
  const worker = new OutboxWorker(runtime, engine, options.workerId);
  const secrets = new SecretStore(ctx.store, createSecretCipher(options.env ?? process.env), now);
  const service = createService({ runtime, worker, holder, repo, secrets });
  const queued = new QueuedAfterCommit(runtime);
  const participant = createAlertParticipant(runtime, (t, rows) => queued.recorded(t, rows));

  ctx.provide(alertTransitionParticipantsRef, participant);
  ctx.provide(notificationsServiceRef, service);
  ctx.provide(notificationCredentialsRef, createCredentials(repo, secrets));
  ctx.provide(cliCommandsRef, createNotifyCommand(service));
  subscribeRoutableEvents(runtime, ctx.bus);
  ctx.bus.on('alert.firing', (alert) => queued.confirmed(alert));
  ctx.bus.on('alert.resolved', (alert) => queued.confirmed(alert));

  // Once the notifiers are all set up (ready), rows due at once are sent right after they are queued.
  let notifiersReady = false;
  ctx.bus.on('notification.queued', () => {
    if (notifiersReady) worker.kick(ctx.signal);
  });

  const instance: PluginInstance = {
    ready() {
      notifiersReady = true;
      const { pollIntervalMs, leaseMs } = runtime.delivery;
      // A run may last as long as a send; runs never overlap, so a slow one only delays the next.
      ctx.schedule.every('outbox', { intervalMs: pollIntervalMs, timeoutMs: leaseMs }, async (signal) => {
        await worker.tick(signal);
      });
    },
  };
  return { instance, service, participant, worker, engine, runtime };
}
