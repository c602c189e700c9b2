import { EmError } from '@encoder-manager/sdk';
import type { TransportFaults } from '@encoder-manager/sdk/simulator';
import type { SimulatorFault } from '@encoder-manager/sdk/testing';
import type { HeloDevice } from './device.js';
import type { HeloWebServer } from './device-http.js';

/** Faults the HELO simulator can inject: the conformance four plus device faults. */
export const AJA_HELO_SIM_FAULTS = [
  'garbled',
  'slow',
  'auth-expiry',
  'ignore-commands',
  'link-loss',
  'unreachable',
  'overheat',
  'dropped-frames',
] as const;
export type AjaHeloSimFault = (typeof AJA_HELO_SIM_FAULTS)[number] | SimulatorFault;

/** The parts a fault can touch. */
export interface FaultTargets {
  readonly device: HeloDevice;
  readonly web: HeloWebServer;
  readonly transport: TransportFaults;
  readonly overheatRatePerSec: number;
}

/** Turns one fault on (`auth-expiry` is a one-off: it drops the sessions now). */
export function injectFault(targets: FaultTargets, fault: AjaHeloSimFault): void {
  const { device, web, transport } = targets;
  const apply: Record<AjaHeloSimFault, () => void> = {
    garbled: () => void (web.faults.garbled = true),
    slow: () => void (transport.slow = true),
    unreachable: () => void (transport.unreachable = true),
    'auth-expiry': () => web.expireSessions(),
    'ignore-commands': () => void (device.ignoreCommands = true),
    'link-loss': () => device.setLinkLoss(true),
    overheat: () => device.thermal.startRamp({ ratePerSec: targets.overheatRatePerSec }),
    'dropped-frames': () => {
      throw new EmError('EM_DRIVER_UNSUPPORTED', 'an AJA HELO exposes no dropped-frame counter', {
        hint: 'encoders.md §2.5: HELO reports no bitrate or dropped frames; use another family for this fault.',
      });
    },
  };
  apply[fault]();
}

/** Ends every fault, including the overheating ramp and the link loss. */
export function clearFaults({ device, web, transport }: FaultTargets): void {
  web.faults.garbled = false;
  transport.slow = false;
  transport.unreachable = false;
  device.ignoreCommands = false;
  device.setLinkLoss(false);
  device.thermal.stopRamp();
}
