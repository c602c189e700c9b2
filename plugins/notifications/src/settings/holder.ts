import type { Logger } from '@encoder-manager/sdk';
import { buildSettings } from './loader.js';
import type { Settings } from './model.js';
import type { SettingsRepository } from './repository.js';
import type { NotificationsConfig } from './schema.js';

/** Keeps the settings in force in memory (the alert participant must not query outside its transaction). */
export class SettingsHolder {
  #current: Settings;

  constructor(
    readonly config: NotificationsConfig,
    private readonly repo: SettingsRepository,
    private readonly log: Logger,
  ) {
    this.#current = buildSettings(config, [], () => {});
  }

  get(): Settings {
    return this.#current;
  }

  /** Re-reads the store; invalid stored items are logged and skipped, the rest applies. */
  async reload(): Promise<Settings> {
    const stored = await this.repo.all();
    this.#current = buildSettings(this.config, stored, (doc, problems) =>
      this.log.error(
        { code: 'EM_NOTIFY_SETTINGS_INVALID', kind: doc.kind, id: doc.id, problems },
        `stored ${doc.kind} "${doc.id}" is invalid and was skipped: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`,
      ),
    );
    return this.#current;
  }
}
