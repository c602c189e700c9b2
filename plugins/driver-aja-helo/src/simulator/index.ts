import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '@encoder-manager/sdk';
import { runSimCommand } from './commands.js';
import { HeloDevice } from './device.js';
import { HeloWebServer } from './device-http.js';
import { ParamApi } from './param-api.js';
import { clearFaults, injectFault, type FaultTargets } from './faults.js';
import { CONTROL_PATH, controlEndpoint, listen, type Listening } from './server.js';
import type { AjaHeloSimulator, AjaHeloSimulatorOptions } from './types.js';
import { wallClock } from './wall-clock.js';

export { AJA_HELO_SIM_FAULTS, type AjaHeloSimFault } from './faults.js';
export { SIM_COMMAND_HELP } from './commands.js';
export type { OverheatOptions } from './thermal.js';
export { wallClock } from './wall-clock.js';
export type { AjaHeloSimulator, AjaHeloSimulatorOptions } from './types.js';

interface Parts {
  readonly clock: Clock;
  readonly device: HeloDevice;
  readonly web: HeloWebServer;
  readonly targets: FaultTargets;
  readonly log: string[];
  readonly closing: AbortController;
}

/** Starts a simulated AJA HELO / HELO Plus on 127.0.0.1 speaking the `/config` JSON API. */
export async function startAjaHeloSimulator(
  options: AjaHeloSimulatorOptions = {},
): Promise<AjaHeloSimulator> {
  const parts = createParts(options);
  const holder: { sim?: AjaHeloSimulator } = {};
  const run = (line: string) => runSimCommand(holder.sim!, line);
  const listening = await listen(
    requestHandler(parts, options, run),
    options.port ?? 0,
    options.host ?? '127.0.0.1',
  );
  holder.sim = simulatorHandle(parts, options, listening, run);
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
  const web = new HeloWebServer(device, params, options.password);
  const transport = { slow: false, unreachable: false };
  const targets = { device, web, transport, overheatRatePerSec: options.overheatRatePerSec ?? 0.5 };
  return { clock, device, web, targets, log: [], closing: new AbortController() };
}

// Control first (never faulted), then transport faults, then the device's own routes.
function requestHandler(parts: Parts, options: AjaHeloSimulatorOptions, run: (line: string) => unknown) {
  const { targets, log } = parts;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    if (url.pathname === CONTROL_PATH) return controlEndpoint(req, res, run);
    if (targets.transport.unreachable) return void req.socket.destroy();
    if (log.push(`${req.method} ${url.pathname}${url.search}`) > 500) log.shift();
    if (targets.transport.slow) await parts.clock.sleep(options.slowMs ?? 5000, parts.closing.signal);
    await parts.web.handle(req, res, url);
  };
}

function simulatorHandle(
  { device, web, targets, log, closing }: Parts,
  options: AjaHeloSimulatorOptions,
  listening: Listening,
  run: (line: string) => unknown,
): AjaHeloSimulator {
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${listening.port}`,
    port: listening.port,
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
    requests: () => [...log],
    status: () => ({
      model: options.model ?? 'helo',
      ...device.status(),
      ...targets.transport,
      sessions: web.sessionCount,
    }),
    async close() {
      closing.abort();
      device.close();
      await listening.close();
    },
  };
}
