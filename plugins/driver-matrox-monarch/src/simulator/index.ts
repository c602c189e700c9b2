import type { Clock } from '@encoder-manager/sdk';
import { startHttpSimulator, wallClock, type HttpSimulator } from '@encoder-manager/sdk/simulator';
import { VARIANTS } from '../variants.js';
import { runSimCommand } from './commands.js';
import { MonarchDevice } from './device.js';
import { clearFaults, injectFault, type FaultTargets } from './faults.js';
import { SdkPage } from './sdk-page.js';
import type { MatroxMonarchSimulator, MatroxMonarchSimulatorOptions } from './types.js';

export { MONARCH_SIM_FAULTS, type MonarchSimFault } from './faults.js';
export { SIM_COMMAND_HELP } from './commands.js';
export { wallClock } from '@encoder-manager/sdk/simulator';
export type { MatroxMonarchSimulator, MatroxMonarchSimulatorOptions } from './types.js';

interface Parts {
  readonly clock: Clock;
  readonly device: MonarchDevice;
  readonly page: SdkPage;
  /** Until this time (simulator clock) connections are dropped: a power cycle. */
  readonly power: { downUntil: number };
  readonly closing: AbortController;
}

/** Starts a simulated Matrox Monarch on 127.0.0.1 speaking `sdk.aspx?command=…` plain text. */
export async function startMatroxMonarchSimulator(
  options: MatroxMonarchSimulatorOptions = {},
): Promise<MatroxMonarchSimulator> {
  const parts = createParts(options);
  const holder: { sim?: MatroxMonarchSimulator } = {};
  const run = (line: string) => runSimCommand(holder.sim!, line);
  const http = await startHttpSimulator({
    ...options, // port, host and slowMs
    clock: parts.clock,
    command: run,
    handle: (req, res, url) => parts.page.handle(req, res, url),
    isDown: () => parts.clock.now() < parts.power.downUntil,
  });
  const targets = { device: parts.device, page: parts.page, transport: http.transport };
  holder.sim = simulatorHandle(parts, targets, options, http, run);
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
  return { clock, device, page, power: { downUntil: -Infinity }, closing };
}

function simulatorHandle(
  { clock, device, power, closing }: Parts,
  targets: FaultTargets,
  options: MatroxMonarchSimulatorOptions,
  http: HttpSimulator,
  run: (line: string) => unknown,
): MatroxMonarchSimulator {
  return {
    url: http.url,
    port: http.port,
    device,
    setOutput: (outputId, value) => device.setOutput(outputId, value),
    setMode: (channel, mode) => device.setMode(channel, mode),
    inject: (fault) => injectFault(targets, fault),
    clearFaults: () => clearFaults(targets),
    setBusy: (count) => void (device.forcedRetries = count),
    powerCycle(ms = 5000) {
      power.downUntil = clock.now() + ms;
      device.resetAfterPowerCycle();
    },
    setName: (name) => void (device.name = name),
    command: run,
    requests: () => http.requests(),
    status: () => ({
      variant: options.variant ?? 'hd',
      getStatus: device.status().trim(),
      channels: Object.fromEntries(device.channels),
      linkLoss: device.linkLoss,
      ignoreCommands: device.ignoreCommands,
      forcedRetries: device.forcedRetries,
      retriesSent: device.retriesSent,
      slow: http.transport.slow,
      unreachable: http.transport.unreachable,
      down: clock.now() < power.downUntil,
    }),
    async close() {
      closing.abort();
      device.close();
      await http.close();
    },
  };
}
