import { EmError, type Clock, type FailoverService } from '@encoder-manager/sdk';
import type { FailoverConfig } from './config.js';
import type { HealthBoard } from './health.js';
import type { FailoverRecords } from './records.js';
import type { ChannelRuntime } from './runtime.js';
import type { Switcher } from './switcher.js';

/** The read model and manual actions the API serves. */
export function createFailoverService(
  channels: readonly ChannelRuntime[],
  switcher: Switcher,
  health: HealthBoard,
  records: FailoverRecords,
  clock: Clock,
  config: FailoverConfig,
): FailoverService {
  const find = (id: string) => {
    const runtime = channels.find((c) => c.config.id === id);
    if (!runtime)
      throw new EmError('EM_CONFIG_INVALID', `no channel "${id}"`, {
        hint: `Channels: ${channels.map((c) => c.config.id).join(', ')}`,
      });
    return runtime;
  };
  return {
    channels: () => channels.map((runtime) => runtime.status(health, config.faultSeverities)),
    history: (query) => records.history(query),
    async failover(channel, options) {
      const runtime = find(channel);
      const to = options.to === undefined ? undefined : runtime.indexOf(options.to);
      if (to === -1)
        throw new EmError('EM_CONFIG_INVALID', `encoder "${options.to}" is not part of channel "${channel}"`);
      return switcher.switch(runtime, {
        kind: 'manual',
        reason: `manual switch by ${options.by}`,
        detectedAt: clock.now(),
        to,
      });
    },
    async returnToPrimary(channel, by) {
      const runtime = find(channel);
      return switcher.switch(runtime, {
        kind: 'return',
        reason: `return to primary by ${by}`,
        detectedAt: clock.now(),
        to: 0,
      });
    },
  };
}
