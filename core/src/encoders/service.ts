import {
  EmError,
  encoderDriversRef,
  type ControlAction,
  type ControlResult,
  type EncoderDriver,
  type EncodersService,
  type EncoderView,
} from '@encoder-manager/sdk';
import type { ServiceRegistry } from '../plugins/services.js';
import type { EncoderPoller } from './poller.js';

/** The encoders read model and control, over the drivers and the poller's history. */
export function createEncodersService(
  services: ServiceRegistry,
  poller: EncoderPoller,
  defaultIntervalMs: number,
): EncodersService {
  const drivers = () => services.useAll(encoderDriversRef);
  const view = (driver: EncoderDriver): EncoderView => ({
    id: driver.id,
    family: driver.family,
    model: driver.model,
    labels: driver.labels,
    capabilities: driver.capabilities,
    pollIntervalMs: driver.pollIntervalMs ?? defaultIntervalMs,
    latest: poller.latestOf(driver.id),
  });
  const find = (id: string) => drivers().find((driver) => driver.id === id);
  return {
    list: () => drivers().map(view),
    get: (id) => {
      const driver = find(id);
      return driver ? view(driver) : undefined;
    },
    history: (id) => poller.history(id),
    async control(id: string, action: ControlAction, signal: AbortSignal): Promise<ControlResult> {
      const driver = find(id);
      if (!driver)
        throw new EmError('EM_CONFIG_INVALID', `no encoder "${id}"`, {
          hint: `Encoders: ${drivers()
            .map((d) => d.id)
            .join(', ')}`,
        });
      if (!driver.control)
        throw new EmError('EM_DRIVER_UNSUPPORTED', `encoder "${id}" (${driver.family}) cannot be controlled`);
      return driver.control(action, signal);
    },
  };
}
