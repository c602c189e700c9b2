import type { Clock } from '@encoder-manager/sdk';
import { startHttpSimulator, wallClock, type HttpSimulator } from '@encoder-manager/sdk/simulator';
import { runSimCommand } from './commands.js';
import { HeloDevice } from './device.js';
import { HeloWebServer } from './device-http.js';
import { ParamApi } from './param-api.js';
import { clearFaults, injectFault, type FaultTargets } from './faults.js';
import type { AjaHeloSimulator, AjaHeloSimulatorOptions } from './types.js';

export { AJA_HELO_SIM_FAULTS, type AjaHeloSimFault } from './faults.js';
export { SIM_COMMAND_HELP } from './commands.js';
export type { OverheatOptions } from './thermal.js';
export { wallClock } from '@encoder-manager/sdk/simulator';
export type { AjaHeloSimulator, AjaHeloSimulatorOptions } from './types.js';

interface Parts {
  readonly clock: Clock;
  readonly device: HeloDevice;
  readonly web: HeloWebServer;
}

/** Starts a simulated AJA HELO / HELO Plus on 127.0.0.1 speaking the `/config` JSON API. */
export async function startAjaHeloSimulator(
  options: AjaHeloSimulatorOptions = {},
): Promise<AjaHeloSimulator> {
  const parts = createParts(options);
  const holder: { sim?: AjaHeloSimulator } = {};
  const run = (line: string) => runSimCommand(holder.sim!, line);
  const http = await startHttpSimulator({
    ...options, // port, host and slowMs
    clock: parts.clock,
    command: run,
    handle: (req, res, url) => parts.web.handle(req, res, url),
  });
  const targets = {
    ...parts,
    transport: http.transport,
    overheatRatePerSec: options.overheatRatePerSec ?? 0.5,
  };
  holder.sim = simulatorHandle(parts, targets, options, http, run);
  return holder.sim;
}

function createParts(options: AjaHeloSimulatorOptions): Parts {
  const clock = options.clock ?? wallClock;
  const device = new HeloDevice({
    clock,
    transitionMs: options.transitionMs ?? 300,
    rebootMs: options.rebootMs ?? 5000,
    temperatureC: options.temperatureC ?? 45,
    mediaAvailablePct: options.mediaAvailablePct ?? 80,
  });
  const params = new ParamApi(device, {
    model: options.model ?? 'helo',
    dualStream: options.dualStream ?? true,
    valueStyle: options.valueStyle ?? 'string',
  });
  return { clock, device, web: new HeloWebServer(device, params, options.password) };
}

function simulatorHandle(
  { device, web }: Parts,
  targets: FaultTargets,
  options: AjaHeloSimulatorOptions,
  http: HttpSimulator,
  run: (line: string) => unknown,
): AjaHeloSimulator {
  return {
    url: http.url,
    port: http.port,
    device,
    setOutput: (outputId, value) => device.setOutput(outputId, value),
    inject: (fault) => injectFault(targets, fault),
    clearFaults: () => clearFaults(targets),
    setTemperature: (celsius) => device.thermal.set(celsius),
    startOverheat: (ramp) => device.thermal.startRamp(ramp),
    stopOverheat: () => device.thermal.stopRamp(),
    temperature: () => Math.round(device.thermal.current()),
    setMediaAvailable: (pct) => device.setMediaAvailable(pct),
    setReplicatorState: (output, value) => (output === 'record' ? device.record : device.stream).set(value),
    reboot: () => device.reboot(),
    expireSessions: () => web.expireSessions(),
    command: run,
    requests: () => http.requests(),
    status: () => ({
      model: options.model ?? 'helo',
      ...device.status(),
      ...http.transport,
      sessions: web.sessionCount,
    }),
    async close() {
      device.close();
      await http.close();
    },
  };
}
