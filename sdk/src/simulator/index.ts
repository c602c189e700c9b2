/**
 * Building blocks for protocol-faithful device simulators (driver plugins ship one each, for their tests
 * and as a CLI): a wall clock, an HTTP server on the loopback that closes with its connections, the
 * `/__sim` control endpoint with transport faults and a request log, the control-command grammar
 * helpers, and the pieces of a simulator CLI. Import it from the `simulator` subpath of the SDK package.
 * Device protocols stay in the plugins: nothing here knows a device.
 *
 * @packageDocumentation
 */
export { createWallClock, wallClock, type WallClockOptions } from './wall-clock.js';
export {
  closeServer,
  listenOn,
  startHttpServer,
  type ListenOptions,
  type SimulatorHttpServer,
  type SimulatorRequestHandler,
} from './http-server.js';
export { MAX_BODY_CHARS, readBody, sendJson, sendText } from './http-replies.js';
export {
  controlEndpoint,
  REQUEST_LOG_SIZE,
  SIMULATOR_CONTROL_PATH,
  startHttpSimulator,
  type HttpSimulator,
  type HttpSimulatorOptions,
  type TransportFaults,
} from './http-simulator.js';
export {
  commandReply,
  numberArg,
  oneOf,
  runSimulatorCommand,
  standardSimulatorCommands,
  type CommandReply,
  type ControllableSimulator,
  type NumberArgOptions,
  type SimulatorCommand,
  type SimulatorCommands,
} from './commands.js';
export {
  exitOnSignals,
  optionalNumberFlag,
  printJsonLine,
  runSimulatorCli,
  serveSimulatorCli,
  serveStdinCommands,
  SIMULATOR_CONTROL_USAGE,
  simulatorFlags,
  wholeNumberFlag,
  type CommandableSimulator,
  type SimulatorCliPlan,
} from './cli.js';
