import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '@encoder-manager/sdk';
import { VARIANTS } from '../variants.js';
import { runSimCommand } from './commands.js';
import { MonarchDevice } from './device.js';
import { clearFaults, injectFault, type FaultTargets } from './faults.js';
import { SdkPage } from './sdk-page.js';
import { CONTROL_PATH, controlEndpoint, listen, type Listening } from './server.js';
import type { MatroxMonarchSimulator, MatroxMonarchSimulatorOptions } from './types.js';
import { wallClock } from './wall-clock.js';

export { MONARCH_SIM_FAULTS, type MonarchSimFault } from './faults.js';
export { SIM_COMMAND_HELP } from './commands.js';
export { wallClock } from './wall-clock.js';
export type { MatroxMonarchSimulator, MatroxMonarchSimulatorOptions } from './types.js';

interface Parts {
  readonly clock: Clock;
  readonly device: MonarchDevice;
  readonly page: SdkPage;
  readonly targets: FaultTargets;
  readonly log: string[];
  readonly closing: AbortController;
}

/** Starts a simulated Matrox Monarch on 127.0.0.1 speaking `sdk.aspx?command=…` plain text. */
export async function startMatroxMonarchSimulator(
  options: MatroxMonarchSimulatorOptions = {},
): Promise<MatroxMonarchSimulator> {
  const parts = createParts(options);
  const holder: { sim?: MatroxMonarchSimulator } = {};
  const run = (line: string) => runSimCommand(holder.sim!, line);
  const listening = await listen(
    requestHandler(parts, options, run),
    options.port ?? 0,
    options.host ?? '127.0.0.1',
  );
  holder.sim = simulatorHandle(parts, options, listening, run);
  return holder.sim;
}

function createParts(options: MatroxMonarchSimulatorOptions): Parts {
  const clock = options.clock ?? wallClock;
  const variant = options.variant ?? 'hd';
  const closing = new AbortController();
  const device = new MonarchDevice({
    clock,
    variant,
    name: options.name ?? 'MONARCH1',
    commandMs: options.commandMs ?? 200,
    statusMs: options.statusMs ?? 20,
    transitionMs: options.transitionMs ?? 400,
    modes: options.modes ?? {},
  });
  const page = new SdkPage(device, {
    clock,
    path: VARIANTS[variant].path,
    username: options.username ?? 'admin',
    password: options.password ?? 'admin',
    closing: closing.signal,
  });
  const targets = { device, page, transport: { slow: false, unreachable: false, downUntil: -Infinity } };
  return { clock, device, page, targets, log: [], closing };
}

// Control first (never faulted), then transport faults, then the sdk.aspx page.
function requestHandler(
  parts: Parts,
  options: MatroxMonarchSimulatorOptions,
  run: (line: string) => unknown,
) {
  const { transport } = parts.targets;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://simulator');
    if (url.pathname === CONTROL_PATH) return controlEndpoint(req, res, run);
    if (transport.unreachable || parts.clock.now() < transport.downUntil) return void req.socket.destroy();
    if (parts.log.push(`${req.method} ${url.pathname}${url.search}`) > 500) parts.log.shift();
    if (transport.slow) await parts.clock.sleep(options.slowMs ?? 5000, parts.closing.signal);
    await parts.page.handle(req, res, url);
  };
}

function simulatorHandle(
  { clock, device, targets, log, closing }: Parts,
  options: MatroxMonarchSimulatorOptions,
  listening: Listening,
  run: (line: string) => unknown,
): MatroxMonarchSimulator {
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${listening.port}`,
    port: listening.port,
    device,
    setOutput: (outputId, value) => device.setOutput(outputId, value),
    setMode: (channel, mode) => device.setMode(channel, mode),
    inject: (fault) => injectFault(targets, fault),
    clearFaults: () => clearFaults(targets),
    setBusy: (count) => void (device.forcedRetries = count),
    powerCycle(ms = 5000) {
      targets.transport.downUntil = clock.now() + ms;
      device.resetAfterPowerCycle();
    },
    setName: (name) => void (device.name = name),
    command: run,
    requests: () => [...log],
    status: () => ({
      variant: options.variant ?? 'hd',
      getStatus: device.status().trim(),
      channels: Object.fromEntries(device.channels),
      linkLoss: device.linkLoss,
      ignoreCommands: device.ignoreCommands,
      forcedRetries: device.forcedRetries,
      retriesSent: device.retriesSent,
      slow: targets.transport.slow,
      unreachable: targets.transport.unreachable,
      down: clock.now() < targets.transport.downUntil,
    }),
    async close() {
      closing.abort();
      device.close();
      await listening.close();
    },
  };
}
