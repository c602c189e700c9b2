import type { NotificationsService } from '@encoder-manager/sdk';
import type { OutboxWorker } from '../outbox/worker.js';
import type { Runtime } from '../runtime.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { SettingsHolder } from '../settings/holder.js';
import type { SettingsRepository } from '../settings/repository.js';
import { createOperationMethods, listFlags } from './operations.js';
import { createSettingsMethods } from './settings-service.js';
import { sendTest } from './test-send.js';

/** What the service is built from. */
export interface ServiceDeps {
  readonly runtime: Runtime;
  readonly worker: OutboxWorker;
  readonly holder: SettingsHolder;
  readonly repo: SettingsRepository;
  readonly secrets: SecretStore;
}

/** The `notificationsServiceRef` implementation. */
export function createService(d: ServiceDeps): NotificationsService {
  return {
    ...createSettingsMethods({
      holder: d.holder,
      repo: d.repo,
      secrets: d.secrets,
      flags: () => listFlags(d.runtime),
    }),
    ...createOperationMethods(d.runtime),
    sendTest: (request, signal) =>
      sendTest(d.runtime, d.worker, request, signal ?? new AbortController().signal),
  };
}
