/**
 * The SDK's test kit: a fake clock and an in-memory plugin context for plugin unit tests.
 * Import it from the `testing` subpath of the SDK package.
 *
 * @packageDocumentation
 */
export { FakeClock } from './fake-clock.js';
export { createFakeBus, type FakeBus, type FakeBusOptions } from './fake-bus.js';
export { createMemoryLogger, type LogLevel, type LogRecord } from './memory-logger.js';
export { bindService, type ServiceBinding } from './service-registry.js';
export { createTestContext, type TestContext, type TestContextOptions } from './test-context.js';
export {
  compareMeetings,
  expectedMeetingTable,
  localTimeToEpochMs,
  normaliseLocal,
  readExpectedMeetings,
  type CompareMeetingsOptions,
  type ExpectedMeetings,
  type ExpectedTable,
  type MeetingComparison,
} from './meeting-fixtures.js';
export { check, registerWithMocha, type ConformanceCase } from './conformance.js';
export {
  describeDriverConformance,
  driverConformanceCases,
  notApplicableCases,
  type DriverConformanceOptions,
  type DriverSimulatorHandle,
  type SimulatorFault,
} from './driver-conformance.js';
export {
  conformanceMessage,
  describeNotifierConformance,
  notifierConformanceCases,
  notifierFromPlugin,
  type IdempotencyMode,
  type NotifierConformanceOptions,
  type NotifierFault,
  type NotifierFromPluginOptions,
  type NotifierReceiver,
  type NotifierUnderTest,
  type PluginNotifier,
  type ReceivedNotification,
} from './notifier-conformance.js';
export { emErrorOf, expectEmError, type Failing } from './em-errors.js';
export {
  MEETING_FIXTURES_ROOT,
  meetingFixture,
  meetingFixtureUrl,
  scrapeInputFactory,
  type MeetingFixture,
  type ScrapeInputFactory,
} from './meeting-inputs.js';
export { controlDriver, outputOf, pollDriver } from './driver-calls.js';
export {
  runSimulatorToExit,
  spawnSimulator,
  type SimulatorExit,
  type SimulatorProcess,
} from './simulator-process.js';
