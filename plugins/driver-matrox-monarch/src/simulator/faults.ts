import { EmError } from '@encoder-manager/sdk';
import type { TransportFaults } from '@encoder-manager/sdk/simulator';
import type { SimulatorFault } from '@encoder-manager/sdk/testing';
import type { MonarchDevice } from './device.js';
import type { SdkPage } from './sdk-page.js';

/** Faults the Monarch simulator can inject: the conformance four plus device faults. */
export const MONARCH_SIM_FAULTS = [
  'garbled',
  'slow',
  'auth-expiry',
  'ignore-commands',
  'link-loss',
  'unreachable',
  'busy',
  'overheat',
  'dropped-frames',
] as const;
export type MonarchSimFault = (typeof MONARCH_SIM_FAULTS)[number] | SimulatorFault;

/** The parts a fault can touch. */
export interface FaultTargets {
  readonly device: MonarchDevice;
  readonly page: SdkPage;
  readonly transport: TransportFaults;
}

const notExposed = (what: string) => () => {
  throw new EmError('EM_DRIVER_UNSUPPORTED', `a Monarch exposes no ${what} in its SDK`, {
    hint: 'encoders.md §3: GetStatus gives output states only (ON/READY/DISABLED).',
  });
};

/** Turns one fault on. `busy` makes the next 3 commands answer RETRY, as if another controller held the device. */
export function injectFault(targets: FaultTargets, fault: MonarchSimFault): void {
  const { device, page, transport } = targets;
  const apply: Record<MonarchSimFault, () => void> = {
    garbled: () => void (page.faults.garbled = true),
    slow: () => void (transport.slow = true),
    unreachable: () => void (transport.unreachable = true),
    'ignore-commands': () => void (device.ignoreCommands = true),
    'link-loss': () => device.setLinkLoss(true),
    busy: () => void (device.forcedRetries += 3),
    'auth-expiry': () => {
      throw new EmError(
        'EM_DRIVER_UNSUPPORTED',
        'a Monarch uses HTTP Basic auth: there is no session to expire',
        {
          hint: 'Start the simulator with other credentials to test a refused login.',
        },
      );
    },
    overheat: notExposed('temperature'),
    'dropped-frames': notExposed('dropped-frame counter'),
  };
  apply[fault]();
}

/** Ends every fault (a power cycle in progress runs to its end). */
export function clearFaults({ device, page, transport }: FaultTargets): void {
  page.faults.garbled = false;
  transport.slow = false;
  transport.unreachable = false;
  device.ignoreCommands = false;
  device.forcedRetries = 0;
  device.setLinkLoss(false);
}
