import {
  agentServiceRef,
  alertsServiceRef,
  encodersServiceRef,
  failoverServiceRef,
  ingestsRef,
  meetingsServiceRef,
  notificationsServiceRef,
  type AgentService,
  type AlertsService,
  type EncodersService,
  type FailoverService,
  type IngestService,
  type MeetingsService,
  type NotificationsService,
  type PluginContext,
  type ServiceRef,
} from '@encoder-manager/sdk';
import { pluginMissing } from './problem.js';

/**
 * The services routes use, looked up at request time: a plugin enabled or failed after the API started
 * is seen on the next request, and a missing one is a 503 naming the plugin, not a crash.
 */
export class ServiceAccess {
  constructor(private readonly ctx: PluginContext) {}

  #need<T>(ref: ServiceRef<T, 'single'>, plugin: string): T {
    const service = this.ctx.tryUse(ref);
    if (!service) throw pluginMissing(plugin);
    return service;
  }

  get encoders(): EncodersService {
    return this.#need(encodersServiceRef, 'core encoders');
  }

  get agent(): AgentService {
    return this.#need(agentServiceRef, 'core agent');
  }

  get alerts(): AlertsService {
    return this.#need(alertsServiceRef, 'core alerts');
  }

  get failover(): FailoverService {
    return this.#need(failoverServiceRef, 'failover');
  }

  /** The failover service when enabled; for views that merely include channels. */
  get optionalFailover(): FailoverService | undefined {
    return this.ctx.tryUse(failoverServiceRef);
  }

  get notifications(): NotificationsService {
    return this.#need(notificationsServiceRef, 'notifications');
  }

  get meetings(): MeetingsService {
    return this.#need(meetingsServiceRef, 'meetings');
  }

  get ingests(): readonly IngestService[] {
    const ingests = this.ctx.useAll(ingestsRef);
    if (ingests.length === 0) throw pluginMissing('ingest-nginx-rtmp');
    return ingests;
  }
}
