import { describeDriverConformance, type DriverSimulatorHandle } from '@encoder-manager/sdk/testing';
import { createFfmpegDriver } from '../src/index.js';
import { FfmpegDevice } from './device.js';
import { clock, memoryLog } from './helpers.js';

const devices = new Map<DriverSimulatorHandle, FfmpegDevice>();

describeDriverConformance({
  family: 'ffmpeg',
  startSimulator: async () => {
    const device = await FfmpegDevice.start();
    devices.set(device, device);
    return device;
  },
  createDriver: (sim) => {
    const device = devices.get(sim)!;
    return createFfmpegDriver(device.config, { clock, log: memoryLog(), encoder: device.encoder });
  },
  streamOutput: 'main',
  auth: 'none',
  controlDeadlineMs: 3000,
  notApplicable: {
    slow:
      'poll() reads the state the driver already parsed from the ffmpeg pipes; it makes no request a ' +
      'device could answer slowly. A frozen ffmpeg is a real fault, reported per output as STALLED ' +
      '(ffmpeg.test.ts), not as a slow reply.',
  },
});
